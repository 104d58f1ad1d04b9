#!/usr/bin/env bash
# Runs build/bin/corolint over every example program of asio 1.22
# (libasio-doc: /usr/share/doc/libasio-dev/examples, 190 files) and prints
# every finding, the files that do not compile, and any crash. Takes several
# minutes; the pinned subset runs in the test suite (test/asio-examples/).
#
#   scripts/sweep-asio-examples.sh [examples-dir]
#
# Exit status: 0 if corolint analysed everything without crashing, 1 if not.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corolint=${BUILD_DIR:-$root/build}/bin/corolint
examples=${1:-/usr/share/doc/libasio-dev/examples}
[ -x "$corolint" ] || { echo "sweep: $corolint not found: run ./scripts/build.sh" >&2; exit 1; }
[ -d "$examples" ] || { echo "sweep: $examples not found (apt-get install libasio-doc)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export corolint work examples
analyse() {
  local f=$1 name
  name=$(echo "${f#"$examples"/}" | tr / _)
  # C++03-era examples use asio::placeholders, which need boost::bind.
  "$corolint" --no-cache "$f" -- -std=c++20 -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1 \
    -DASIO_HAS_BOOST_BIND=1 -I"$(dirname "$f")" >"$work/$name.out" 2>"$work/$name.err" &&
    echo 0 >"$work/$name.rc" || echo $? >"$work/$name.rc"
}
export -f analyse
find "$examples" -name '*.cpp' | sort >"$work/files"
xargs -a "$work/files" -P "$(nproc)" -I{} bash -c 'analyse "$1"' _ {}

files=$(wc -l <"$work/files")
crashes=0 errors=0 findings=0
for rc in "$work"/*.rc; do
  name=${rc%.rc}
  if grep -qiE 'stack dump|PLEASE submit|Segmentation fault|Assertion .* failed' "$name.err" ||
    [ "$(cat "$rc")" -gt 2 ]; then
    crashes=$((crashes + 1))
    echo "CRASH: ${name##*/}"
    tail -n 5 "$name.err"
  elif grep -q 'error:' "$name.out"; then
    errors=$((errors + 1))
    echo "does not compile: ${name##*/}: $(grep -m1 'error:' "$name.out" | sed "s|$examples/||")"
  fi
  if grep -q 'warning:' "$name.out"; then
    findings=$((findings + $(grep -c 'warning:' "$name.out")))
    grep -E 'warning:' "$name.out" | sed "s|$examples/||"
  fi
done
echo "sweep: $files files, $findings findings, $errors do not compile, $crashes crashes"
[ "$crashes" = 0 ]
