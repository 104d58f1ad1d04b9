// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags
// Boost.Asio spellings: boost::asio::use_future is rewritten to
// boost::asio::use_awaitable, never to the standalone asio token.
#include <boost/asio.hpp>
#include <future>
#include <string>

namespace net = boost::asio;
using net::ip::tcp;

net::awaitable<std::string> fetchGreeting() { co_return "hello\n"; }

net::awaitable<void> greet(tcp::socket sock) {
  std::string greeting =
      net::co_spawn(sock.get_executor(), fetchGreeting(), net::use_future)
          .get();
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: sync-over-async: 'std::future::get' in coroutine 'greet' {{.*}}; co_await the operation with 'boost::asio::use_awaitable' instead of 'boost::asio::use_future' [coro-sync-wait]
  // CHECK-FIXES: co_await net::co_spawn(sock.get_executor(), fetchGreeting(), boost::asio::use_awaitable);
  net::async_write(sock, net::buffer(greeting), net::use_future).wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'std::future::wait' in coroutine 'greet' {{.*}} [coro-sync-wait]
  char reply[64];
  auto read = sock.async_read_some(net::buffer(reply), net::use_future);
  std::size_t n = read.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: sync-over-async: 'std::future::get' in coroutine 'greet' {{.*}} instead of 'boost::asio::use_future' [coro-sync-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the future comes from 'boost::asio::use_future' here
  (void)n;
  co_return;
}

net::awaitable<void> runsTheLoop(net::io_context &io) {
  io.run_one();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'boost::asio::io_context::run_one' in coroutine 'runsTheLoop' runs a nested event loop {{.*}} [coro-sync-wait]
  co_return;
}

// --- negatives ---------------------------------------------------------------

net::awaitable<void> greetProperly(tcp::socket sock) {
  std::string greeting = co_await net::co_spawn(
      sock.get_executor(), fetchGreeting(), net::use_awaitable);
  co_await net::async_write(sock, net::buffer(greeting), net::use_awaitable);
}

int main() {
  net::io_context io;
  auto done = net::co_spawn(io, fetchGreeting(), net::use_future);
  std::thread runner([&io] { io.run(); });
  std::string greeting = done.get();
  runner.join();
  net::thread_pool pool(2);
  net::post(pool, [&] { io.run(); });
  pool.join();
  return greeting.empty();
}
