// The Boost.Cobalt mock headers compile realistic cobalt code next to the
// real Boost.Asio headers; task is lazy, promise is eager.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/cobalt.hpp>
#include <exception>
#include <type_traits>

static_assert(std::is_same_v<
              decltype(std::declval<boost::cobalt::task<int>::promise_type &>()
                           .initial_suspend()),
              std::suspend_always>);
static_assert(
    std::is_same_v<
        decltype(std::declval<boost::cobalt::promise<int>::promise_type &>()
                     .initial_suspend()),
        std::suspend_never>);

boost::cobalt::task<int> readValue() { co_return 42; }
boost::cobalt::promise<int> prefetch() { co_return 1; }
boost::cobalt::detached audit() { co_return; }

boost::cobalt::task<void> serve() {
  int a = co_await readValue();
  auto early = prefetch();
  int b = co_await early;
  audit();
  (void)(a + b);
}

int main() {
  boost::asio::io_context ctx;
  boost::cobalt::spawn(ctx, serve(), boost::asio::detached);
  boost::cobalt::spawn(ctx, readValue(), [](std::exception_ptr e, int) {
    if (e)
      std::rethrow_exception(e);
  });
  boost::cobalt::run(serve());
  return boost::cobalt::run(readValue());
}
