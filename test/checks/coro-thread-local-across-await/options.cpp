// RUN: %check_corolint %s coro-thread-local-across-await %t -config="{CheckOptions: {coro-thread-local-across-await.SameThreadFrameworks: 'shard::future', coro-thread-local-across-await.AllowedAwaitables: 'app::resume_inline'}}" -- %std_flags -I%inputs
//
// SameThreadFrameworks: a runtime that resumes every coroutine on the thread
// it suspended on (seastar-style shards) keeps thread-bound state valid.
// AllowedAwaitables: an awaitable known to resume on the same thread.
#include <coroutine>
#include <corolint-mock/eager_task.h>

io_op read_some();

namespace shard {
template <typename T = void> struct future {
  struct promise_type {
    future get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
} // namespace shard


namespace app {
struct resume_inline {
  bool await_ready() noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) noexcept { return false; }
  void await_resume() noexcept {}
};
} // namespace app

thread_local int shard_requests = 0;

shard::future<> on_shard() {
  int &n = shard_requests;
  co_await read_some();
  ++n;
}

task on_pool() {
  int &n = shard_requests;
  co_await read_some();
  ++n;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'n' refers to thread_local 'shard_requests'
  // CHECK-FIXES: ++shard_requests;
}

task across_inline_resume() {
  int &n = shard_requests;
  co_await app::resume_inline{};
  ++n;
}
