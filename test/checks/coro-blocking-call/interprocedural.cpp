// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// Blocking reached through the project's own plain functions: migration
// goes from the leaves up, so the coroutine's call is reported with the
// path down to the blocking API.
#include <asio.hpp>
#include <fstream>
#include <netdb.h>
#include <string>

namespace config {
std::string read_file(const std::string &path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
std::string load(const std::string &name) { return read_file("/etc/" + name); }
} // namespace config

static bool host_exists(const char *host) {
  addrinfo *res = nullptr;
  bool ok = getaddrinfo(host, nullptr, nullptr, &res) == 0;
  if (res)
    freeaddrinfo(res);
  return ok;
}

asio::awaitable<void> handle_request(asio::ip::tcp::socket sock) {
  std::string cfg = config::load("app.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'config::load' in coroutine 'handle_request' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O) [coro-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-14]]:52: note: through the call to 'config::read_file' here
  // CHECK-MESSAGES: :[[@LINE-18]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here
  if (!host_exists("upstream.internal"))
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'host_exists' in coroutine 'handle_request' blocks the executor thread: it reaches 'getaddrinfo' (DNS lookup)
    // CHECK-MESSAGES: :[[@LINE-13]]:13: note: 'getaddrinfo' blocks here
    co_return;
  co_await asio::async_write(sock, asio::buffer(cfg), asio::use_awaitable);
}

// ---- Negatives.

// Helpers that compute, recurse, or only start asynchronous work.
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static std::string greeting(const std::string &who) { return "hello " + who; }
static void start_write(asio::ip::tcp::socket &sock, const std::string &msg) {
  asio::async_write(sock, asio::buffer(msg),
                    [](std::error_code, std::size_t) {});
}
// A helper that hands the blocking work to a pool does not block its caller.
static void audit_in_background(asio::thread_pool &pool, std::string line) {
  asio::post(pool, [line] { std::ofstream("audit.log", std::ios::app) << line; });
}

asio::awaitable<void> respond(asio::ip::tcp::socket &sock,
                              asio::thread_pool &pool) {
  std::string msg = greeting("world") + std::to_string(fib(10));
  start_write(sock, msg);
  audit_in_background(pool, msg);
  co_await asio::async_write(sock, asio::buffer(msg), asio::use_awaitable);
}
