// Private helper of corolint's check tests (not an upstream header): the
// smallest real coroutine world a test of what survives a suspension needs.
// `task` is an eager, void-returning coroutine type; `io_op` is a real
// suspension point (await_ready is false) that resumes with an int.
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

struct io_op {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() noexcept { return 1; }
};
