// Mock of cppcoro/static_thread_pool.hpp for corolint tests.
#pragma once
#include <coroutine>
#include <cstdint>

namespace cppcoro {
class static_thread_pool {
public:
  class schedule_operation {
  public:
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { h.resume(); }
    void await_resume() noexcept {}
  };
  static_thread_pool() = default;
  explicit static_thread_pool(std::uint32_t threadCount) : n_(threadCount) {}
  /// co_await pool.schedule() resumes the coroutine on a pool thread.
  [[nodiscard]] schedule_operation schedule() noexcept { return {}; }
  std::uint32_t thread_count() const noexcept { return n_; }

private:
  std::uint32_t n_ = 1;
};
} // namespace cppcoro
