// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// Where a co_await may not be inserted the call is still reported, without
// a fix-it: catch handlers (co_await is ill-formed there), lambdas invoked
// on the spot (not coroutines themselves), macros, and coroutines whose
// executor does not take asio's default use_awaitable token.
#include <asio.hpp>
#include <chrono>
#include <thread>

using asio::ip::tcp;
using namespace std::chrono_literals;

asio::awaitable<void> reconnect(tcp::socket &sock, tcp::endpoint ep) {
  try {
    co_await sock.async_connect(ep, asio::use_awaitable);
  } catch (const std::system_error &) {
    std::this_thread::sleep_for(1s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'reconnect'
    // CHECK-FIXES: {{^}}    std::this_thread::sleep_for(1s);{{$}}
  }
}

asio::awaitable<int> checksum(tcp::socket &sock) {
  char data[64];
  int sum = [&] {
    std::size_t n = sock.read_some(asio::buffer(data));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'checksum'
    // CHECK-FIXES: {{^}}    std::size_t n = sock.read_some(asio::buffer(data));{{$}}
    int s = 0;
    for (std::size_t i = 0; i < n; ++i)
      s += data[i];
    return s;
  }();
  co_return sum;
}

#define SLEEP_A_BIT() std::this_thread::sleep_for(10ms)
asio::awaitable<void> throttled() {
  SLEEP_A_BIT();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'throttled'
  // CHECK-FIXES: {{^}}  SLEEP_A_BIT();{{$}}
  co_return;
}

// An awaitable on a concrete executor needs its own token type.
using strict_awaitable = asio::awaitable<void, asio::io_context::executor_type>;
strict_awaitable pinned(tcp::socket &sock) {
  char data[8];
  sock.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::read_some'
  // CHECK-FIXES: {{^}}  sock.read_some(asio::buffer(data));{{$}}
  co_return;
}

// Coroutine lambdas and coroutine templates are async contexts too.
void start(asio::io_context &io, tcp::socket &sock) {
  asio::co_spawn(
      io,
      [&sock]() -> asio::awaitable<void> {
        char data[8];
        sock.read_some(asio::buffer(data));
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine lambda
        // CHECK-FIXES: co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
        co_return;
      },
      asio::detached);
}

template <typename Stream> asio::awaitable<void> drain(Stream &s) {
  char data[8];
  s.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'drain'
  co_return;
}
template asio::awaitable<void> drain(tcp::socket &);

// ---- Negatives.

// Unevaluated operands do not run.
asio::awaitable<std::size_t> sizes(tcp::socket &sock) {
  char data[8];
  using result = decltype(sock.read_some(asio::buffer(data)));
  constexpr bool nothrow = noexcept(std::this_thread::sleep_for(1s));
  co_return sizeof(sock.read_some(asio::buffer(data))) + sizeof(result) +
      nothrow;
}

// A local class's methods are not the coroutine's body.
asio::awaitable<void> local_types() {
  struct Sleeper {
    void nap() { std::this_thread::sleep_for(1ms); }
  };
  Sleeper s;
  (void)s;
  co_return;
}

// A lambda that is only defined here and run on a thread.
asio::awaitable<void> background() {
  auto job = [] { std::this_thread::sleep_for(1ms); };
  std::thread(job).detach();
  co_return;
}
