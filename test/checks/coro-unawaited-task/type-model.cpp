// The type model options every check must read alike (TaskTypes,
// FireAndForgetTypes) are read as the check's own option or else the
// global one, so one global setting configures coro-unawaited-task and
// coro-detached-task at once. An entry that cannot be a qualified name is a
// configuration error, not a name that silently matches nothing.
//
// RUN: %check_corolint %s coro-unawaited-task %t \
// RUN:   -config='{CheckOptions: {TaskTypes: "jobs::job", FireAndForgetTypes: "jobs::background"}}' \
// RUN:   -- %std_flags
//
// RUN: not %corolint --checks='-*,coro-unawaited-task' \
// RUN:   --config="{CheckOptions: {coro-unawaited-task.TaskTypes: 'jobs::job;jobs job'}}" \
// RUN:   %s -- %std_flags 2>&1 | FileCheck %s --check-prefix=BAD-TASK
// BAD-TASK: invalid configuration value 'jobs job' for option 'coro-unawaited-task.TaskTypes'; expected qualified type names
//
// RUN: not %corolint --checks='-*,coro-detached-task' \
// RUN:   --config="{CheckOptions: {FireAndForgetTypes: 'jobs::background;jobs::'}}" \
// RUN:   %s -- %std_flags 2>&1 | FileCheck %s --check-prefix=BAD-FIRE
// BAD-FIRE: invalid configuration value 'jobs::' for option 'coro-detached-task.FireAndForgetTypes'; expected qualified type names
//
// RUN: not %corolint --checks='-*,coro-lock-across-await' \
// RUN:   --config="{CheckOptions: {AllowedAwaitables: 'app::resume inline'}}" \
// RUN:   %s -- %std_flags 2>&1 | FileCheck %s --check-prefix=BAD-LOCK
// BAD-LOCK: invalid configuration value 'app::resume inline' for option 'coro-lock-across-await.AllowedAwaitables'; expected qualified names of awaitable types
// RUN: not %corolint --checks='-*,coro-thread-local-across-await' \
// RUN:   --config="{CheckOptions: {AllowedAwaitables: 'app::resume inline'}}" \
// RUN:   %s -- %std_flags 2>&1 | FileCheck %s --check-prefix=BAD-THREAD
// BAD-THREAD: invalid configuration value 'app::resume inline' for option 'coro-thread-local-across-await.AllowedAwaitables'; expected qualified names of awaitable types
#include <coroutine>

namespace jobs {
// Awaited through the scheduler's await_transform, so not recognisable by
// shape: only TaskTypes names it.
struct job {
  struct promise_type {
    job get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
job compact() { co_return; }

// By shape a lazy task; FireAndForgetTypes says it is started by its
// scheduler and let go, so there is nothing to await.
struct background {
  struct promise_type {
    background get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
background flush() { co_return; }
} // namespace jobs

void run() {
  jobs::compact();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'jobs::job' returned by 'compact' is never awaited: a lazy task that is dropped never runs; co_await it from a coroutine [coro-unawaited-task]
  jobs::flush();
}
