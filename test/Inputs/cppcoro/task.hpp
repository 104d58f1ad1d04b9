// Mock of cppcoro/task.hpp for corolint tests: the upstream names and
// signatures, trivial bodies. A cppcoro::task is lazy and awaitable as an
// lvalue or an rvalue in any coroutine.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>

namespace cppcoro {
template <typename T = void> class task;

namespace detail {
template <typename T>
class task_promise : public corolint_mock::lazy_promise<T> {
public:
  task<T> get_return_object() noexcept;
};
} // namespace detail

template <typename T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept = default;
  explicit task(std::coroutine_handle<promise_type> h) noexcept : coro_(h) {}
  task(task &&) noexcept = default;
  task &operator=(task &&) noexcept = default;

  bool is_ready() const noexcept { return !coro_ || coro_.get().done(); }
  auto operator co_await() const & noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  auto operator co_await() const && noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }

private:
  corolint_mock::unique_coro<promise_type> coro_;
};

template <typename T>
task<T> detail::task_promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<task_promise>::from_promise(*this));
}
} // namespace cppcoro
