#!/usr/bin/env python3
"""Fails when a name the API catalog gives for a framework no longer exists in
the headers corolint's tests use for that framework.

Every quoted qualified name in checks/ApiCatalog.def under a framework
namespace (libcoro's `coro::`, `async_simple::`, `folly::`, ...) is checked
against that framework's headers: each component after the namespace
(`scheduler`, `spawn_detached`) must occur there as a whole word. It is a
textual check, which is what catches a rename such as libcoro's io_scheduler
becoming scheduler: the catalog row for the old name then matches nothing,
silently, in every program.

  catalog_currency.py [--current] <ApiCatalog.def> <framework> <header>...

With --current the headers are a current release: rows marked
`// older API: ...` (names kept for users of earlier releases) are left out.
Without it, rows marked `// newer API: ...` (names of releases after the
headers the tests use) are left out.
"""
import os
import re
import sys

NAMESPACES = {
    "asio": ["asio::"],
    "boost-asio": ["boost::asio::"],
    "libcoro": ["coro::"],
    "async_simple": ["async_simple::"],
    "cppcoro": ["cppcoro::"],
    "folly": ["folly::"],
    "stdexec": ["stdexec::", "exec::"],
    "cobalt": ["boost::cobalt::"],
    "concurrencpp": ["concurrencpp::"],
    "drogon": ["drogon::"],
}


def main():
    args = sys.argv[1:]
    current = args[0] == "--current"
    if current:
        args = args[1:]
    catalog, framework, dirs = args[0], args[1], args[2:]
    prefixes = NAMESPACES[framework]
    names = set()
    with open(catalog, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("COROLINT_"):
                continue
            if current and "// older API" in line:
                continue
            if not current and "// newer API" in line:
                continue
            for name in re.findall(r'"([A-Za-z_][A-Za-z0-9_:]*)"', line):
                if any(name.startswith(p) for p in prefixes):
                    names.add(name)
    words = set()
    for d in dirs:
        walk = [(os.path.dirname(d), [], [os.path.basename(d)])] \
            if os.path.isfile(d) else os.walk(d)
        for root, _, files in walk:
            for file in files:
                with open(os.path.join(root, file), encoding="utf-8",
                          errors="replace") as f:
                    words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", f.read()))
    missing = []
    for name in sorted(names):
        prefix = next(p for p in prefixes if name.startswith(p))
        parts = [p for p in name[len(prefix):].split("::") if p]
        absent = [p for p in parts if p not in words]
        if absent:
            missing.append("%s (no %s)" % (name, ", ".join(absent)))
    for m in missing:
        print("catalog-currency: %s: %s is not in %s" %
              (framework, m, " ".join(dirs)))
    print("catalog-currency: %s: %d names, %d missing" %
          (framework, len(names), len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
