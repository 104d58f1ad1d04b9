// Mock of folly/coro/Mutex.h: the coroutine-aware mutex. Awaiting its lock
// suspends the coroutine, not the thread; holding it across co_await is
// what it is for.
#pragma once
#include <folly/coro/Task.h>
#include <mutex>

namespace folly::coro {
class Mutex {
public:
  Mutex() noexcept = default;
  bool try_lock() noexcept;
  Task<std::unique_lock<Mutex>> co_scoped_lock();
  Task<void> co_lock();
  void unlock() noexcept;
};
} // namespace folly::coro
