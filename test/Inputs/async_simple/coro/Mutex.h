// Mock of async_simple/coro/Mutex.h: the coroutine-aware mutex. Its scoped
// lock is a std::unique_lock over the coroutine mutex itself
// (alibaba/async_simple#112): holding it across co_await is its purpose.
#pragma once
#include <async_simple/coro/Lazy.h>
#include <mutex>

namespace async_simple::coro {
class Mutex {
public:
  Mutex() noexcept = default;
  bool tryLock() noexcept;
  Lazy<> coLock() noexcept;
  Lazy<std::unique_lock<Mutex>> coScopedLock() noexcept;
  void unlock() noexcept;
  // For std::unique_lock<Mutex>.
  void lock();
};
} // namespace async_simple::coro
