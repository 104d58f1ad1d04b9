// Mock of folly/experimental/coro/Collect.h for corolint tests.
#pragma once
#include <folly/experimental/coro/Task.h>
#include <tuple>

namespace folly::coro {
/// Awaits every task; the results come back as a tuple.
template <typename... T> Task<std::tuple<T...>> collectAll(Task<T>... tasks) {
  co_return std::tuple<T...>{co_await std::move(tasks)...};
}
} // namespace folly::coro
