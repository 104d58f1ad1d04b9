#!/usr/bin/env python3
"""Fails when a check source names an API in a string literal outside the
catalog without saying why.

The catalog (checks/ApiCatalog.def, read through ApiCatalog.h/.cpp) is the
one place corolint learns what an API does; a qualified name quoted in check
code ("asio::use_future", "::fcntl", "boost::asio") is API knowledge that
escaped it, invisible to the catalog's own tests. A remaining one must carry
a comment starting "Why not the catalog:" on its line or in the five lines
above. Diagnostic text and fix-it text that merely mention a name are not
names: only a literal that is wholly a qualified name or a namespace prefix
counts.

  catalog_names.py <checks dir>...
"""
import os
import re
import sys

QUALIFIED = re.compile(
    r'"((?:::)?[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*(?:::)?)"')
MARKER = "Why not the catalog:"
REACH = 5


def literal_names(code):
    return [m for m in QUALIFIED.findall(code) if "::" in m]


def code_of(line):
    stripped = line.lstrip()
    if stripped.startswith("//"):
        return ""
    # A trailing comment is prose; '//' inside a string literal is rare
    # enough in this code base to be ignored.
    return line.split("//", 1)[0]


def main():
    problems = []
    for root_dir in sys.argv[1:]:
        paths = [root_dir] if os.path.isfile(root_dir) else sorted(
            os.path.join(root_dir, f) for f in os.listdir(root_dir))
        for path in paths:
            name = os.path.basename(path)
            if not name.endswith((".cpp", ".h")) or name.startswith("ApiCatalog."):
                continue
            lines = open(path, encoding="utf-8").read().splitlines()
            for i, line in enumerate(lines):
                names = literal_names(code_of(line))
                if not names:
                    continue
                window = lines[max(0, i - REACH):i + 1]
                if any(MARKER in w for w in window):
                    continue
                problems.append("%s:%d: %s" % (path, i + 1, ", ".join(names)))
    for p in problems:
        print("catalog-names: quoted qualified name outside the catalog: " + p)
    print("catalog-names: %d unexplained" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
