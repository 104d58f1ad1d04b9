// The request handler: a coroutine calling into the repository, which is
// compiled separately.
#include "repository.h"
#include <asio.hpp>

asio::awaitable<void> handle(asio::ip::tcp::socket sock) {
  std::string page = load_page("index.html");
  std::string greeting = greet("world");
  std::string user = find_user(42);
  std::string peer = ask_peer("status");
  std::string cached = wait_for_cache("motd");
  co_await asio::async_write(sock, asio::buffer(page + greeting + user + peer + cached),
                             asio::use_awaitable);
}

asio::awaitable<void> handle_store(Store &store, FileStore &files) {
  std::string a = store.get("k"); // Any Store: the overrider is unknown.
  std::string b = files.get("k");
  std::string c = header_helper("k");
  std::string d = walk_tree(3);
  std::string e = defined_nowhere("k");
  std::string (*reader)(const std::string &) = &load_page;
  std::string f = reader("k"); // Through a pointer: not followed.
  (void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
  co_return;
}

// A plain function is no async context: calling a blocking helper is fine.
std::string render_offline() { return load_page("offline.html"); }
