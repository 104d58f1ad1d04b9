"""make_compile_db.py <out.json> <src-dir> <file>... : a compile database
compiling each file in src-dir with C++20 and asio's coroutine flags."""
import json
import sys

out, src, files = sys.argv[1], sys.argv[2], sys.argv[3:]
flags = ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-DASIO_HAS_STD_COROUTINE=1"]
with open(out, "w") as f:
    json.dump([{"directory": src, "file": name,
                "arguments": ["clang++"] + flags + ["-c", name]}
               for name in files], f, indent=1)
