// kvctl.cpp - a command-line client of kvstore, written the synchronous
// way: connect, send each command, print each reply.
//
//   kvctl <host> <port> <command>...      e.g. kvctl localhost 7000 "GET a"
//
// It has no async mistakes to find; it is the example of corolint migrate
// (docs/migrate.md): `corolint migrate -p <db> kvctl.cpp --diff` shows it
// moved to asio coroutines, from the socket calls up to main.
#include <asio.hpp>

#include <iostream>
#include <string>

using asio::ip::tcp;

namespace {

std::string send_command(tcp::socket &socket, const std::string &command) {
  asio::write(socket, asio::buffer(command + "\n"));
  std::string reply;
  std::size_t length =
      asio::read_until(socket, asio::dynamic_buffer(reply), '\n');
  return reply.substr(0, length);
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4) {
    std::cerr << "usage: kvctl <host> <port> <command>...\n";
    return 2;
  }
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    tcp::socket socket(io);
    asio::connect(socket, resolver.resolve(argv[1], argv[2]));
    for (int i = 3; i < argc; ++i)
      std::cout << send_command(socket, argv[i]);
  } catch (const std::exception &e) {
    std::cerr << "kvctl: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
