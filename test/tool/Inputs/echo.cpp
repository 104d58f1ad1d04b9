// An asio echo session with two blocking calls that have async rewrites.
#include <asio.hpp>
#include <chrono>
#include <thread>

asio::awaitable<void> echo(asio::ip::tcp::socket sock) {
  char data[64];
  std::size_t n = sock.read_some(asio::buffer(data));
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
}
