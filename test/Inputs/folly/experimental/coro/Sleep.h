// Mock of folly/experimental/coro/Sleep.h for corolint tests.
#pragma once
#include <folly/experimental/coro/Task.h>

namespace folly {
class Timekeeper;
namespace coro {
/// Completes after the duration without blocking the thread.
inline Task<void> sleep(HighResDuration, Timekeeper * = nullptr) { co_return; }
inline Task<void> sleepReturnEarlyOnCancel(HighResDuration) { co_return; }
} // namespace coro
} // namespace folly
