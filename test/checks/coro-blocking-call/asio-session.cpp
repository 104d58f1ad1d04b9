// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// A line-based echo/key-value session written against the real asio 1.22
// headers: every synchronous socket operation inside the coroutine is
// reported and rewritten to its awaitable form; the async code, and the
// same synchronous calls outside any coroutine, stay silent.
#include <asio.hpp>
#include <string>
#include <thread>

using asio::ip::tcp;

asio::awaitable<void> session(tcp::socket sock) {
  char data[1024];
  for (;;) {
    std::size_t n = sock.read_some(asio::buffer(data));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'session' stalls the executor thread; use 'async_read_some' instead [coro-blocking-call]
    // CHECK-FIXES: std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
    asio::write(sock, asio::buffer(data, n));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'asio::write' (socket I/O) in coroutine 'session'
    // CHECK-FIXES: co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  }
}

asio::awaitable<void> session_with_error_codes(tcp::socket &sock) {
  char data[512];
  asio::error_code ec;
  std::size_t n = sock.read_some(asio::buffer(data), ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'asio::basic_stream_socket::read_some'
  // CHECK-FIXES: std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::redirect_error(asio::use_awaitable, ec));
  if (ec)
    co_return;
  sock.write_some(asio::buffer(data, n), ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::write_some'
  // CHECK-FIXES: co_await sock.async_write_some(asio::buffer(data, n), asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<std::string> read_request_line(tcp::socket &sock) {
  std::string line;
  std::size_t n = asio::read_until(sock, asio::dynamic_buffer(line), '\n');
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'asio::read_until'
  // CHECK-FIXES: std::size_t n = co_await asio::async_read_until(sock, asio::dynamic_buffer(line), '\n', asio::use_awaitable);
  line.resize(n);
  co_return line;
}

asio::awaitable<void> listener(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket peer = acceptor.accept();
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: blocking call to 'asio::basic_socket_acceptor::accept'
    // CHECK-FIXES: tcp::socket peer = co_await acceptor.async_accept(asio::use_awaitable);
    co_await asio::async_write(peer, asio::buffer("hello\n", 6),
                               asio::use_awaitable);
  }
}

asio::awaitable<void> connect_upstream(tcp::socket &upstream,
                                       tcp::resolver &resolver) {
  auto endpoints = resolver.resolve("backend.internal", "8080");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking call to 'asio::ip::basic_resolver::resolve' (DNS lookup)
  // CHECK-FIXES: auto endpoints = co_await resolver.async_resolve("backend.internal", "8080", asio::use_awaitable);
  asio::connect(upstream, endpoints);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'asio::connect'
  // CHECK-FIXES: asio::async_connect(upstream, endpoints, asio::use_awaitable);
  // The result of the rewrite is used by a member access: parenthesised.
  auto first = resolver.resolve("cache.internal", "6379").begin();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call to 'asio::ip::basic_resolver::resolve'
  // CHECK-FIXES: auto first = (co_await resolver.async_resolve("cache.internal", "6379", asio::use_awaitable)).begin();
  (void)first;
  co_return;
}

asio::awaitable<void> heartbeat(asio::steady_timer &timer,
                                tcp::socket *conn) {
  timer.expires_after(std::chrono::seconds(1));
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_waitable_timer::wait' (sleep)
  // CHECK-FIXES: co_await timer.async_wait(asio::use_awaitable);
  conn->send(asio::buffer("ping", 4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::send'
  // CHECK-FIXES: co_await conn->async_send(asio::buffer("ping", 4), asio::use_awaitable);
  co_return;
}

// ---- Negatives: correct asynchronous code and synchronous code outside
// any async context must stay silent.

asio::awaitable<void> async_session(tcp::socket sock) {
  char data[1024];
  for (;;) {
    std::size_t n = co_await sock.async_read_some(asio::buffer(data),
                                                  asio::use_awaitable);
    co_await asio::async_write(sock, asio::buffer(data, n),
                               asio::use_awaitable);
  }
}

asio::awaitable<void> async_connect_upstream(tcp::socket &upstream) {
  tcp::resolver resolver(co_await asio::this_coro::executor);
  auto endpoints = co_await resolver.async_resolve("backend.internal", "8080",
                                                   asio::use_awaitable);
  co_await asio::async_connect(upstream, endpoints, asio::use_awaitable);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(std::chrono::milliseconds(50));
  co_await timer.async_wait(asio::use_awaitable);
}

// A blocking client in a plain function is synchronous code, not async code.
std::size_t blocking_client(asio::io_context &io) {
  tcp::resolver resolver(io);
  tcp::socket sock(io);
  asio::connect(sock, resolver.resolve("localhost", "7"));
  asio::write(sock, asio::buffer("x", 1));
  char reply[1];
  return asio::read(sock, asio::buffer(reply));
}

// Work handed to a thread pool runs on the pool's threads, not on the
// coroutine's executor: the lambda is not part of the coroutine.
asio::awaitable<void> offload(asio::thread_pool &pool, tcp::socket &sock) {
  asio::post(pool, [&sock] {
    char data[16];
    sock.read_some(asio::buffer(data));
  });
  std::thread worker([&sock] { asio::write(sock, asio::buffer("y", 1)); });
  worker.detach();
  co_return;
}

// Non-blocking operations of the synchronous API: available() and
// non_blocking() do not wait.
asio::awaitable<std::size_t> probe(tcp::socket &sock) {
  sock.non_blocking(true);
  co_return sock.available();
}
