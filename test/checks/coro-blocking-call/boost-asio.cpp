// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// The same rules with Boost.Asio's spelling: rewrites use boost::asio::.
#include <boost/asio.hpp>
#include <chrono>
#include <thread>

namespace net = boost::asio;
using net::ip::tcp;
using namespace std::chrono_literals;

net::awaitable<void> proxy(tcp::socket client, tcp::socket server) {
  char buf[4096];
  boost::system::error_code ec;
  for (;;) {
    std::size_t n = client.read_some(net::buffer(buf), ec);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'proxy' stalls the executor thread; use 'async_read_some' instead [coro-blocking-call]
    // CHECK-FIXES: std::size_t n = co_await client.async_read_some(net::buffer(buf), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec)
      break;
    co_await net::async_write(server, net::buffer(buf, n), net::use_awaitable);
  }
}

net::awaitable<void> retry_with_backoff(tcp::socket &sock,
                                        tcp::endpoint target) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    boost::system::error_code ec;
    co_await sock.async_connect(target,
                                net::redirect_error(net::use_awaitable, ec));
    if (!ec)
      co_return;
    std::this_thread::sleep_for(100ms * attempt);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'retry_with_backoff'
    // CHECK-FIXES: co_await boost::asio::steady_timer(co_await boost::asio::this_coro::executor, 100ms * attempt).async_wait(boost::asio::use_awaitable);
  }
}

// Negatives.
net::awaitable<void> async_proxy(tcp::socket client, tcp::socket server) {
  char buf[4096];
  for (;;) {
    std::size_t n =
        co_await client.async_read_some(net::buffer(buf), net::use_awaitable);
    co_await net::async_write(server, net::buffer(buf, n), net::use_awaitable);
  }
}

void sync_tool(net::io_context &io) {
  tcp::socket sock(io);
  tcp::resolver resolver(io);
  net::connect(sock, resolver.resolve("localhost", "80"));
  std::this_thread::sleep_for(10ms);
}
