// RUN: %check_corolint %s coro-unawaited-task %t -- %std_flags -isystem %inputs
//
// What `co_await x` yields is the result of awaited work: when that result
// is itself awaitable (concurrencpp's `co_await r.resolve()` yields the
// resolved result), dropping it is not "never awaited". Nor is the value of
// a GNU statement expression, which is the expression's value. A task made
// and dropped inside either still is.
#include <coroutine>
#include <cppcoro/task.hpp>

cppcoro::task<int> fetch() { co_return 42; }

// A task whose result is another task: awaiting it yields the inner task.
cppcoro::task<cppcoro::task<int>> prepare() { co_return fetch(); }

cppcoro::task<void> consumer() {
  // Awaited; what it yields is dropped, and it is a task that never runs.
  co_await prepare();
  fetch();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'cppcoro::task' returned by 'fetch' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await fetch();
  co_return;
}

cppcoro::task<void> statement_expression() {
  co_await ({
    int frame = 0;
    (void)frame;
    std::suspend_never();
  });
  co_await ({
    fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task 'cppcoro::task' returned by 'fetch' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
    // CHECK-FIXES: {{^}}    co_await fetch();
    std::suspend_never();
  });
}
