#include "inventory.h"

#include <chrono>
#include <istream>
#include <thread>

using asio::ip::tcp;

// Asks the supplier; a refused connection is retried with a back-off.
int fetch_stock(const std::string& sku, unsigned short port, int attempt)
{
  asio::io_context io_context;
  tcp::socket socket(io_context);
  asio::error_code error;
  socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port), error);
  if (error)
  {
    if (attempt == 5)
      return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
    return fetch_stock(sku, port, attempt + 1);
  }
  asio::write(socket, asio::buffer("STOCK " + sku + "\n"));
  asio::streambuf reply;
  asio::read_until(socket, reply, '\n');
  std::istream in(&reply);
  int stock = 0;
  in >> stock;
  return stock;
}
