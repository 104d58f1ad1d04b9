// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// File I/O inside a coroutine: streams that touch the disk, C stdio and
// std::filesystem. In-memory streams and default-constructed file streams
// do not touch the disk.
#include <asio.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

asio::awaitable<std::string> load_template(const std::string &name) {
  std::ifstream in("templates/" + name);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' (file I/O) in coroutine 'load_template' stalls the executor thread; use asynchronous file I/O, or a thread pool that hands the result back instead [coro-blocking-call]
  std::string body, line;
  while (std::getline(in, line))
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'std::getline' (file I/O)
    body += line;
  co_return body;
}

asio::awaitable<void> append_audit(const std::string &entry) {
  std::ofstream audit;
  audit.open("audit.log", std::ios::app);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::basic_ofstream::open' (file I/O)
  audit << entry << '\n';
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::operator<<' (file I/O)
  co_return;
}

asio::awaitable<long> stat_upload(const char *path) {
  if (!fs::exists(path))
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'std::filesystem::exists' (file I/O)
    co_return -1;
  FILE *f = std::fopen(path, "rb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'fopen' (file I/O)
  char chunk[4096];
  std::size_t n = std::fread(chunk, 1, sizeof chunk, f);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'fread' (file I/O)
  std::fclose(f);
  co_return static_cast<long>(n);
}

// ---- Negatives.

// String streams are memory, not disk.
asio::awaitable<std::string> render(int status) {
  std::ostringstream out;
  out << "HTTP/1.1 " << status << "\r\n";
  std::istringstream in("a b");
  std::string word;
  in >> word;
  std::getline(in, word);
  co_return out.str();
}

// Path manipulation does not touch the disk.
asio::awaitable<std::string> normalise(const std::string &p) {
  fs::path path(p);
  co_return (path.parent_path() / path.filename()).lexically_normal().string();
}

// A stream that is only declared (never opened) does not touch the disk.
asio::awaitable<void> maybe_log(bool enabled) {
  std::ofstream sink;
  if (!enabled)
    co_return;
  co_return;
}

// Reading a file in a plain function is synchronous code.
std::string read_config(const char *path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
