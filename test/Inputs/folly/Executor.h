// Mock of folly/Executor.h for corolint tests: the upstream names, trivial
// bodies.
#pragma once
#include <functional>

namespace folly {
using Func = std::function<void()>;

class Executor {
public:
  virtual ~Executor() = default;
  virtual void add(Func) = 0;

  template <typename ExecutorT = Executor> class KeepAlive {
  public:
    KeepAlive() = default;
    /* implicit */ KeepAlive(ExecutorT *executor) : executor_(executor) {}
    template <typename OtherExecutor>
    /* implicit */ KeepAlive(const KeepAlive<OtherExecutor> &other)
        : executor_(other.get()) {}
    ExecutorT *get() const { return executor_; }
    ExecutorT *operator->() const { return executor_; }
    explicit operator bool() const { return executor_ != nullptr; }

  private:
    ExecutorT *executor_ = nullptr;
  };

  template <typename ExecutorT>
  static KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT *executor) {
    return KeepAlive<ExecutorT>(executor);
  }
};

template <typename ExecutorT>
Executor::KeepAlive<ExecutorT> getKeepAliveToken(ExecutorT *executor) {
  return Executor::KeepAlive<ExecutorT>(executor);
}
} // namespace folly
