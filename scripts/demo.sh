#!/usr/bin/env bash
# README command 1: installs what is missing, builds corolint and runs it on
# examples/kvstore, a small asio C++20 coroutine server with real defects.
# The findings are the point of the demo, so it exits 0 when corolint reports
# them (corolint itself exits 1 when it finds something); it fails only if
# the install, the build or corolint itself fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cd "$root"

"$root/scripts/install-deps.sh"
mkdir -p "$build"
echo "== building corolint"
if ! "$root/scripts/build.sh" >"$build/build-output.log" 2>&1; then
  tail -n 40 "$build/build-output.log"
  echo "demo.sh: build failed (full log: $build/build-output.log)" >&2
  exit 1
fi

# The example's compiler flags (C++20, asio's coroutine support) are
# examples/kvstore/compile_flags.txt; --whole-program wants the compile
# database a CMake build writes, so the demo writes one from them.
cd "$root/examples/kvstore"
db="$build/kvstore-db"
mkdir -p "$db"
{
  echo "["
  sep=""
  for file in server.cpp replication.cpp snapshot.cpp kvctl.cpp; do
    printf '%s{"directory": "%s", "file": "%s", "arguments": ["clang++-22"' \
      "$sep" "$PWD" "$file"
    while read -r flag; do printf ', "%s"' "$flag"; done <compile_flags.txt
    printf ', "-c", "%s"]}\n' "$file"
    sep=","
  done
  echo "]"
} >"$db/compile_commands.json"
echo "== $build/bin/corolint -p $db --whole-program   (in examples/kvstore)"
echo
status=0
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
"$build/bin/corolint" -p "$db" --whole-program 2>"$errors" || status=$?
echo
case $status in
0) echo "demo.sh: corolint found nothing (unexpected: the example has defects)" ;;
1) echo "demo.sh: corolint reported the findings above (exit status 1);" \
  "this is a demo, so demo.sh exits 0." ;;
*)
  cat "$errors" >&2
  echo "demo.sh: corolint failed with exit status $status" >&2
  exit "$status"
  ;;
esac
