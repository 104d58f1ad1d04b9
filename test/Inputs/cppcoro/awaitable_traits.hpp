// Mock of cppcoro/awaitable_traits.hpp for corolint tests.
#pragma once
#include <utility>

namespace cppcoro {
template <typename T> struct awaitable_traits {
  using awaiter_t = decltype(std::declval<T>().operator co_await());
  using await_result_t = decltype(std::declval<awaiter_t &>().await_resume());
};
} // namespace cppcoro
