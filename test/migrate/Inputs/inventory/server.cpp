#include "inventory.h"

#include <cstdlib>
#include <iostream>
#include <thread>

using asio::ip::tcp;

unsigned short supplier_port = 0;

void session(tcp::socket sock)
{
  try
  {
    for (;;)
    {
      char data[256];
      asio::error_code error;
      size_t length = sock.read_some(asio::buffer(data), error);
      if (error == asio::error::eof)
        break;
      else if (error)
        throw asio::system_error(error);
      std::string sku(data, length);
      while (!sku.empty() && (sku.back() == '\n' || sku.back() == '\r'))
        sku.pop_back();
      asio::write(sock, asio::buffer(stock_reply(sku)));
    }
  }
  catch (std::exception& e)
  {
    std::cerr << "session: " << e.what() << "\n";
  }
}

void serve(asio::io_context& io_context, unsigned short port)
{
  tcp::acceptor acceptor(io_context,
                         tcp::endpoint(asio::ip::address_v4::loopback(), port));
  for (;;)
  {
    std::thread(session, acceptor.accept()).detach();
  }
}

int main(int argc, char* argv[])
{
  try
  {
    if (argc != 3)
    {
      std::cerr << "usage: inventory <port> <supplier-port>\n";
      return 1;
    }
    supplier_port = static_cast<unsigned short>(std::atoi(argv[2]));
    asio::io_context io_context;
    serve(io_context, static_cast<unsigned short>(std::atoi(argv[1])));
  }
  catch (std::exception& e)
  {
    std::cerr << "Exception: " << e.what() << "\n";
  }
  return 0;
}
