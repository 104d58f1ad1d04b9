// Mock of boost/cobalt/wait_group.hpp (Boost.Cobalt) for corolint tests: the
// structured way to start promises without awaiting each at once.
#pragma once
#include <boost/cobalt/promise.hpp>
#include <utility>
#include <vector>

namespace boost::cobalt {
struct wait_group {
  /// Takes ownership of a running promise; awaiting the group joins them.
  void push_back(promise<void> p) { running_.push_back(std::move(p)); }
  bool await_ready() const noexcept { return running_.empty(); }
  void await_suspend(std::coroutine_handle<> h) { h.resume(); }
  void await_resume() noexcept {}

private:
  std::vector<promise<void>> running_;
};
} // namespace boost::cobalt
