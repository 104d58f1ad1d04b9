// Mock of coro/scheduler.hpp (libcoro >= 0.15, where io_scheduler became
// scheduler) for corolint tests: the names the catalog knows.
#pragma once
#include <chrono>
#include <coro/task.hpp>
#include <coroutine>
#include <memory>
#include <utility>

namespace coro {
enum class poll_op { read, write };
enum class poll_status { read, write, timeout, error, closed };

class scheduler : public std::enable_shared_from_this<scheduler> {
public:
  class schedule_operation {
  public:
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { h.resume(); }
    void await_resume() noexcept {}
  };
  static auto make_unique() -> std::unique_ptr<scheduler> {
    return std::make_unique<scheduler>();
  }
  [[nodiscard]] auto schedule() -> schedule_operation { return {}; }
  /// Starts the task and lets it go; false if the scheduler is shut down.
  auto spawn_detached(coro::task<void> &&task) -> bool {
    task.resume();
    return true;
  }
  [[nodiscard]] auto spawn_joinable(coro::task<void> &&task)
      -> coro::task<void> {
    co_await task;
  }
  /// Resumes when \p fd is ready for \p op (or the timeout passes).
  [[nodiscard]] auto poll(int fd, poll_op op,
                          std::chrono::milliseconds timeout = {})
      -> coro::task<poll_status> {
    (void)fd, (void)op, (void)timeout;
    co_return poll_status::read;
  }
};
} // namespace coro
