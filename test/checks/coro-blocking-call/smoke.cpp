// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
#include <asio.hpp>

asio::awaitable<void> echo(asio::ip::tcp::socket sock) {
  char data[64];
  std::size_t n = sock.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'echo' stalls the executor thread; use 'async_read_some' instead [coro-blocking-call]
  // CHECK-FIXES: std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
}
