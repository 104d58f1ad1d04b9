#!/usr/bin/env python3
"""Tabulates, per coroutine of a test file, which checks warn in it.

Usage: differential.py SOURCE CHECKER_OUTPUT...
Prints one line per coroutine defined in SOURCE (in source order):
  <name> corolint=<0|1> hostile=<0|1> cp52=<0|1>
A warning belongs to the function whose definition most recently started
above its line, so it does not matter whether a check points at the lock
(corolint, misc-coroutine-hostile-raii) or at the suspension point
(cppcoreguidelines-no-suspend-with-lock).
"""
import re
import sys

CHECKS = {
    "coro-lock-across-await": "corolint",
    "misc-coroutine-hostile-raii": "hostile",
    "cppcoreguidelines-no-suspend-with-lock": "cp52",
}


def main():
    source, outputs = sys.argv[1], sys.argv[2:]
    starts = []
    with open(source) as f:
        for number, line in enumerate(f, 1):
            m = re.match(r"^(?:task|agen|gen)\s+(\w+)\(", line)
            if m:
                starts.append((number, m.group(1)))
    seen = {name: set() for _, name in starts}
    warning = re.compile(r":(\d+):\d+: warning: .*\[([\w.-]+)\]$")
    for path in outputs:
        with open(path) as f:
            for line in f:
                m = warning.search(line.rstrip())
                if not m or m.group(2) not in CHECKS:
                    continue
                number = int(m.group(1))
                owner = None
                for start, name in starts:
                    if start <= number:
                        owner = name
                if owner:
                    seen[owner].add(CHECKS[m.group(2)])
    for _, name in starts:
        print(name, " ".join("%s=%d" % (c, c in seen[name])
                             for c in ("corolint", "hostile", "cp52")))


if __name__ == "__main__":
    main()
