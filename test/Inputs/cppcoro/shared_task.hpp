// Mock of cppcoro/shared_task.hpp for corolint tests: the upstream names and
// signatures, trivial bodies. A cppcoro::shared_task is lazy, copyable and
// awaitable in any coroutine; every copy awaits the one result.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>

namespace cppcoro {
template <typename T = void> class shared_task;

namespace detail {
template <typename T>
class shared_task_promise : public corolint_mock::lazy_promise<T> {
public:
  shared_task<T> get_return_object() noexcept;
};
} // namespace detail

template <typename T> class [[nodiscard]] shared_task {
public:
  using promise_type = detail::shared_task_promise<T>;
  using value_type = T;

  shared_task() noexcept = default;
  explicit shared_task(std::coroutine_handle<promise_type> h) noexcept
      : coro_(h) {}

  bool is_ready() const noexcept { return !coro_ || coro_.done(); }
  auto operator co_await() const noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_};
  }

private:
  // Copies share the frame; the mock does not count them (tests never run
  // their programs), so the frame is never destroyed.
  std::coroutine_handle<promise_type> coro_;
};

template <typename T>
shared_task<T> detail::shared_task_promise<T>::get_return_object() noexcept {
  return shared_task<T>(
      std::coroutine_handle<shared_task_promise>::from_promise(*this));
}
} // namespace cppcoro
