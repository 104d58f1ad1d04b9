// RUN: %check_corolint %s coro-detached-task %t -- %std_flags -isystem %inputs -I%inputs/corolint-mock
//
// Idioms of the real-world sweep (asio 1.38's C++20 examples, here on Boost.Asio 1.81, async_simple,
// cppcoro), each positive next to the negative it must not be confused with:
// - a top-level listener written against error codes (as_tuple) whose
//   acceptor main builds inside its own try block drops nothing; one that
//   builds (binds) the acceptor itself loses the bind failure;
// - a deferred operation (asio's default token since 1.24) throws when
//   awaited, like use_awaitable; as_tuple(deferred) does not;
// - a throw inside a try that catches everything stays in the coroutine;
// - without a try around run(), the fix-it that rethrows is not offered
//   (it would turn the lost error into std::terminate);
// - a framework's own primitives launch coroutines by design; a detached
//   thread in them is still reported.
#include <boost/asio.hpp>
#include <cstdio>
#include <exception>
#include <framework_primitives.h>

// Boost 1.81 (asio 1.26): as_tuple and deferred, awaitable with co_await.
namespace asio = boost::asio;
using asio::awaitable;
using asio::detached;
using asio::ip::tcp;
using asio::as_tuple;
using asio::deferred;

awaitable<void> serve_errors_as_values(tcp::acceptor &acceptor) {
  for (;;) {
    auto [ec, socket] =
        co_await acceptor.async_accept(as_tuple(asio::use_awaitable));
    if (ec)
      continue;
  }
}

awaitable<void> serve_on_own_port(unsigned short port) {
  tcp::acceptor acceptor(co_await asio::this_coro::executor,
                         {tcp::v4(), port});
  for (;;) {
    auto [ec, socket] =
        co_await acceptor.async_accept(as_tuple(asio::use_awaitable));
    if (ec)
      continue;
  }
}

awaitable<void> echo_deferred(tcp::socket socket) {
  char data[512];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(asio::buffer(data), deferred);
    co_await asio::async_write(socket, asio::buffer(data, n), deferred);
  }
}

awaitable<void> echo_deferred_as_tuple(tcp::socket socket) {
  char data[512];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(
        asio::buffer(data), as_tuple(deferred));
    if (ec)
      co_return;
  }
}

awaitable<void> heartbeat(tcp::socket &socket) {
  asio::steady_timer timer(socket.get_executor());
  try {
    for (;;) {
      timer.expires_after(std::chrono::seconds(1));
      co_await timer.async_wait(deferred);
    }
  } catch (const std::exception &) {
    socket.close();
  }
}

// A timer's wait fails only when the timer is cancelled: that exception is
// the cancellation ending the coroutine, not an error detached loses.
awaitable<void> idle_watch(tcp::socket &socket) {
  asio::steady_timer timer(socket.get_executor());
  for (;;) {
    timer.expires_after(std::chrono::seconds(30));
    co_await timer.async_wait(asio::use_awaitable);
    auto [ec, n] = co_await asio::async_write(socket, asio::buffer("ping\n", 5),
                                           as_tuple(asio::use_awaitable));
    if (ec || n == 0)
      co_return;
  }
}

awaitable<void> accept_sessions(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    co_spawn(acceptor.get_executor(), echo_deferred(std::move(socket)),
             detached);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'boost::asio::co_spawn' with 'detached' drops any exception thrown by 'echo_deferred' and nothing waits for it; handle the std::exception_ptr in the completion handler (log it), or catch inside the coroutine [coro-detached-task]
  }
}

awaitable<void> accept_quiet_sessions(tcp::acceptor &acceptor,
                                      tcp::socket &peer) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    co_spawn(acceptor.get_executor(), echo_deferred_as_tuple(std::move(socket)),
             detached);
    co_spawn(acceptor.get_executor(), heartbeat(peer), detached);
    co_spawn(acceptor.get_executor(), idle_watch(peer), detached);
  }
}

int main() {
  try {
    asio::io_context io;
    tcp::acceptor acceptor(io, {tcp::v4(), 8080});
    co_spawn(io, serve_errors_as_values(acceptor), detached);
    co_spawn(io, serve_on_own_port(8081), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'boost::asio::co_spawn' with 'detached' drops any exception thrown by 'serve_on_own_port', so the program carries on as if nothing had failed; use a completion handler that rethrows it out of the event loop [coro-detached-task]
    // CHECK-FIXES: co_spawn(io, serve_on_own_port(8081), [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
    co_spawn(io, accept_sessions(acceptor), detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'boost::asio::co_spawn' with 'detached' drops any exception thrown by 'accept_sessions', so the program carries on
    // CHECK-FIXES: co_spawn(io, accept_sessions(acceptor), [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
    io.run();
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  async_simple::detail::start_with_callback([] {});
  async_simple::detail::schedule_after(+[] {});
}

// CHECK-MESSAGES: framework_primitives.h:20:46: warning: 'std::thread::detach' lets the work go
