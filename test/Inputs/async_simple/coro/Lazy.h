// Mock of async_simple/coro/Lazy.h for corolint tests: the upstream names and
// signatures, trivial bodies. A Lazy is lazy and awaitable as an rvalue;
// start(callback) runs it and hands the Try<T> to the callback; syncAwait
// blocks the calling thread until it completes.
#pragma once
#include <async_simple/Executor.h>
#include <async_simple/Try.h>
#include <corolint-mock/lazy_task.h>
#include <coroutine>
#include <exception>
#include <utility>

namespace async_simple::coro {
template <typename T = void> class Lazy;

namespace detail {
template <typename T>
class LazyPromise : public corolint_mock::lazy_promise<T> {
public:
  Lazy<T> get_return_object() noexcept;
};
} // namespace detail

template <typename T> class [[nodiscard]] Lazy {
public:
  using promise_type = detail::LazyPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;
  using ValueType = T;

  explicit Lazy(Handle coro) noexcept : coro_(coro) {}
  Lazy(Lazy &&) noexcept = default;
  Lazy &operator=(Lazy &&) noexcept = default;

  auto operator co_await() && noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  /// Runs the Lazy on the current thread; the callback gets its Try<T>.
  template <typename F> void start(F &&callback) && {
    Try<T> result;
    try {
      if constexpr (std::is_void_v<T>)
        corolint_mock::run_to_completion(coro_.get());
      else
        result = Try<T>(corolint_mock::run_to_completion(coro_.get()));
    } catch (...) {
      result = Try<T>(std::current_exception());
    }
    std::forward<F>(callback)(std::move(result));
  }
  /// Starts the Lazy and lets it go: its result and errors are dropped.
  void detach() && {
    std::move(*this).start([](Try<T>) {});
  }
  template <typename F> void directlyStart(F &&callback, Executor *) && {
    std::move(*this).start(std::forward<F>(callback));
  }
  /// The same Lazy, to be resumed on \p ex.
  Lazy<T> via(Executor *ex) && {
    ex_ = ex;
    return std::move(*this);
  }
  Handle handle_() const noexcept { return coro_.get(); }

private:
  corolint_mock::unique_coro<promise_type> coro_;
  Executor *ex_ = nullptr;
};

template <typename T>
Lazy<T> detail::LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>(std::coroutine_handle<LazyPromise>::from_promise(*this));
}

/// Blocks the calling thread until the Lazy completes; returns its value.
template <typename LazyType> inline auto syncAwait(LazyType &&lazy) {
  return corolint_mock::run_to_completion(lazy.handle_());
}
template <typename LazyType>
inline auto syncAwait(LazyType &&lazy, Executor *ex) {
  (void)ex;
  return corolint_mock::run_to_completion(lazy.handle_());
}
} // namespace async_simple::coro
