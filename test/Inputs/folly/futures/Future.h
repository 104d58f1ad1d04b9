// Mock of folly/futures/Future.h (with Promise) for corolint tests: the
// upstream names and signatures, trivial bodies. As upstream, get() needs an
// rvalue (`std::move(f).get()`), wait() returns the future itself, a Future
// can be co_awaited in any coroutine (operator co_await(Future<T>&&)) and a
// SemiFuture only in a folly::coro::Task.
#pragma once
#include <chrono>
#include <coroutine>
#include <exception>
#include <folly/Executor.h>
#include <folly/Unit.h>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace folly {
using HighResDuration = std::chrono::nanoseconds;
using Duration = std::chrono::milliseconds;

template <typename T> class Future;
template <typename T> class Promise;

namespace futures::detail {
template <typename T> struct Core {
  std::optional<T> value;
  std::exception_ptr error;
  T take() {
    if (error)
      std::rethrow_exception(error);
    return std::move(*value);
  }
};
} // namespace futures::detail

/// A value or an exception (folly/Try.h), as getTry() returns it.
template <typename T> class Try {
public:
  explicit Try(T value) : value_(std::move(value)) {}
  T &value() & { return value_; }
  bool hasException() const noexcept { return false; }

private:
  T value_;
};

template <typename T> class SemiFuture {
public:
  using value_type = T;
  SemiFuture() = default;
  explicit SemiFuture(std::shared_ptr<futures::detail::Core<T>> core)
      : core_(std::move(core)) {}
  SemiFuture(SemiFuture &&) noexcept = default;
  SemiFuture &operator=(SemiFuture &&) noexcept = default;

  bool valid() const noexcept { return core_ != nullptr; }
  bool isReady() const { return core_ && (core_->value || core_->error); }
  bool hasValue() const { return core_ && core_->value.has_value(); }

  /// Blocks until the result is there.
  T get() && { return core_->take(); }
  T get(HighResDuration) && { return core_->take(); }
  T get() & = delete;
  /// Blocks, then hands the value or the exception over without throwing.
  Try<T> getTry() && { return Try<T>(core_->take()); }
  SemiFuture<T> &wait() & { return *this; }
  SemiFuture<T> &&wait() && { return std::move(*this); }
  SemiFuture<T> &wait(HighResDuration) & { return *this; }

  Future<T> via(Executor::KeepAlive<> executor) &&;
  template <typename F>
  SemiFuture<std::invoke_result_t<F, T>> deferValue(F &&f) &&;

private:
  template <typename> friend class Future;
  std::shared_ptr<futures::detail::Core<T>> core_;
};

template <typename T> class Future {
public:
  using value_type = T;
  Future() = default;
  explicit Future(std::shared_ptr<futures::detail::Core<T>> core)
      : core_(std::move(core)) {}
  Future(Future &&) noexcept = default;
  Future &operator=(Future &&) noexcept = default;

  bool valid() const noexcept { return core_ != nullptr; }
  bool isReady() const { return core_ && (core_->value || core_->error); }
  bool hasValue() const { return core_ && core_->value.has_value(); }
  T &value() & { return *core_->value; }

  /// Blocks until the result is there.
  Try<T> getTry() && { return Try<T>(core_->take()); }
  /// Drives the executor until the future completes.
  Future<T> &waitVia(Executor *) & { return *this; }
  T get() && { return core_->take(); }
  T get(HighResDuration) && { return core_->take(); }
  T get() & = delete;
  T getVia(Executor *) { return core_->take(); }
  Future<T> &wait() & { return *this; }
  Future<T> &&wait() && { return std::move(*this); }
  Future<T> &wait(HighResDuration) & { return *this; }

  SemiFuture<T> semi() && { return SemiFuture<T>(std::move(core_)); }
  Future<T> via(Executor::KeepAlive<>) && { return std::move(*this); }
  template <typename F> Future<std::invoke_result_t<F, T>> thenValue(F &&f) && {
    using R = std::invoke_result_t<F, T>;
    auto core = std::make_shared<futures::detail::Core<R>>();
    core->value.emplace(std::forward<F>(f)(core_->take()));
    return Future<R>(core);
  }

private:
  std::shared_ptr<futures::detail::Core<T>> core_;
};

template <typename T> Future<T> SemiFuture<T>::via(Executor::KeepAlive<>) && {
  return Future<T>(std::move(core_));
}
template <typename T>
template <typename F>
SemiFuture<std::invoke_result_t<F, T>> SemiFuture<T>::deferValue(F &&f) && {
  using R = std::invoke_result_t<F, T>;
  auto core = std::make_shared<futures::detail::Core<R>>();
  core->value.emplace(std::forward<F>(f)(core_->take()));
  return SemiFuture<R>(core);
}

template <typename T> class Promise {
public:
  Promise() : core_(std::make_shared<futures::detail::Core<T>>()) {}
  Promise(Promise &&) noexcept = default;
  Promise &operator=(Promise &&) noexcept = default;
  SemiFuture<T> getSemiFuture() { return SemiFuture<T>(core_); }
  Future<T> getFuture() { return Future<T>(core_); }
  template <typename U = T> void setValue(U &&value) {
    core_->value.emplace(std::forward<U>(value));
  }
  void setValue()
    requires std::is_same_v<T, Unit>
  {
    core_->value.emplace();
  }
  void setException(std::exception_ptr e) { core_->error = std::move(e); }
  bool isFulfilled() const { return core_->value || core_->error; }

private:
  std::shared_ptr<futures::detail::Core<T>> core_;
};

template <typename T> SemiFuture<std::decay_t<T>> makeSemiFuture(T &&value) {
  Promise<std::decay_t<T>> p;
  p.setValue(std::forward<T>(value));
  return p.getSemiFuture();
}
inline SemiFuture<Unit> makeSemiFuture() { return makeSemiFuture(Unit{}); }
template <typename T> Future<std::decay_t<T>> makeFuture(T &&value) {
  Promise<std::decay_t<T>> p;
  p.setValue(std::forward<T>(value));
  return p.getFuture();
}
inline Future<Unit> makeFuture() { return makeFuture(Unit{}); }

/// Runs func on the executor; the future completes with its result.
template <typename Func>
auto via(Executor::KeepAlive<> executor, Func &&func)
    -> Future<std::invoke_result_t<Func>> {
  (void)executor;
  return makeFuture(std::forward<Func>(func)());
}

namespace detail {
template <typename T> class FutureAwaiter {
public:
  explicit FutureAwaiter(Future<T> &&future) : future_(std::move(future)) {}
  bool await_ready() const { return future_.isReady(); }
  void await_suspend(std::coroutine_handle<> h) { h.resume(); }
  T await_resume() { return std::move(future_).get(); }

private:
  Future<T> future_;
};
} // namespace detail

/// A Future is awaitable in any coroutine.
template <typename T>
inline detail::FutureAwaiter<T> operator co_await(Future<T> &&future) noexcept {
  return detail::FutureAwaiter<T>(std::move(future));
}
} // namespace folly
