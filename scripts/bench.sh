#!/usr/bin/env bash
# Times build/bin/corolint against `clang++-22 -fsyntax-only` on the same
# files (asio 1.22's coroutine examples and examples/kvstore), with the same
# flags, and prints what corolint costs on top of parsing. Uses hyperfine
# (installed from Debian if missing).
#
#   scripts/bench.sh [--runs N] [file.cpp...]
#   scripts/bench.sh --targets [--runs N] [--set asio|boost|both]
#
# --targets measures docs/performance.md's targets (paired wall-time ratio,
# peak memory, -j2 scaling, the result cache, the project index):
# scripts/bench-targets.py (--only-index: the index row alone).
#
# Columns: clang = clang++-22 -fsyntax-only; parse = corolint with every
# check disabled (driver + parse + AST); corolint = the default coro-* checks.
# Times are means over N runs (default 5, after one warm-up), wall clock and
# user+sys CPU; on a busy machine trust the CPU columns.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --targets ]; then
  shift
  exec python3 "$root/scripts/bench-targets.py" "$@"
fi
build=${BUILD_DIR:-$root/build}
runs=5
files=()
while [ $# -gt 0 ]; do
  case $1 in
  --runs) runs=$2; shift 2 ;;
  -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
  *) files+=("$(realpath "$1")"); shift ;;
  esac
done

die() {
  echo "bench.sh: $*" >&2
  exit 1
}

if ! command -v hyperfine >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || die "hyperfine is missing; run as root or apt-get install hyperfine"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1; } ||
    die "cannot install hyperfine"
fi
corolint=$build/bin/corolint
[ -x "$corolint" ] || die "$corolint not found: run ./scripts/build.sh first"
clangxx=$(command -v clang++-22) || die "clang++-22 not found"

if [ ${#files[@]} -eq 0 ]; then
  files=(/usr/share/doc/libasio-dev/examples/cpp17/coroutines_ts/*.cpp
    "$root"/examples/kvstore/server.cpp "$root"/examples/kvstore/replication.cpp)
fi
flags="-std=c++20 -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1 -pthread"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A disabled-checks run isolates what the checks themselves cost; skip that
# column if this corolint refuses to run without checks.
parse_column=1
"$corolint" --checks=-* "${files[0]}" -- $flags >/dev/null 2>&1 || parse_column=0

echo "corolint $("$corolint" --version 2>/dev/null | grep -m1 -io 'version [^ ]*' || true)," \
  "$(nproc) cores, $runs runs per command, load $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
for f in "${files[@]}"; do
  i=$((i + 1))
  cmds=("$clangxx -fsyntax-only $flags $f")
  [ $parse_column = 0 ] || cmds+=("$corolint --no-cache --checks=-* $f -- $flags")
  cmds+=("$corolint --no-cache $f -- $flags")
  # corolint exits 1 when it has findings: that is not a failed run here.
  hyperfine --style none --warmup 1 --runs "$runs" -i \
    --export-json "$work/$i.json" "${cmds[@]}" >/dev/null 2>&1 ||
    die "hyperfine failed on $f"
done

python3 - "$work" "$parse_column" "${files[@]}" <<'PY'
import json, os, sys
work, parse_column, files = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
rows = []
for i, path in enumerate(files, 1):
    results = json.load(open(os.path.join(work, "%d.json" % i)))["results"]
    wall = [r["mean"] * 1000 for r in results]
    cpu = [(r["user"] + r["system"]) * 1000 for r in results]
    rows.append((os.path.basename(path), wall, cpu))

def line(name, wall, cpu):
    cells = ["%-40s" % name[:40]]
    for w, c in zip(wall, cpu):
        cells.append("%6.0f %6.0f" % (w, c))
    over_w = wall[-1] - wall[0]
    over_c = cpu[-1] - cpu[0]
    cells.append("%+6.0f %+5.0f%%" % (over_c, 100 * over_c / cpu[0]))
    if parse_column:
        checks = cpu[-1] - cpu[1]
        cells.append("%+6.0f %+5.0f%%" % (checks, 100 * checks / cpu[0]))
    return "  ".join(cells)

names = ["clang", "parse", "corolint"] if parse_column else ["clang", "corolint"]
head = ["%-40s" % "file (ms: wall cpu)"] + ["%13s" % n for n in names]
head.append("%13s" % "overhead cpu")
if parse_column:
    head.append("%13s" % "checks cpu")
print("  ".join(head))
for name, wall, cpu in rows:
    print(line(name, wall, cpu))
n = len(rows)
total_wall = [sum(r[1][k] for r in rows) for k in range(len(names))]
total_cpu = [sum(r[2][k] for r in rows) for k in range(len(names))]
print(line("TOTAL (%d files)" % n, total_wall, total_cpu))
print("overhead = corolint - clang -fsyntax-only (user+sys CPU); checks = corolint - parse")
PY
