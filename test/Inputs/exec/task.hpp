// Mock of exec/task.hpp (stdexec) for corolint tests: exec::task<T> is a lazy
// coroutine type that can co_await senders (with zero or one value) and other
// tasks, and is itself a sender (sync_wait(task) works).
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>
#include <stdexec/execution.hpp>
#include <tuple>
#include <type_traits>

namespace exec {
template <typename T = void> class task;

namespace __task {
template <typename Tuple> struct __single;
template <> struct __single<std::tuple<>> {
  using type = void;
};
template <typename T> struct __single<std::tuple<T>> {
  using type = T;
};

template <typename S> struct __sender_awaiter {
  S __sndr;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  auto await_resume() {
    auto vals = std::move(__sndr).__get();
    if constexpr (std::tuple_size_v<decltype(vals)> == 1)
      return std::get<0>(std::move(vals));
  }
};

template <typename T> class __promise : public corolint_mock::lazy_promise<T> {
public:
  task<T> get_return_object() noexcept;

  template <typename U> auto await_transform(task<U> &&t) noexcept;
  // Senders completing with at most one value are awaitable.
  template <stdexec::sender S>
    requires requires {
      typename __single<typename std::remove_cvref_t<S>::__values>::type;
    }
  auto await_transform(S &&s) {
    return __sender_awaiter<std::remove_cvref_t<S>>{std::forward<S>(s)};
  }
  template <typename Awaitable>
  Awaitable &&await_transform(Awaitable &&a) noexcept {
    return static_cast<Awaitable &&>(a);
  }
};
} // namespace __task

template <typename T> class [[nodiscard]] task {
public:
  using promise_type = __task::__promise<T>;
  using sender_concept = stdexec::sender_t;
  using __values =
      std::conditional_t<std::is_void_v<T>, std::tuple<>, std::tuple<T>>;

  explicit task(std::coroutine_handle<promise_type> h) noexcept : coro_(h) {}
  task(task &&) noexcept = default;
  task &operator=(task &&) noexcept = default;

  __values __get() && {
    if constexpr (std::is_void_v<T>) {
      corolint_mock::run_to_completion(coro_.get());
      return {};
    } else {
      return __values{corolint_mock::run_to_completion(coro_.get())};
    }
  }
  std::coroutine_handle<promise_type> __handle() const noexcept {
    return coro_.get();
  }

private:
  corolint_mock::unique_coro<promise_type> coro_;
};

namespace __task {
template <typename T> task<T> __promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<__promise>::from_promise(*this));
}
template <typename T>
template <typename U>
auto __promise<T>::await_transform(task<U> &&t) noexcept {
  return corolint_mock::task_awaiter<__promise<U>>{t.__handle()};
}
} // namespace __task
} // namespace exec
