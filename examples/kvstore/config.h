// config.h - server settings, read from a `key = value` file at start-up.
#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

namespace kv {

struct Config {
  std::string path;
  std::uint16_t port = 7379;
  std::uint16_t admin_port = 7380;
  std::string replica_host;
  std::string replica_port = "7379";
  std::string metrics_host = "127.0.0.1";
  std::string metrics_port = "9125";
  std::chrono::milliseconds flush_interval{10000};
  std::size_t max_value_size = 1 << 20;

  // Applies one `key = value` line; returns false for an unknown key.
  bool apply(const std::string &line) {
    auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos)
      return true;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (key == "port")
      port = static_cast<std::uint16_t>(std::stoul(value));
    else if (key == "admin_port")
      admin_port = static_cast<std::uint16_t>(std::stoul(value));
    else if (key == "replica_host")
      replica_host = value;
    else if (key == "replica_port")
      replica_port = value;
    else if (key == "metrics_host")
      metrics_host = value;
    else if (key == "metrics_port")
      metrics_port = value;
    else if (key == "flush_interval_ms")
      flush_interval = std::chrono::milliseconds(std::stoul(value));
    else if (key == "max_value_size")
      max_value_size = std::stoul(value);
    else
      return false;
    return true;
  }

private:
  static std::string trim(const std::string &s) {
    auto begin = s.find_first_not_of(" \t");
    auto end = s.find_last_not_of(" \t\r");
    return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
  }
};

// Reads the whole file; called from main() before the event loop starts, where
// blocking on the disk is fine.
inline Config load_config(const std::string &path) {
  Config config;
  config.path = path;
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open config file " + path);
  std::string line;
  while (std::getline(in, line))
    if (!config.apply(line))
      throw std::runtime_error("unknown setting in " + path + ": " + line);
  return config;
}

} // namespace kv
