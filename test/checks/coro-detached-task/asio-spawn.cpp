// RUN: %check_corolint %s coro-detached-task %t -- %std_flags
// RUN: %check_corolint -check-suffix=STRICT %s coro-detached-task %t-strict \
// RUN:   -config='{CheckOptions: {coro-detached-task.StrictMode: true}}' \
// RUN:   -- %std_flags
//
// An echo server on the real asio 1.22 headers. A session spawned with
// asio::detached whose body catches everything reports its own errors and
// is silent (StrictMode reports it for its lifetime); one that lets its
// exceptions escape loses them. In main, next to io_context::run(), the
// fix is a completion handler that rethrows out of run(); in the listener
// a rethrow would kill the server over one client, so there is only advice.
#include <asio.hpp>
#include <cstdio>
#include <exception>

using asio::awaitable;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> echo(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n =
          co_await socket.async_read_some(asio::buffer(data), use_awaitable);
      co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
    }
  } catch (const std::exception &e) {
    std::printf("echo: %s\n", e.what());
  }
}

awaitable<void> echo_all(tcp::socket socket) {
  try {
    char data[1024];
    std::size_t n =
        co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  } catch (...) {
  }
}

// Catches, but throws again: the error still reaches the completion.
awaitable<void> echo_rethrowing(tcp::socket socket) {
  try {
    char data[16];
    co_await socket.async_read_some(asio::buffer(data), use_awaitable);
  } catch (const std::exception &) {
    throw;
  }
}

// No try at all: EOF ends it with an exception.
awaitable<void> echo_unguarded(tcp::socket socket) {
  char data[1024];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<std::size_t> count_bytes(tcp::socket socket) {
  char data[1024];
  co_return co_await socket.async_read_some(asio::buffer(data), use_awaitable);
}

awaitable<void> listener(tcp::acceptor acceptor) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(executor, echo(std::move(socket)), detached);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: 'asio::co_spawn' with 'detached' lets 'echo' go: it handles its own exceptions, but nothing owns it or waits for it before shutdown [coro-detached-task]
  }
}

awaitable<void> listener_variants(tcp::acceptor acceptor) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(executor, echo_all(std::move(socket)), asio::detached);
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: 'asio::co_spawn' with 'asio::detached' lets 'echo_all' go: {{.*}}
    asio::co_spawn(executor, echo_unguarded(std::move(socket)), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'echo_unguarded' and nothing waits for it; handle the std::exception_ptr in the completion handler (log it), or catch inside the coroutine [coro-detached-task]
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'echo_unguarded' {{.*}}
    asio::co_spawn(executor, echo_rethrowing(std::move(socket)), asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'echo_rethrowing' {{.*}}
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'echo_rethrowing' {{.*}}

    // A handler that never looks at the exception_ptr is detached too.
    asio::co_spawn(executor, echo_unguarded(std::move(socket)),
                   [](std::exception_ptr) {});
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'asio::co_spawn' with a completion handler that ignores the std::exception_ptr drops any exception thrown by 'echo_unguarded' {{.*}}
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:5: warning: 'asio::co_spawn' with a completion handler that ignores {{.*}}

    // Negative: a handler that inspects the error observes it.
    asio::co_spawn(executor, echo_unguarded(std::move(socket)),
                   [](std::exception_ptr e) {
                     if (e)
                       std::printf("session failed\n");
                   });
    // Negative: awaited through co_spawn(..., use_awaitable).
    co_await asio::co_spawn(executor, echo_unguarded(std::move(socket)),
                            use_awaitable);
    // Negative: a value-returning spawn whose handler logs the error.
    asio::co_spawn(executor, count_bytes(std::move(socket)),
                   [](std::exception_ptr e, std::size_t n) {
                     if (!e)
                       std::printf("%zu bytes\n", n);
                   });
  }
}

// A session object spawning its own halves, as asio's chat server does: the
// lambdas forward to coroutines that catch everything.
class session : public std::enable_shared_from_this<session> {
public:
  explicit session(tcp::socket socket) : socket_(std::move(socket)) {}
  void start() {
    co_spawn(
        socket_.get_executor(),
        [self = shared_from_this()] { return self->reader(); }, detached);
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:5: warning: 'asio::co_spawn' with 'detached' lets 'reader' go: {{.*}}
    co_spawn(
        socket_.get_executor(),
        [self = shared_from_this()]() -> awaitable<void> {
          try {
            co_await self->reader();
          } catch (std::exception &) {
            self->socket_.close();
          }
        },
        detached);
    // CHECK-MESSAGES-STRICT: :[[@LINE-10]]:5: warning: 'asio::co_spawn' with 'detached' lets the coroutine lambda go: {{.*}}
  }

private:
  awaitable<void> reader() {
    try {
      char data[256];
      for (;;)
        co_await socket_.async_read_some(asio::buffer(data), use_awaitable);
    } catch (std::exception &) {
      socket_.close();
    }
  }
  tcp::socket socket_;
};

int main() {
  try {
    asio::io_context io_context(1);
    asio::signal_set signals(io_context, SIGINT, SIGTERM);
    signals.async_wait([&](auto, auto) { io_context.stop(); });

    co_spawn(io_context, listener(tcp::acceptor(io_context, {tcp::v4(), 55555})),
             detached);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'asio::co_spawn' with 'detached' drops any exception thrown by 'listener', so the program carries on as if nothing had failed; use a completion handler that rethrows it out of the event loop [coro-detached-task]
    // CHECK-MESSAGES-STRICT: :[[@LINE-3]]:5: warning: 'asio::co_spawn' with 'detached' drops any exception thrown by 'listener', {{.*}}
    // CHECK-FIXES: {{^}}             [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
    asio::co_spawn(io_context,
                   count_bytes(tcp::socket(io_context)),
                   asio::detached);
    // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'count_bytes', {{.*}}
    // CHECK-MESSAGES-STRICT: :[[@LINE-4]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'count_bytes', {{.*}}
    // CHECK-FIXES: {{^}}                   [](std::exception_ptr e, const auto &) { if (e) std::rethrow_exception(e); });

    // Negative: the rethrowing handler, as asio's newer examples write it.
    asio::co_spawn(io_context,
                   listener_variants(tcp::acceptor(io_context, {tcp::v4(), 55556})),
                   [](std::exception_ptr e) {
                     if (e)
                       std::rethrow_exception(e);
                   });
    io_context.run();
  } catch (std::exception &e) {
    std::printf("Exception: %s\n", e.what());
  }
}
