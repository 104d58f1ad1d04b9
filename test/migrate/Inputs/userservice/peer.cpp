#include "service.h"

#include <istream>

using asio::ip::tcp;

std::string ask_peer(const std::string& question)
{
  asio::io_context io_context;
  tcp::socket socket(io_context);
  socket.connect(
      tcp::endpoint(asio::ip::address_v4::loopback(), settings.peer_port));
  asio::write(socket, asio::buffer(question + "\n"));
  asio::streambuf reply;
  asio::read_until(socket, reply, '\n');
  std::istream in(&reply);
  std::string answer;
  std::getline(in, answer);
  return answer;
}
