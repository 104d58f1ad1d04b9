// Mock of coro/sync_wait.hpp (libcoro) for corolint tests: blocks the calling
// thread until the awaitable completes.
#pragma once
#include <coro/task.hpp>
#include <utility>

namespace coro {
template <typename awaitable_type>
auto sync_wait(awaitable_type &&a) -> decltype(auto) {
  auto awaiter = std::forward<awaitable_type>(a).operator co_await();
  if (!awaiter.await_ready())
    awaiter.await_suspend(std::noop_coroutine()).resume();
  return awaiter.await_resume();
}
} // namespace coro
