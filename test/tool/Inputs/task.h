// A minimal coroutine task type: corolint treats any type with a
// promise_type as a task, and this keeps the driver tests fast (no asio).
#pragma once
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
