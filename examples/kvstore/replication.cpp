// replication.cpp - pushes snapshots of the table to a replica server.
#include "replication.h"

#include <asio.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>

namespace kv {

using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr std::chrono::milliseconds InitialBackoff = 100ms;
constexpr std::chrono::milliseconds MaxBackoff = 10s;

// Resolves the replica with the C library's resolver. This came from the
// command-line admin tool, where waiting for DNS is harmless.
std::optional<tcp::endpoint> lookup_peer(const std::string &host,
                                         const std::string &port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo *found = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0)
    return std::nullopt;
  tcp::endpoint endpoint;
  std::copy_n(reinterpret_cast<const char *>(found->ai_addr),
              found->ai_addrlen, reinterpret_cast<char *>(endpoint.data()));
  endpoint.resize(found->ai_addrlen);
  freeaddrinfo(found);
  return endpoint;
}

// One snapshot on the wire: "<count>\n" then "<key>\t<value>\n" per entry.
std::string encode(const std::vector<std::pair<std::string, std::string>> &entries) {
  std::string batch = std::to_string(entries.size()) + "\n";
  for (const auto &[key, value] : entries)
    batch += key + "\t" + value + "\n";
  return batch;
}

// Sends a snapshot whenever the table's version moves; returns when the
// replica goes away.
asio::awaitable<void> push_updates(tcp::socket &socket, Store &store) {
  asio::steady_timer poll(socket.get_executor());
  std::uint64_t sent_version = ~std::uint64_t{0};
  for (;;) {
    if (store.version() != sent_version) {
      std::uint64_t version = 0;
      std::string batch = encode(store.snapshot(version));
      std::error_code ec;
      co_await asio::async_write(socket, asio::buffer(batch),
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec)
        co_return;
      sent_version = version;
    }
    poll.expires_after(200ms);
    co_await poll.async_wait(asio::use_awaitable);
  }
}

} // namespace

asio::awaitable<void> replicate(Store &store, Config config) {
  auto executor = co_await asio::this_coro::executor;
  std::chrono::milliseconds backoff = InitialBackoff;
  for (;;) {
    std::optional<tcp::endpoint> peer =
        lookup_peer(config.replica_host, config.replica_port);
    tcp::socket socket(executor);
    std::error_code ec;
    if (peer)
      co_await socket.async_connect(
          *peer, asio::redirect_error(asio::use_awaitable, ec));
    if (!peer || ec) {
      // Back off before the next attempt, doubling up to a ceiling.
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, MaxBackoff);
      continue;
    }
    backoff = InitialBackoff;
    co_await push_updates(socket, store);
  }
}

} // namespace kv
