// Mock of cppcoro/io_service.hpp for corolint tests: schedule() and
// schedule_after(delay, cancellation_token = {}) as upstream (a cancelled
// timed schedule completes by throwing operation_cancelled).
#pragma once
#include <chrono>
#include <coroutine>
#include <cppcoro/cancellation_token.hpp>

namespace cppcoro {
class io_service {
public:
  class schedule_operation {
  public:
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { h.resume(); }
    void await_resume() noexcept {}
  };
  class timed_schedule_operation {
  public:
    explicit timed_schedule_operation(cancellation_token t) noexcept
        : token_(std::move(t)) {}
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { h.resume(); }
    void await_resume() { token_.throw_if_cancellation_requested(); }

  private:
    cancellation_token token_;
  };

  io_service() = default;
  [[nodiscard]] schedule_operation schedule() noexcept { return {}; }
  template <typename REP, typename RATIO>
  [[nodiscard]] timed_schedule_operation
  schedule_after(const std::chrono::duration<REP, RATIO> &delay,
                 cancellation_token cancellationToken = {}) noexcept {
    (void)delay;
    return timed_schedule_operation(std::move(cancellationToken));
  }
  void stop() noexcept {}
};
} // namespace cppcoro
