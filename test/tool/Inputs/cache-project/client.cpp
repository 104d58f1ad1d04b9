// The one file on asio: its finding has a fix-it.
#include <asio.hpp>

asio::awaitable<void> ping(asio::ip::tcp::socket &socket) {
  char reply[16];
  socket.read_some(asio::buffer(reply));
  co_return;
}
