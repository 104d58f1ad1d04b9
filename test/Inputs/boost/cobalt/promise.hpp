// Mock of boost/cobalt/promise.hpp (Boost.Cobalt) for corolint tests. A
// cobalt::promise is eager: it starts running when called; get() returns a
// result that is already there (it throws otherwise), it does not wait.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>
#include <exception>

namespace boost::cobalt {
template <typename Return> struct promise;

namespace detail {
template <typename Return>
struct cobalt_promise : corolint_mock::promise_result<Return> {
  std::coroutine_handle<> continuation;
  std::exception_ptr error;
  promise<Return> get_return_object() noexcept;
  std::suspend_never initial_suspend() const noexcept { return {}; }
  corolint_mock::final_awaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
  Return result() {
    if (error)
      std::rethrow_exception(error);
    return this->take();
  }
};
} // namespace detail

template <typename Return> struct [[nodiscard]] promise {
  using promise_type = detail::cobalt_promise<Return>;

  explicit promise(std::coroutine_handle<promise_type> h) noexcept : coro_(h) {}
  promise(promise &&) noexcept = default;
  promise &operator=(promise &&) noexcept = default;

  bool ready() const noexcept { return coro_.get().done(); }
  explicit operator bool() const noexcept { return !ready(); }
  /// The result if ready(); throws otherwise. Does not wait.
  Return get() { return coro_.get().promise().result(); }
  void cancel() noexcept {}
  /// Lets the promise run on after its destruction.
  void attach() { coro_.release(); }

  auto operator co_await() & noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  auto operator co_await() && noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }

private:
  corolint_mock::unique_coro<promise_type> coro_;
};

template <typename Return>
promise<Return> detail::cobalt_promise<Return>::get_return_object() noexcept {
  return promise<Return>(
      std::coroutine_handle<cobalt_promise>::from_promise(*this));
}
} // namespace boost::cobalt
