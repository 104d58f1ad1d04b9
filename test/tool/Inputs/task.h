// A minimal coroutine task type: corolint treats any type with a
// promise_type as a task, and this keeps the driver tests fast (no asio).
// It is lazy (suspends at start): an eager one with an empty result is a
// fire-and-forget type, which coro-detached-task reports.
#pragma once
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
