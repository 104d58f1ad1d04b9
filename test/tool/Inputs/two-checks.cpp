// A lazy task dropped in a coroutine (coro-unawaited-task) and a sleep on
// the executor thread (coro-blocking-call), without heavy headers.
#include <coroutine>
extern "C" unsigned sleep(unsigned);
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
task step() { co_return; }
task run() {
  step();
  sleep(1);
  co_return;
}
