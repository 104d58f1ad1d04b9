// Mock of async_simple/Executor.h for corolint tests.
#pragma once
#include <coroutine>
#include <functional>

namespace async_simple {
class Executor {
public:
  using Func = std::function<void()>;
  virtual ~Executor() = default;
  virtual bool schedule(Func func) = 0;
  virtual bool currentThreadInExecutor() const { return false; }
};

/// `co_await CurrentExecutor()` yields the executor the Lazy runs on, null
/// when it runs on none (upstream: through Lazy's await_transform).
struct CurrentExecutor {
  Executor *ex = nullptr;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  Executor *await_resume() const noexcept { return ex; }
};
} // namespace async_simple
