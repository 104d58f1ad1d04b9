// server.cpp - kvstore, a small key-value server on asio C++20 coroutines.
//
//   kvstore <config-file>
//
// Clients speak a line protocol on `port`: GET <key>, SET <key> <value>,
// DEL <key>, RELOAD, SNAPSHOT (snapshot.cpp). Operators query counters on
// `admin_port` (stats, version, quit). Counters are pushed to a statsd-style
// collector over UDP and appended to a local file. Writes are replicated to
// `replica_host` from a thread of their own.
#include "config.h"
#include "replication.h"
#include "snapshot.h"
#include "store.h"

#include <asio.hpp>

#include <array>
#include <csignal>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>

namespace kv {

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

// Runs one command of the client protocol against the table.
std::string execute(std::string_view line, Store &store) {
  auto space = line.find(' ');
  std::string_view verb = line.substr(0, space);
  std::string_view rest =
      space == std::string_view::npos ? "" : line.substr(space + 1);
  if (verb == "GET") {
    std::optional<std::string> value = store.get(std::string(rest));
    return value ? "$" + *value + "\n" : "-not found\n";
  }
  if (verb == "SET") {
    auto split = rest.find(' ');
    if (split == std::string_view::npos)
      return "-usage: SET <key> <value>\n";
    store.set(std::string(rest.substr(0, split)),
              std::string(rest.substr(split + 1)));
    return "+OK\n";
  }
  if (verb == "DEL")
    return store.erase(std::string(rest)) ? "+OK\n" : "-not found\n";
  return "-unknown command\n";
}

awaitable<void> client_session(tcp::socket socket, Store &store,
                               Config &config, Metrics &metrics) {
  ++metrics.connections;
  std::string buffer;
  for (;;) {
    std::error_code ec;
    std::size_t n = co_await asio::async_read_until(
        socket, asio::dynamic_buffer(buffer, config.max_value_size + 256), '\n',
        asio::redirect_error(use_awaitable, ec));
    if (ec)
      break;
    std::string line = buffer.substr(0, n - 1);
    buffer.erase(0, n);
    ++metrics.commands;

    std::string reply;
    if (line == "RELOAD") {
      // Re-read the settings file so operators can change limits live.
      Config fresh = config;
      std::ifstream in(config.path);
      std::string setting;
      std::size_t applied = 0;
      while (std::getline(in, setting))
        applied += fresh.apply(setting);
      config = fresh;
      reply = "+OK " + std::to_string(applied) + " settings\n";
    } else if (line == "SNAPSHOT") {
      std::size_t bytes = save_snapshot(store, config.path + ".snapshot");
      reply = "+OK " + std::to_string(bytes) + " bytes\n";
    } else {
      reply = execute(line, store);
    }
    if (reply[0] == '-')
      ++metrics.errors;
    co_await asio::async_write(socket, asio::buffer(reply),
                               asio::redirect_error(use_awaitable, ec));
    if (ec)
      break;
  }
  --metrics.connections;
}

// Operator console, ported from the old thread-per-connection server.
awaitable<void> admin_session(tcp::socket socket, Store &store,
                              Metrics &metrics) {
  std::array<char, 256> request;
  for (;;) {
    std::size_t n = socket.read_some(asio::buffer(request));
    std::string_view command(request.data(), n);
    if (command.starts_with("quit"))
      co_return;
    std::string reply;
    if (command.starts_with("stats"))
      reply = metrics.render();
    else if (command.starts_with("version"))
      reply = std::to_string(store.version()) + "\n";
    else
      reply = "unknown command\n";
    asio::write(socket, asio::buffer(reply));
  }
}

awaitable<void> listen(tcp::acceptor acceptor,
                       std::function<awaitable<void>(tcp::socket)> session) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)),
                   asio::detached);
  }
}

// Every flush_interval: pushes the counters to the collector and appends
// them to a local file.
awaitable<void> flush_metrics(const Config &config, Metrics &metrics,
                              asio::thread_pool &disk) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::udp::resolver resolver(executor);
  std::future<asio::ip::udp::resolver::results_type> lookup =
      resolver.async_resolve(config.metrics_host, config.metrics_port,
                             asio::use_future);
  asio::ip::udp::endpoint collector = lookup.get().begin()->endpoint();

  asio::ip::udp::socket socket(executor, collector.protocol());
  asio::steady_timer timer(executor);
  for (;;) {
    timer.expires_after(config.flush_interval);
    co_await timer.async_wait(use_awaitable);
    std::string report = metrics.render();
    co_await socket.async_send_to(asio::buffer(report), collector,
                                  use_awaitable);
    // The file is written on the disk pool: the event loop never waits for it.
    asio::post(disk, [report, path = config.path + ".metrics"] {
      std::ofstream out(path, std::ios::app);
      out << report;
    });
  }
}

} // namespace kv

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: kvstore <config-file>\n";
    return 2;
  }
  try {
    // Start-up runs before the event loop: blocking here is fine.
    kv::Config config = kv::load_config(argv[1]);
    kv::Store store;
    kv::Metrics metrics;

    asio::io_context io(1);
    asio::thread_pool disk(1);
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](std::error_code, int) { io.stop(); });

    using asio::ip::tcp;
    asio::co_spawn(io,
                   kv::listen(tcp::acceptor(io, {tcp::v4(), config.port}),
                              [&](tcp::socket socket) {
                                return kv::client_session(std::move(socket),
                                                          store, config,
                                                          metrics);
                              }),
                   asio::detached);
    asio::co_spawn(io,
                   kv::listen(tcp::acceptor(io, {tcp::v4(), config.admin_port}),
                              [&](tcp::socket socket) {
                                return kv::admin_session(std::move(socket),
                                                         store, metrics);
                              }),
                   asio::detached);
    asio::co_spawn(io, kv::flush_metrics(config, metrics, disk), asio::detached);

    asio::io_context replication_io(1);
    auto replication_work = asio::make_work_guard(replication_io);
    if (!config.replica_host.empty())
      asio::co_spawn(replication_io, kv::replicate(store, config),
                     asio::detached);
    std::thread replication_thread([&] { replication_io.run(); });

    io.run();
    replication_io.stop();
    replication_thread.join();
    disk.join();
  } catch (const std::exception &e) {
    std::cerr << "kvstore: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
