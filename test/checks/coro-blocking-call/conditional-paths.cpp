// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
// RUN: %check_corolint -check-suffix=ALL %s coro-blocking-call %t \
// RUN:   -config="{CheckOptions: {coro-blocking-call.ReportConditionalPaths: true}}" \
// RUN:   -- %std_flags
//
// A helper blocks its callers only through what it does on its normal path.
// A logger whose synchronous rotation runs only when the file is full, or an
// error path, must not make every log call in every coroutine "blocking"
// (the real-world sweep saw exactly that); a join on the normal path is the
// reason named, not the rotation beside it. ReportConditionalPaths also
// reports the paths through branches.
#include <asio.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>

namespace logging {
struct sink {
  std::FILE *file = nullptr;
  std::size_t written = 0;
  std::size_t limit = 0; // 0: never rotate (the default)
};
inline sink the_sink;

void rotate(sink &s) {
  std::filesystem::remove("app.log.1");
  std::filesystem::rename("app.log", "app.log.1");
  s.written = 0;
}

// Formats into a memory buffer; rotates only when a limit is configured and
// reached.
void log(const std::string &line) {
  the_sink.written += line.size();
  if (the_sink.limit != 0 && the_sink.written > the_sink.limit)
    rotate(the_sink);
}
} // namespace logging

asio::awaitable<void> serve(asio::ip::tcp::socket sock) {
  logging::log("accepted");
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: call to 'logging::log' in coroutine 'serve' blocks the executor thread: it reaches 'std::filesystem::remove' (file I/O) [coro-blocking-call]
  // CHECK-MESSAGES-ALL: :[[@LINE-7]]:5: note: through the call to 'logging::rotate' here
  // CHECK-MESSAGES-ALL: :[[@LINE-18]]:3: note: 'std::filesystem::remove' blocks here
  char data[64];
  co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
}

// The worker's shutdown logs on the side and joins on its normal path: the
// join is what blocks, and what the finding names.
struct worker {
  std::thread thread;
  bool verbose = false;
  void stop() {
    if (verbose)
      logging::log("stopping");
    thread.join();
  }
};

asio::awaitable<void> shut_down(worker &w) {
  w.stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'worker::stop' in coroutine 'shut_down' blocks the executor thread: it reaches 'std::thread::join' (waits for another thread) [coro-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'std::thread::join' blocks here
  // CHECK-MESSAGES-ALL: :[[@LINE-3]]:3: warning: call to 'worker::stop' in coroutine 'shut_down' blocks the executor thread: it reaches 'std::thread::join' (waits for another thread) [coro-blocking-call]
  // CHECK-MESSAGES-ALL: :[[@LINE-9]]:5: note: 'std::thread::join' blocks here
  co_return;
}

// An error path: the fallback sleeps only when the write failed.
bool send_all(int fd, const char *data, std::size_t n) {
  if (::send(fd, data, n, MSG_DONTWAIT) < 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return false;
  }
  return true;
}

asio::awaitable<void> push(int fd) {
  send_all(fd, "ping", 4);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: call to 'send_all' in coroutine 'push' blocks the executor thread: it reaches 'std::this_thread::sleep_for' (sleep) [coro-blocking-call]
  // CHECK-MESSAGES-ALL: :[[@LINE-9]]:5: note: 'std::this_thread::sleep_for' blocks here
  co_return;
}

// A helper that always reads the file is reported in both modes.
std::string read_all(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  std::string out;
  char buf[256];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f))
    out.append(buf, n);
  std::fclose(f);
  return out;
}

asio::awaitable<std::string> load_template() {
  co_return read_all("page.html");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'read_all' in coroutine 'load_template' blocks the executor thread: it reaches 'fopen' (file I/O) [coro-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-12]]:18: note: 'fopen' blocks here
  // CHECK-MESSAGES-ALL: :[[@LINE-3]]:13: warning: call to 'read_all' in coroutine 'load_template' blocks the executor thread: it reaches 'fopen' (file I/O) [coro-blocking-call]
  // CHECK-MESSAGES-ALL: :[[@LINE-14]]:18: note: 'fopen' blocks here
}
