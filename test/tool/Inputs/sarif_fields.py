"""sarif_fields.py <log.sarif> locations|rules : checks of a corolint SARIF
log that FileCheck cannot express, printed as lines for FileCheck.

locations: every artifactLocation in the results has an `index` into
run.artifacts naming the same location; prints how many are relative to
%SRCROOT% and how many absolute, and the artifact table.
rules: every rule has a helpUri ending in /checks/<id>.md and the code
scanning properties; prints one line per rule."""
import json
import sys


def artifact_locations(value):
    if isinstance(value, dict):
        for key, member in value.items():
            if key == "artifactLocation":
                yield member
            else:
                yield from artifact_locations(member)
    elif isinstance(value, list):
        for member in value:
            yield from artifact_locations(member)


def fail(message):
    print("error: " + message)
    sys.exit(1)


log = json.load(open(sys.argv[1]))
(run,) = log["runs"]
if sys.argv[2] == "locations":
    artifacts = run.get("artifacts", [])
    relative = absolute = 0
    for location in artifact_locations(run["results"]):
        index = location.get("index")
        if not isinstance(index, int) or not 0 <= index < len(artifacts):
            fail("bad index in %s" % location)
        named = artifacts[index]["location"]
        if (named["uri"], named.get("uriBaseId")) != (location["uri"], location.get("uriBaseId")):
            fail("index %d names %s, not %s" % (index, named, location))
        if location.get("uriBaseId") == "%SRCROOT%":
            if location["uri"].startswith(("/", "file:")):
                fail("relative location with an absolute uri: %s" % location)
            relative += 1
        elif "uriBaseId" in location:
            fail("unknown uriBaseId: %s" % location)
        else:
            if not location["uri"].startswith("file:///"):
                fail("absolute location without a file URI: %s" % location)
            absolute += 1
    print("locations: %d relative, %d absolute" % (relative, absolute))
    for artifact in artifacts:
        print("artifact: %s %s" % (artifact["location"].get("uriBaseId", "-"), artifact["location"]["uri"]))
elif sys.argv[2] == "rules":
    for rule in run["tool"]["driver"]["rules"]:
        props = rule["properties"]
        if not rule["helpUri"].endswith("/checks/%s.md" % rule["id"]):
            fail("helpUri of %s: %s" % (rule["id"], rule["helpUri"]))
        if props["precision"] not in ("very-high", "high", "medium", "low"):
            fail("precision of %s" % rule["id"])
        if props["problem.severity"] not in ("error", "warning", "recommendation"):
            fail("problem.severity of %s" % rule["id"])
        if not props["tags"] or not all(isinstance(t, str) for t in props["tags"]):
            fail("tags of %s" % rule["id"])
        print("rule: %s helpUri precision=%s problem.severity=%s tags=%s" % (
            rule["id"], props["precision"], props["problem.severity"], ",".join(props["tags"])))
else:
    fail("unknown mode " + sys.argv[2])
