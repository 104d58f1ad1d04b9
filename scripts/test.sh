#!/usr/bin/env bash
# README command 2: installs what is missing, builds corolint and runs every
# test. ctest drives lit, one ctest test per test directory; the closing line
# counts individual lit tests. Exit status is non-zero if anything failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cd "$root"

"$root/scripts/install-deps.sh"
mkdir -p "$build"
# An existing build directory is re-configured first: a directory that gained
# a CMakeLists.txt (plugin/, clangd/) or new test directories are then part of
# this build and this run.
[ ! -f "$build/build.ninja" ] || cmake "$build" >/dev/null
echo "== building corolint"
if ! "$root/scripts/build.sh" >"$build/build-output.log" 2>&1; then
  tail -n 40 "$build/build-output.log"
  echo "test.sh: build failed (full log: $build/build-output.log)" >&2
  exit 1
fi

echo "== running tests"
# Drop old reports so the count covers exactly this run.
rm -f "$build"/test/results/*.xml
status=0
(cd "$build" && ctest --output-on-failure) || status=$?
python3 "$root/scripts/lit-summary.py" "$build/test/results" || status=1
exit $status
