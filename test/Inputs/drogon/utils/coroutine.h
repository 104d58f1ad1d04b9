// Mock of drogon/utils/coroutine.h for corolint tests: drogon::Task<T> (lazy,
// awaitable), drogon::AsyncTask (eager, fire-and-forget: nothing to await,
// an exception escaping it terminates), sync_wait and async_run.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>
#include <exception>
#include <utility>

namespace drogon {
template <typename T = void> struct [[nodiscard]] Task;

namespace internal {
template <typename T> struct task_promise : corolint_mock::lazy_promise<T> {
  Task<T> get_return_object() noexcept;
};
} // namespace internal

template <typename T> struct [[nodiscard]] Task {
  using promise_type = internal::task_promise<T>;
  using handle_type = std::coroutine_handle<promise_type>;

  explicit Task(handle_type h) noexcept : coro_(h) {}
  Task(Task &&) noexcept = default;
  Task &operator=(Task &&) noexcept = default;

  auto operator co_await() const noexcept {
    return corolint_mock::task_awaiter<promise_type>{coro_.get()};
  }
  handle_type handle_() const noexcept { return coro_.get(); }

private:
  corolint_mock::unique_coro<promise_type> coro_;
};

template <typename T>
Task<T> internal::task_promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<task_promise>::from_promise(*this));
}

struct AsyncTask {
  struct promise_type;
  using handle_type = std::coroutine_handle<promise_type>;

  AsyncTask() = default;
  AsyncTask(handle_type h) : coro_(h) {}

  struct promise_type {
    AsyncTask get_return_object() noexcept {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() noexcept {}
    std::suspend_never final_suspend() const noexcept { return {}; }
  };
  handle_type coro_;
};

/// Blocks the calling thread until the task completes.
template <typename T> T sync_wait(Task<T> &&task) {
  return corolint_mock::run_to_completion(task.handle_());
}
template <typename T> T sync_wait(Task<T> &task) {
  return corolint_mock::run_to_completion(task.handle_());
}

/// Runs a coroutine-returning callable as an AsyncTask.
template <typename Coro> AsyncTask async_run(Coro &&coro) {
  auto c = std::forward<Coro>(coro);
  co_await c();
}
} // namespace drogon
