// Mock of winrt/base.h (C++/WinRT) for corolint tests: winrt::fire_and_forget
// as upstream: an empty struct whose promise comes from a
// std::coroutine_traits specialisation, never suspends initially and gives
// the caller nothing to await.
#pragma once
#include <coroutine>
#include <exception>

namespace winrt {
struct fire_and_forget {};
[[noreturn]] inline void terminate() noexcept { std::terminate(); }

/// co_await winrt::resume_background() resumes the coroutine on a thread
/// of the system thread pool (upstream: TrySubmitThreadpoolCallback).
[[nodiscard]] inline auto resume_background() noexcept {
  struct awaitable {
    bool await_ready() const noexcept { return false; }
    void await_resume() const noexcept {}
    void await_suspend(std::coroutine_handle<> handle) const {
      handle.resume();
    }
  };
  return awaitable{};
}
} // namespace winrt

template <typename... Args>
struct std::coroutine_traits<winrt::fire_and_forget, Args...> {
  struct promise_type {
    winrt::fire_and_forget get_return_object() const noexcept { return {}; }
    void return_void() const noexcept {}
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void unhandled_exception() const noexcept { winrt::terminate(); }
  };
};
