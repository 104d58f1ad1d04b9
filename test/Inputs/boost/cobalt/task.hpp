// Mock of boost/cobalt/task.hpp (Boost.Cobalt, Boost >= 1.84) for corolint
// tests: the upstream names and signatures, trivial bodies. A cobalt::task
// is lazy: it runs when awaited, run() or spawn()ed.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>

namespace boost::cobalt {
template <typename Return> struct task;

namespace detail {
template <typename Return>
struct task_promise : corolint_mock::lazy_promise<Return> {
  task<Return> get_return_object() noexcept;
};
} // namespace detail

template <typename Return> struct [[nodiscard]] task {
  using promise_type = detail::task_promise<Return>;

  explicit task(std::coroutine_handle<promise_type> h) noexcept : coro_(h) {}
  task(task &&) noexcept = default;
  task &operator=(task &&) noexcept = default;

  auto operator co_await() & noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  auto operator co_await() && noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  std::coroutine_handle<promise_type> handle_() const noexcept {
    return coro_.get();
  }

private:
  corolint_mock::unique_coro<promise_type> coro_;
};

template <typename Return>
task<Return> detail::task_promise<Return>::get_return_object() noexcept {
  return task<Return>(std::coroutine_handle<task_promise>::from_promise(*this));
}
} // namespace boost::cobalt
