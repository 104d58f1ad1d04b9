#!/usr/bin/env python3
"""Writes DIR/compile_commands.json compiling every DIR/*.cpp with the
test suite's flags (C++20, asio's coroutines)."""
import json
import os
import sys

d = os.path.abspath(sys.argv[1])
flags = ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-DASIO_HAS_STD_COROUTINE=1"]
db = [{"directory": d, "file": os.path.join(d, f),
       "arguments": ["clang++-22"] + flags + ["-c", f]}
      for f in sorted(os.listdir(d)) if f.endswith(".cpp")]
with open(os.path.join(d, "compile_commands.json"), "w") as out:
    json.dump(db, out, indent=1)
