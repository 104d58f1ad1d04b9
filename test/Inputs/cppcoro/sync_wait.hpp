// Mock of cppcoro/sync_wait.hpp for corolint tests: blocks the calling thread
// until the awaitable completes and returns its result.
#pragma once
#include <cppcoro/awaitable_traits.hpp>
#include <cppcoro/task.hpp>

namespace cppcoro {
template <typename AWAITABLE>
auto sync_wait(AWAITABLE &&awaitable) ->
    typename cppcoro::awaitable_traits<AWAITABLE &&>::await_result_t {
  auto awaiter = static_cast<AWAITABLE &&>(awaitable).operator co_await();
  if (!awaiter.await_ready())
    awaiter.await_suspend(std::noop_coroutine()).resume();
  return awaiter.await_resume();
}
} // namespace cppcoro
