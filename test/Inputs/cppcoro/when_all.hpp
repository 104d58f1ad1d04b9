// Mock of cppcoro/when_all.hpp for corolint tests: awaits every task and
// yields their results (tasks of void are not supported by this mock).
#pragma once
#include <cppcoro/task.hpp>
#include <tuple>
#include <vector>

namespace cppcoro {
template <typename... T> task<std::tuple<T...>> when_all(task<T>... tasks) {
  co_return std::tuple<T...>{co_await std::move(tasks)...};
}
template <typename T>
task<std::vector<T>> when_all(std::vector<task<T>> tasks) {
  std::vector<T> results;
  for (auto &t : tasks)
    results.push_back(co_await std::move(t));
  co_return results;
}
inline task<void> when_all(std::vector<task<void>> tasks) {
  for (auto &t : tasks)
    co_await std::move(t);
}
} // namespace cppcoro
