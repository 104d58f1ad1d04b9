// Talks to a peer: blocking in the default build, asynchronous-ready (no
// I/O here) when built with PEER_STUB.
#include "repository.h"
#include <asio.hpp>

std::string ask_peer(const std::string &what) {
#ifdef PEER_STUB
  return "stub:" + what;
#else
  asio::io_context io;
  asio::ip::tcp::socket sock(io);
  sock.connect({asio::ip::make_address("127.0.0.1"), 7000});
  asio::write(sock, asio::buffer(what));
  return "sent";
#endif
}
