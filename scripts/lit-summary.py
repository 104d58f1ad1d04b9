#!/usr/bin/env python3
"""Sums lit's xUnit reports (build/test/results/*.xml) into one closing line,
`N passed, N failed` (plus skipped/expected-failure counts when non-zero), so
a CI log shows how many lit tests ran, not only how many ctest groups."""
import glob
import os
import sys
import xml.etree.ElementTree as ET


def main():
    results_dir = sys.argv[1]
    passed = failed = skipped = 0
    reports = sorted(glob.glob(os.path.join(results_dir, "*.xml")))
    for report in reports:
        for case in ET.parse(report).getroot().iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
    if not reports:
        print("no lit results found in %s" % results_dir)
        return 1
    line = "lit: %d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print(line + " (%d directories)" % len(reports))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
