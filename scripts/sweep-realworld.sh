#!/usr/bin/env bash
# corolint's ecosystem check over ../shared/realworld: see sweep-realworld.py
# (--help) for what it runs, compares and fails on.
exec python3 "$(dirname "$0")/sweep-realworld.py" "$@"
