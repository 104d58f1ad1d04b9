// The climb from the leaves, what it refuses and why, and what the rewrite
// keeps; the migrated file must compile.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/climb.cpp
// RUN: %corolint migrate --plan %t/climb.cpp -- %std_flags | FileCheck %s --check-prefix=PLAN
// RUN: %corolint migrate --fix --quiet %t/climb.cpp -- %std_flags
// RUN: FileCheck %s --check-prefix=FIXED < %t/climb.cpp
// RUN: %clangxx -fsyntax-only %std_flags %t/climb.cpp
// RUN: %corolint migrate --diff %t/climb.cpp -- %std_flags > %t/again.diff
// RUN: not grep . %t/again.diff

#include <asio.hpp>
#include <functional>
#include <mutex>

using asio::ip::tcp;

thread_local int requests_served = 0;

// PLAN: migration to asio: 8 functions become coroutines, 0 roots bridged, 5 refused

// A leaf with an awaitable form.
std::size_t read_header(tcp::socket& s, char* out)
{
  return asio::read(s, asio::buffer(out, 4));
}
// FIXED: asio::awaitable<std::size_t> read_header(tcp::socket& s, char* out)
// FIXED: co_return co_await asio::async_read(s, asio::buffer(out, 4), asio::use_awaitable);

// Its callers, a member function and an out-of-line definition.
struct Session
{
  tcp::socket socket;
  std::size_t next()
  {
    char buffer[4];
    return read_header(socket, buffer);
  }
  std::size_t twice();
};
// FIXED: asio::awaitable<std::size_t> next()
// FIXED: co_return co_await read_header(socket, buffer);
// FIXED: asio::awaitable<std::size_t> twice();

std::size_t Session::twice()
{
  return next() + next();
}
// FIXED: asio::awaitable<std::size_t> Session::twice()
// FIXED: co_return co_await next() + co_await next();

// Mutual recursion converges: both become coroutines awaiting each other.
std::size_t ping(tcp::socket& s, int n);
std::size_t pong(tcp::socket& s, int n)
{
  return n == 0 ? asio::write(s, asio::buffer("x", 1)) : ping(s, n - 1);
}
std::size_t ping(tcp::socket& s, int n)
{
  return pong(s, n);
}
// FIXED: asio::awaitable<std::size_t> ping(tcp::socket& s, int n);
// FIXED: co_return n == 0 ? co_await asio::async_write(s, asio::buffer("x", 1), asio::use_awaitable) : co_await ping(s, n - 1);
// FIXED: co_return co_await pong(s, n);

// A read reporting errors through an error_code keeps doing so.
std::size_t read_some_checked(tcp::socket& s, asio::error_code& ec)
{
  char buffer[16];
  return s.read_some(asio::buffer(buffer), ec);
}
// FIXED: co_return co_await s.async_read_some(asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));

// A lambda's return stays a return.
int converted_with_lambda(tcp::socket& s)
{
  auto twice = [](int v) { return 2 * v; };
  char buffer[1];
  asio::read(s, asio::buffer(buffer));
  return twice(1);
}
// FIXED: auto twice = [](int v) { return 2 * v; };
// FIXED: co_await asio::async_read(s, asio::buffer(buffer), asio::use_awaitable);
// FIXED: co_return twice(1);

// thread_local state is reported for review.
void count_and_read(tcp::socket& s)
{
  ++requests_served;
  char buffer[1];
  asio::read(s, asio::buffer(buffer));
}

// An existing coroutine awaits what becomes one.
asio::awaitable<void> existing(tcp::socket& s)
{
  char buffer[4];
  read_header(s, buffer);
  co_return;
}
// FIXED: co_await read_header(s, buffer);

// Refused: its address is taken, so calls through the pointer would break.
std::size_t callback_read(tcp::socket& s)
{
  char buffer[1];
  return s.read_some(asio::buffer(buffer));
}
std::function<std::size_t(tcp::socket&)> reader = callback_read;
// FIXED: std::size_t callback_read(tcp::socket& s)
// FIXED: return s.read_some(asio::buffer(buffer));

// Refused: a lambda calls it, and the lambda would have to become a
// coroutine too.
std::size_t in_lambda(tcp::socket& s)
{
  return asio::write(s, asio::buffer("y", 1));
}
void lambda_user(tcp::socket& s)
{
  auto send = [&] { return in_lambda(s); };
  send();
}
// FIXED: std::size_t in_lambda(tcp::socket& s)
// FIXED: void lambda_user(tcp::socket& s)

// Refused: the lock would be held across the co_await.
std::mutex write_mutex;
void locked_write(tcp::socket& s)
{
  std::lock_guard<std::mutex> guard(write_mutex);
  asio::write(s, asio::buffer("z", 1));
}
// FIXED: void locked_write(tcp::socket& s)

// Refused: virtual, and a template.
struct Sender
{
  virtual void send(tcp::socket& s)
  {
    asio::write(s, asio::buffer("v", 1));
  }
};
template <class T> void send_value(tcp::socket& s, T v)
{
  asio::write(s, asio::buffer("t", 1));
}
// FIXED: virtual void send(tcp::socket& s)
// FIXED: template <class T> void send_value(tcp::socket& s, T v)

// A function with nothing to migrate is left alone.
int add(int a, int b)
{
  return a + b;
}
// FIXED: int add(int a, int b)
// FIXED-NEXT: {
// FIXED-NEXT:   return a + b;

// The plan lists the converted functions by name; mutual recursion is one
// tree, each function once.
// PLAN: Session::twice ({{.*}}): becomes a coroutine
// PLAN-NEXT:   - awaits 'Session::next' (line {{[0-9]+}})
// PLAN-NEXT:   Session::next ({{.*}}): becomes a coroutine
// PLAN-NEXT:     - awaits 'read_header'
// PLAN-NEXT:     read_header ({{.*}}): becomes a coroutine
// PLAN-NEXT:       - 'asio::read' (line {{[0-9]+}}) becomes its awaitable form
// PLAN: ping ({{.*}}climb.cpp:{{[0-9]+}}): becomes a coroutine
// PLAN-NEXT:   - awaits 'pong'
// PLAN-NEXT:   pong ({{.*}}): becomes a coroutine
// PLAN-NEXT:     - 'asio::write' (line {{[0-9]+}}) becomes its awaitable form
// PLAN-NEXT:     - awaits 'ping'
// PLAN-NEXT:     ping (see above)
// PLAN: existing ({{.*}}): a coroutine already, awaits what becomes one
// PLAN-NEXT:   - awaits 'read_header'
// PLAN: refused (stays synchronous):
// PLAN-NEXT: callback_read ({{.*}}): its address is taken (climb.cpp:{{[0-9]+}}): calls through the pointer cannot be rewritten
// PLAN-NEXT: in_lambda ({{.*}}): called in a lambda, which would have to become a coroutine too
// PLAN-NEXT: locked_write ({{.*}}): calls 'asio::write' (line {{[0-9]+}}) while 'guard' is locked: the lock would be held across the co_await
// PLAN-NEXT: Sender::send ({{.*}}): virtual: every override and every call through the base would change too
// PLAN-NEXT: send_value ({{.*}}): a template: its instantiations are not rewritten yet
// PLAN: to review:
// PLAN-NEXT: count_and_read ({{.*}}): uses thread_local 'requests_served'
// PLAN-NOT: add
