// Mock of coro/thread_pool.hpp (libcoro) for corolint tests: a pool of
// threads for CPU work; `co_await pool.schedule()` resumes the coroutine on
// one of them.
#pragma once
#include <coro/task.hpp>
#include <coroutine>
#include <cstdint>
#include <memory>

namespace coro {
class thread_pool {
public:
  struct options {
    std::uint32_t thread_count = 1;
  };
  class schedule_operation {
  public:
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { h.resume(); }
    void await_resume() noexcept {}
  };

  thread_pool() : opts_(options{}) {}
  explicit thread_pool(options opts) : opts_(opts) {}
  static auto make_unique() -> std::unique_ptr<thread_pool> {
    return std::make_unique<thread_pool>();
  }
  static auto make_unique(options opts) -> std::unique_ptr<thread_pool> {
    return std::make_unique<thread_pool>(opts);
  }

  [[nodiscard]] auto schedule() -> schedule_operation { return {}; }
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task)
      -> coro::task<return_type> {
    co_await schedule();
    co_return co_await task;
  }
  [[nodiscard]] auto yield() -> schedule_operation { return schedule(); }
  auto thread_count() const noexcept -> std::uint32_t {
    return opts_.thread_count;
  }

private:
  options opts_;
};
} // namespace coro
