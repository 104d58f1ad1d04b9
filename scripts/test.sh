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
echo "== building corolint"
if ! "$root/scripts/build.sh" >"$build/build-output.log" 2>&1; then
  tail -n 40 "$build/build-output.log"
  echo "test.sh: build failed (full log: $build/build-output.log)" >&2
  exit 1
fi

echo "== running tests"
# Re-configure so new test directories are registered, and drop old reports
# so the count covers exactly this run.
cmake "$build" >/dev/null
rm -f "$build"/test/results/*.xml
status=0
(cd "$build" && ctest --output-on-failure) || status=$?
python3 "$root/scripts/lit-summary.py" "$build/test/results" || status=1
exit $status
