// Mock of folly/executors/CPUThreadPoolExecutor.h for corolint tests.
#pragma once
#include <cstddef>
#include <folly/Executor.h>

namespace folly {
class CPUThreadPoolExecutor : public Executor {
public:
  explicit CPUThreadPoolExecutor(std::size_t numThreads) : n_(numThreads) {}
  void add(Func f) override { f(); }
  void join() {}
  void stop() {}

private:
  std::size_t n_;
};
} // namespace folly
