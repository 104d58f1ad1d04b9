// A coroutine framework's own primitives, in its namespace and its headers,
// shaped like async_simple's Lazy::start and cppcoro's async_scope: the
// launcher runs a coroutine by letting a fire-and-forget frame go, which is
// how such primitives are built; the result reaches the callback. A detached
// std::thread in the same header is a lifetime hazard all the same.
#pragma once
#include <thread>
#include <winrt/base.h>

namespace async_simple::detail {
template <typename F> winrt::fire_and_forget run_detached(F callback) {
  callback();
  co_return;
}

template <typename F> void start_with_callback(F callback) {
  run_detached(callback);
}

inline void schedule_after(void (*work)()) { std::thread(work).detach(); }
} // namespace async_simple::detail
