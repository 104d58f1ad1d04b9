"""aspect.test.py <log.sarif>: one line per result of a corolint SARIF log,
`<rule> <uri>:<line> <message>`, checking that every URI is
relative to %SRCROOT%."""
import json
import sys

log = json.load(open(sys.argv[1]))
for run in log["runs"]:
    for result in run["results"]:
        where = result["locations"][0]["physicalLocation"]
        artifact = where["artifactLocation"]
        assert artifact.get("uriBaseId") == "%SRCROOT%", artifact
        print("%s %s:%d %s" % (result["ruleId"], artifact["uri"],
                               where["region"]["startLine"],
                               result["message"]["text"]))
