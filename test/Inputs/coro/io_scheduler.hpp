// Mock of coro/io_scheduler.hpp (libcoro) for corolint tests.
#pragma once
#include <chrono>
#include <coro/task.hpp>
#include <coroutine>
#include <cstdint>
#include <memory>
#include <utility>

namespace coro {
class io_scheduler : public std::enable_shared_from_this<io_scheduler> {
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

  io_scheduler() : opts_(options{}) {}
  explicit io_scheduler(options opts) : opts_(opts) {}
  static auto make_shared() -> std::shared_ptr<io_scheduler> {
    return std::make_shared<io_scheduler>();
  }
  static auto make_shared(options opts) -> std::shared_ptr<io_scheduler> {
    return std::make_shared<io_scheduler>(opts);
  }

  /// co_await scheduler->schedule() resumes on a scheduler thread.
  [[nodiscard]] auto schedule() -> schedule_operation { return {}; }
  /// Runs the task on the scheduler; the returned task is its result.
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task)
      -> coro::task<return_type> {
    co_await schedule();
    co_return co_await task;
  }
  /// Starts the task and lets it go; false if the scheduler is shut down.
  auto spawn(coro::task<void> &&task) -> bool {
    task.resume();
    return true;
  }
  auto spawn_detached(coro::task<void> &&task) -> bool {
    return spawn(std::move(task));
  }
  /// Starts the task; the returned task completes with it.
  [[nodiscard]] auto spawn_joinable(coro::task<void> &&task)
      -> coro::task<void> {
    co_await task;
  }
  [[nodiscard]] auto schedule_after(std::chrono::milliseconds)
      -> coro::task<void> {
    co_return;
  }
  [[nodiscard]] auto yield_for(std::chrono::milliseconds) -> coro::task<void> {
    co_return;
  }
  auto shutdown() noexcept -> void {}

private:
  options opts_;
};
} // namespace coro
