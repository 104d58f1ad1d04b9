// Mock of async_simple/executors/SimpleExecutor.h for corolint tests.
#pragma once
#include <async_simple/Executor.h>
#include <cstddef>

namespace async_simple::executors {
class SimpleExecutor : public Executor {
public:
  explicit SimpleExecutor(std::size_t threadNum) : n_(threadNum) {}
  bool schedule(Func func) override {
    func();
    return true;
  }

private:
  std::size_t n_;
};
} // namespace async_simple::executors
