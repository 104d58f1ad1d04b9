// Mock of boost/cobalt/spawn.hpp (Boost.Cobalt) for corolint tests: starts a
// task on an executor; the completion token (asio-style: a handler taking
// (std::exception_ptr[, T]), or asio::detached) receives the result.
#pragma once
#include <boost/cobalt/task.hpp>
#include <utility>

namespace boost::cobalt {
/// The executor a cobalt coroutine runs on (upstream:
/// boost::asio::any_io_executor).
struct executor {
  bool operator==(const executor &) const = default;
};

template <typename Context, typename T, typename CompletionToken>
  requires requires(Context &c) { c.get_executor(); }
void spawn(Context &context, task<T> &&t, CompletionToken &&token) {
  (void)context;
  (void)t;
  (void)token;
}
template <typename T, typename CompletionToken>
void spawn(executor exec, task<T> &&t, CompletionToken &&token) {
  (void)exec;
  (void)t;
  (void)token;
}
} // namespace boost::cobalt
