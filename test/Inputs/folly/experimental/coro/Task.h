// Mock of folly/experimental/coro/Task.h for corolint tests: the upstream
// names and signatures, trivial bodies. As upstream, a Task is lazy and
// semi-awaitable: it can be co_awaited (as an rvalue) only inside another
// folly::coro::Task, which also awaits SemiFuture, Future and
// TaskWithExecutor; elsewhere it needs co_withExecutor(...).start() or
// blockingWait.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>
#include <folly/CancellationToken.h>
#include <folly/Executor.h>
#include <folly/Unit.h>
#include <folly/futures/Future.h>
#include <utility>

namespace folly::coro {
template <typename T = void> class Task;

/// `co_await co_current_cancellation_token` in a Task yields the token of
/// whoever awaits the task: the one co_await forwards implicitly.
class co_current_cancellation_token_t {};
inline constexpr co_current_cancellation_token_t co_current_cancellation_token;
template <typename T = void> class TaskWithExecutor;

namespace detail {
template <typename T> class TaskPromise;

template <typename T> struct FutureAwaiter {
  SemiFuture<T> future;
  bool await_ready() const { return future.isReady(); }
  void await_suspend(std::coroutine_handle<> h) { h.resume(); }
  T await_resume() { return std::move(future).get(); }
};
} // namespace detail

template <typename T> class [[nodiscard]] Task {
public:
  using promise_type = detail::TaskPromise<T>;
  using value_type = T;
  using handle_t = std::coroutine_handle<promise_type>;

  Task(Task &&) noexcept = default;
  Task &operator=(Task &&) noexcept = default;

  TaskWithExecutor<T> scheduleOn(Executor::KeepAlive<> executor) && noexcept;
  friend TaskWithExecutor<T> co_withExecutor(Executor::KeepAlive<> executor,
                                             Task task) noexcept {
    return std::move(task).scheduleOn(std::move(executor));
  }
  SemiFuture<lift_unit_t<T>> semi() &&;

  /// The task with \p cancelToken as its token instead of its awaiter's
  /// (upstream: a hidden friend of Task).
  friend Task co_withCancellation(folly::CancellationToken cancelToken,
                                  Task &&task) noexcept {
    (void)cancelToken;
    return std::move(task);
  }

private:
  friend class detail::TaskPromise<T>;
  template <typename> friend class TaskWithExecutor;
  explicit Task(handle_t h) noexcept : coro_(h) {}
  corolint_mock::unique_coro<promise_type> coro_;

public:
  handle_t handle_() const noexcept { return coro_.get(); }
};

template <typename T> class [[nodiscard]] TaskWithExecutor {
public:
  using promise_type = detail::TaskPromise<T>;
  using value_type = T;

  TaskWithExecutor(TaskWithExecutor &&) noexcept = default;
  TaskWithExecutor &operator=(TaskWithExecutor &&) noexcept = default;

  Executor::KeepAlive<> executor() const noexcept { return executor_; }

  /// Starts the task on its executor; the SemiFuture completes with it.
  SemiFuture<lift_unit_t<T>> start() && {
    Promise<lift_unit_t<T>> p;
    return p.getSemiFuture();
  }
  /// Starts the task and calls tryCallback with its result; cancelToken is
  /// the only token the task sees.
  template <typename F>
  void start(F &&tryCallback, folly::CancellationToken cancelToken = {}) && {
    (void)tryCallback;
    (void)cancelToken;
  }
  /// Starts the task inline, assuming the caller is on its executor.
  SemiFuture<lift_unit_t<T>> startInlineUnsafe() && {
    Promise<lift_unit_t<T>> p;
    return p.getSemiFuture();
  }

private:
  friend class Task<T>;
  TaskWithExecutor(Task<T> task, Executor::KeepAlive<> executor)
      : task_(std::move(task)), executor_(std::move(executor)) {}
  Task<T> task_;
  Executor::KeepAlive<> executor_;

public:
  typename Task<T>::handle_t handle_() const noexcept {
    return task_.handle_();
  }
};

template <typename T>
TaskWithExecutor<T>
Task<T>::scheduleOn(Executor::KeepAlive<> executor) && noexcept {
  return TaskWithExecutor<T>(std::move(*this), std::move(executor));
}
template <typename T> SemiFuture<lift_unit_t<T>> Task<T>::semi() && {
  Promise<lift_unit_t<T>> p;
  return p.getSemiFuture();
}

namespace detail {
template <typename T>
class TaskPromise : public corolint_mock::lazy_promise<T> {
public:
  Task<T> get_return_object() noexcept {
    return Task<T>(std::coroutine_handle<TaskPromise>::from_promise(*this));
  }

  // What a folly coroutine can co_await: other folly tasks and futures
  // (rvalues, as upstream) and any awaitable.
  template <typename U> auto await_transform(Task<U> &&task) noexcept {
    return corolint_mock::task_awaiter<TaskPromise<U>>{task.handle_()};
  }
  template <typename U>
  auto await_transform(TaskWithExecutor<U> &&task) noexcept {
    return corolint_mock::task_awaiter<TaskPromise<U>>{task.handle_()};
  }
  auto await_transform(co_current_cancellation_token_t) noexcept {
    struct Awaiter {
      const folly::CancellationToken &token;
      bool await_ready() const noexcept { return true; }
      void await_suspend(std::coroutine_handle<>) noexcept {}
      const folly::CancellationToken &await_resume() noexcept { return token; }
    };
    return Awaiter{cancelToken_};
  }
  template <typename U> auto await_transform(SemiFuture<U> &&future) {
    return FutureAwaiter<U>{std::move(future)};
  }
  template <typename Awaitable>
  Awaitable &&await_transform(Awaitable &&awaitable) noexcept {
    return static_cast<Awaitable &&>(awaitable);
  }

private:
  folly::CancellationToken cancelToken_;
};
} // namespace detail
} // namespace folly::coro
