// Private helper of corolint's mock framework headers (not an upstream
// header): the promise and awaiter plumbing every mock task type shares, so
// each mock stays a few lines and all of them are real coroutine types.
#pragma once
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace corolint_mock {

// return_value for T, return_void for void: a promise may have only one.
template <typename T> struct promise_result {
  std::optional<T> value;
  template <typename U = T> void return_value(U &&v) {
    value.emplace(std::forward<U>(v));
  }
  T take() { return std::move(*value); }
};
template <> struct promise_result<void> {
  void return_void() noexcept {}
  void take() {}
};

// Resumes whoever awaited the task when it finishes.
struct final_awaiter {
  bool await_ready() const noexcept { return false; }
  template <typename Promise>
  std::coroutine_handle<>
  await_suspend(std::coroutine_handle<Promise> h) const noexcept {
    if (auto c = h.promise().continuation)
      return c;
    return std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};

template <typename T> struct lazy_promise : promise_result<T> {
  std::coroutine_handle<> continuation;
  std::exception_ptr error;
  std::suspend_always initial_suspend() const noexcept { return {}; }
  final_awaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
  T result() {
    if (error)
      std::rethrow_exception(error);
    return this->take();
  }
};

// Awaiting a lazy task starts it and resumes the awaiter at its end.
template <typename Promise> struct task_awaiter {
  std::coroutine_handle<Promise> coro;
  bool await_ready() const noexcept { return !coro || coro.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
    coro.promise().continuation = awaiting;
    return coro;
  }
  decltype(auto) await_resume() { return coro.promise().result(); }
};

// Owns a coroutine frame; move-only.
template <typename Promise> class unique_coro {
public:
  unique_coro() = default;
  explicit unique_coro(std::coroutine_handle<Promise> h) noexcept : h_(h) {}
  unique_coro(unique_coro &&o) noexcept : h_(std::exchange(o.h_, {})) {}
  unique_coro &operator=(unique_coro &&o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~unique_coro() { reset(); }
  std::coroutine_handle<Promise> get() const noexcept { return h_; }
  std::coroutine_handle<Promise> release() noexcept {
    return std::exchange(h_, {});
  }
  explicit operator bool() const noexcept { return bool(h_); }

private:
  void reset() {
    if (h_)
      h_.destroy();
    h_ = {};
  }
  std::coroutine_handle<Promise> h_;
};

// Drives a lazy task to completion on the calling thread (what every
// framework's sync_wait does, minus the event loop).
template <typename Promise>
decltype(auto) run_to_completion(std::coroutine_handle<Promise> h) {
  h.resume();
  return h.promise().result();
}

} // namespace corolint_mock
