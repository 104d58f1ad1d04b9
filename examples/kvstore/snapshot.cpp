#include "snapshot.h"

#include <cstdint>
#include <fstream>

// Written for the offline backup tool, where a blocking write is fine;
// the server calls it too (see server.cpp's SNAPSHOT command).
static std::size_t write_lines(const std::string &path,
                               const kv::Store &store) {
  std::ofstream out(path, std::ios::trunc);
  std::size_t bytes = 0;
  std::uint64_t version = 0;
  for (const auto &[key, value] : store.snapshot(version)) {
    out << key << ' ' << value << '\n';
    bytes += key.size() + value.size() + 2;
  }
  return bytes;
}

std::size_t save_snapshot(const kv::Store &store, const std::string &path) {
  return write_lines(path + ".tmp", store);
}
