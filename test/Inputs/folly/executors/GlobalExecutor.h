// Mock of folly/executors/GlobalExecutor.h for corolint tests.
#pragma once
#include <folly/executors/CPUThreadPoolExecutor.h>

namespace folly {
inline Executor::KeepAlive<> getGlobalCPUExecutor() {
  static CPUThreadPoolExecutor pool(1);
  return &pool;
}
} // namespace folly
