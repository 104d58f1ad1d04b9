// RUN: %check_corolint %s coro-unawaited-task %t -- %std_flags
//
// A key-value client on the real asio 1.22 headers. asio::awaitable is
// lazy: an operation or coroutine whose awaitable is dropped never runs.
// Inside the coroutine the fix inserts co_await; in a catch block (where
// co_await is ill-formed) and in plain functions the message says how to
// run it instead.
#include <asio.hpp>
#include <string>
#include <utility>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> send_line(tcp::socket &socket, std::string line) {
  line += '\n';
  co_await asio::async_write(socket, asio::buffer(line), use_awaitable);
}

awaitable<std::string> read_line(tcp::socket &socket) {
  std::string buffer;
  std::size_t n = co_await asio::async_read_until(
      socket, asio::dynamic_buffer(buffer), '\n', use_awaitable);
  buffer.resize(n);
  co_return buffer;
}

awaitable<void> heartbeat(tcp::socket &socket) {
  asio::steady_timer timer(socket.get_executor());
  timer.expires_after(std::chrono::seconds(1));
  timer.async_wait(use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'asio::awaitable' returned by 'async_wait' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await timer.async_wait(use_awaitable);
  send_line(socket, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'asio::awaitable' returned by 'send_line' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await send_line(socket, "PING");
  if (socket.is_open())
    read_line(socket);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task 'asio::awaitable' returned by 'read_line' is never awaited: {{.*}}
  // CHECK-FIXES: {{^}}    co_await read_line(socket);
  auto pending = send_line(socket, "PONG");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'pending' ('asio::awaitable') is never awaited, returned or passed on: a lazy task that is dropped never runs [coro-unawaited-task]
  (void)send_line(socket, "BYE");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: '(void)' discards task 'asio::awaitable' returned by 'send_line': a lazy task that is never awaited never runs [coro-unawaited-task]
  co_spawn(socket.get_executor(), send_line(socket, "QUIT"), use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'asio::awaitable' returned by 'co_spawn' is never awaited: {{.*}}
  // CHECK-FIXES: {{^}}  co_await co_spawn(socket.get_executor(), send_line(socket, "QUIT"), use_awaitable);
  try {
    co_await send_line(socket, "STATUS");
  } catch (const std::exception &) {
    send_line(socket, "RESET");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task 'asio::awaitable' returned by 'send_line' is never awaited: a lazy task that is dropped never runs; spawn it with asio::co_spawn(executor, task, handler), or co_await it from a coroutine [coro-unawaited-task]
  }
}

// A plain function: the task never starts.
void request_shutdown(tcp::socket &socket) {
  send_line(socket, "SHUTDOWN");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'asio::awaitable' returned by 'send_line' is never awaited: a lazy task that is dropped never runs; spawn it with asio::co_spawn(executor, task, handler), or co_await it from a coroutine [coro-unawaited-task]
}

// Negatives: awaited, moved and awaited later, returned, passed on, spawned,
// stored, reassigned.
struct Connection {
  tcp::socket socket;
  awaitable<void> next;

  awaitable<void> greet() {
    co_await send_line(socket, "HELLO");
    std::string reply = co_await read_line(socket);
    auto later = send_line(socket, reply);
    co_await std::move(later);
    co_await asio::co_spawn(socket.get_executor(), send_line(socket, "A"),
                            use_awaitable);
    next = send_line(socket, "B");
    co_await std::move(next);
  }
  awaitable<void> forward() { return send_line(socket, "FWD"); }
  void start() {
    asio::co_spawn(socket.get_executor(), send_line(socket, "START"),
                   [](std::exception_ptr) {});
    asio::co_spawn(socket.get_executor(), greet(), asio::detached);
  }
  awaitable<void> &pending() { return next; }
  void reset() {
    next = send_line(socket, "RESET");
    pending() = forward();
    pending();
    std::move(next);
  }
};

awaitable<void> run_all(Connection &c) {
  co_await [&]() -> awaitable<void> {
    send_line(c.socket, "NESTED");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task 'asio::awaitable' returned by 'send_line' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
    // CHECK-FIXES: {{^}}    co_await send_line(c.socket, "NESTED");
    co_return;
  }();
  [&] {
    send_line(c.socket, "IIFE");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task 'asio::awaitable' returned by 'send_line' is never awaited: a lazy task that is dropped never runs; spawn it {{.*}}
  }();
}
