#!/bin/sh
# make_db.sh DIR [EXTRA-ENTRY-FLAGS]: writes DIR/compile_commands.json from
# the template beside the sources; with an argument, peer.cpp gets a second
# entry compiled with those flags (a second build configuration).
dir=$1
flags='"-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-DASIO_HAS_STD_COROUTINE=1"'
sed -e "s|@DIR@|$dir|g" -e "s|@FLAGS@|$flags|g" "$dir/compile_commands.json.in" > "$dir/compile_commands.json"
if [ -n "$2" ]; then
  sed -i -e '$d' "$dir/compile_commands.json"
  sed -i -e '$s/$/,/' "$dir/compile_commands.json"
  printf ' {"directory": "%s", "file": "peer.cpp", "arguments": ["clang++-22", %s, "%s", "-c", "peer.cpp"]}\n]\n' "$dir" "$flags" "$2" >> "$dir/compile_commands.json"
fi
