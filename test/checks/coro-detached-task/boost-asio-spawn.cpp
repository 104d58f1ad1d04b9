// RUN: %check_corolint %s coro-detached-task %t -- %std_flags
//
// The Boost.Asio spelling of the same rules: boost::asio::co_spawn with
// boost::asio::detached. In main the fix rethrows out of run(); in the
// listener there is only advice; error-handling sessions stay silent.
#include <boost/asio.hpp>
#include <cstdio>
#include <exception>

namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<void> echo_guarded(tcp::socket socket) {
  try {
    char data[512];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(net::buffer(data),
                                                      net::use_awaitable);
      co_await net::async_write(socket, net::buffer(data, n),
                                net::use_awaitable);
    }
  } catch (const std::exception &e) {
    std::printf("echo: %s\n", e.what());
  }
}

net::awaitable<void> echo_unguarded(tcp::socket socket) {
  char data[512];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(net::buffer(data), net::use_awaitable);
    co_await net::async_write(socket, net::buffer(data, n), net::use_awaitable);
  }
}

net::awaitable<void> listener(tcp::acceptor acceptor) {
  auto executor = co_await net::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, echo_guarded(std::move(socket)), net::detached);
    tcp::socket other = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, echo_unguarded(std::move(other)), net::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'boost::asio::co_spawn' with 'net::detached' drops any exception thrown by 'echo_unguarded' and nothing waits for it; handle the std::exception_ptr in the completion handler (log it), or catch inside the coroutine [coro-detached-task]
    // A completion handler that looks at the exception is not detached.
    tcp::socket third = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, echo_unguarded(std::move(third)),
                  [](std::exception_ptr e) {
                    if (e)
                      std::fputs("session failed\n", stderr);
                  });
  }
}

// main does not catch around run(): a rethrowing handler would turn the lost
// error into std::terminate, so the finding comes without that fix.
int main() {
  net::io_context io;
  net::co_spawn(io, listener(tcp::acceptor(io, {tcp::v4(), 5555})),
                net::detached);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'boost::asio::co_spawn' with 'net::detached' drops any exception thrown by 'listener', so the program carries on as if nothing had failed; use a completion handler that reports it, or rethrows it into a try block around run() [coro-detached-task]
  // CHECK-FIXES: {{^}}                net::detached);
  io.run();
}
