// Mock of coro/task.hpp (jbaldwin/libcoro) for corolint tests: the upstream
// names and signatures, trivial bodies. coro::task is lazy and awaitable as
// an lvalue or an rvalue.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>

namespace coro {
template <typename return_type = void> class task;

namespace detail {
template <typename return_type>
struct promise : corolint_mock::lazy_promise<return_type> {
  task<return_type> get_return_object() noexcept;
};
} // namespace detail

template <typename return_type> class [[nodiscard]] task {
public:
  using task_type = task<return_type>;
  using promise_type = detail::promise<return_type>;
  using coroutine_handle = std::coroutine_handle<promise_type>;

  task() noexcept = default;
  explicit task(coroutine_handle handle) : coro_(handle) {}
  task(task &&) noexcept = default;
  task &operator=(task &&) noexcept = default;

  auto is_ready() const noexcept -> bool {
    return !coro_ || coro_.get().done();
  }
  auto resume() -> bool {
    if (!is_ready())
      coro_.get().resume();
    return !is_ready();
  }
  auto handle() -> coroutine_handle { return coro_.get(); }
  auto operator co_await() const & noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  auto operator co_await() const && noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }

private:
  corolint_mock::unique_coro<promise_type> coro_;
};

template <typename return_type>
task<return_type> detail::promise<return_type>::get_return_object() noexcept {
  return task<return_type>(std::coroutine_handle<promise>::from_promise(*this));
}
} // namespace coro
