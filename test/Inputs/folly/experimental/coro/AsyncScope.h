// Mock of folly/experimental/coro/AsyncScope.h for corolint tests.
#pragma once
#include <cstddef>
#include <folly/Unit.h>
#include <folly/experimental/coro/Task.h>
#include <folly/futures/Future.h>

namespace folly::coro {
/// Owns tasks started with add(); joinAsync() waits for all of them.
class AsyncScope {
public:
  AsyncScope() noexcept = default;
  explicit AsyncScope(bool throwOnJoin) noexcept : throwOnJoin_(throwOnJoin) {}
  AsyncScope(const AsyncScope &) = delete;

  /// Takes a task that already has an executor (co_withExecutor(...)).
  template <typename Awaitable> void add(Awaitable &&awaitable) {
    static_assert(
        requires { awaitable.executor(); },
        "AsyncScope::add needs a TaskWithExecutor");
    ++count_;
  }
  Task<void> joinAsync() noexcept { co_return; }
  SemiFuture<Unit> cleanup() noexcept { return makeSemiFuture(); }
  std::size_t remaining() const noexcept { return count_; }

private:
  bool throwOnJoin_ = false;
  std::size_t count_ = 0;
};
} // namespace folly::coro
