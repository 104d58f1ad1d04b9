// The project's configuration helpers: plain functions that read a file.
#pragma once
#include <fstream>
#include <string>

namespace app {

inline std::string read_file(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

inline std::string load_config(const std::string &path) {
  return read_file(path);
}

} // namespace app
