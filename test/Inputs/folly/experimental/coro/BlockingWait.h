// Mock of folly/experimental/coro/BlockingWait.h for corolint tests. As
// upstream, blockingWait is a function object (a reference to blocking_wait)
// that runs a semi-awaitable to completion on the calling thread.
#pragma once
#include <folly/experimental/coro/Task.h>
#include <folly/futures/Future.h>
#include <utility>

namespace folly::coro {
namespace detail {
template <typename Awaitable> struct blocking_wait_result;
template <typename T> struct blocking_wait_result<Task<T>> {
  using type = T;
};
template <typename T> struct blocking_wait_result<TaskWithExecutor<T>> {
  using type = T;
};
template <typename T> struct blocking_wait_result<SemiFuture<T>> {
  using type = T;
};
template <typename T> struct blocking_wait_result<Future<T>> {
  using type = T;
};
} // namespace detail

struct blocking_wait_fn {
  template <typename Awaitable>
  auto operator()(Awaitable &&awaitable) const ->
      typename detail::blocking_wait_result<
          std::remove_cvref_t<Awaitable>>::type {
    using Result = typename detail::blocking_wait_result<
        std::remove_cvref_t<Awaitable>>::type;
    if constexpr (requires { awaitable.handle_(); })
      return corolint_mock::run_to_completion(awaitable.handle_());
    else if constexpr (std::is_void_v<Result>)
      return;
    else
      return static_cast<Awaitable &&>(awaitable).get();
  }
  template <typename Awaitable>
  auto operator()(Awaitable &&awaitable, Executor *) const {
    return (*this)(static_cast<Awaitable &&>(awaitable));
  }
};
inline constexpr blocking_wait_fn blocking_wait{};
static constexpr blocking_wait_fn const &blockingWait = blocking_wait;
} // namespace folly::coro
