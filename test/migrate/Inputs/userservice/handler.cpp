#include "service.h"

#include <cstdlib>
#include <iostream>

using asio::ip::tcp;

Settings settings;

std::string handle_request(const std::string& line)
{
  if (line.rfind("USER ", 0) != 0)
    return "ERROR bad request\n";
  std::string user = find_user(line.substr(5));
  if (user.empty())
    return "ERROR no such user\n";
  return "OK " + user + "\n";
}

static void handle_connection(tcp::socket socket)
{
  asio::streambuf buffer;
  asio::error_code error;
  for (;;)
  {
    std::size_t length = asio::read_until(socket, buffer, '\n', error);
    if (error)
      break;
    std::string line(asio::buffers_begin(buffer.data()),
                     asio::buffers_begin(buffer.data()) + length - 1);
    buffer.consume(length);
    asio::write(socket, asio::buffer(handle_request(line)));
  }
}

void serve(asio::io_context& io_context, unsigned short port)
{
  tcp::acceptor acceptor(io_context,
                         tcp::endpoint(asio::ip::address_v4::loopback(), port));
  for (;;)
  {
    tcp::socket socket = acceptor.accept();
    handle_connection(std::move(socket));
  }
}

int main(int argc, char* argv[])
{
  if (argc != 4)
  {
    std::cerr << "usage: userservice <port> <peer-port> <data-dir>\n";
    return 1;
  }
  settings.peer_port = static_cast<unsigned short>(std::atoi(argv[2]));
  settings.data_dir = argv[3];
  asio::io_context io_context;
  serve(io_context, static_cast<unsigned short>(std::atoi(argv[1])));
  return 0;
}
