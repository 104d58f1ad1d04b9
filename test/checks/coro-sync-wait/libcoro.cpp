// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
#include <coro/coro.hpp>
#include <memory>
#include <string>

coro::task<std::string> lookup(int key) { co_return std::to_string(key); }
coro::task<void> touch() { co_return; }

// --- positives ---------------------------------------------------------------

coro::task<std::size_t> session(std::shared_ptr<coro::io_scheduler> sched) {
  co_await sched->schedule();
  std::string value = coro::sync_wait(lookup(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: sync-over-async: 'coro::sync_wait' in coroutine 'session' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the task instead [coro-sync-wait]
  // CHECK-FIXES: std::string value = co_await lookup(1);
  auto pending = lookup(2);
  value += coro::sync_wait(pending);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: sync-over-async: 'coro::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: value += co_await pending;
  coro::sync_wait(sched->schedule(touch()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'coro::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: co_await sched->schedule(touch());
  co_return value.size();
}

// --- negatives ---------------------------------------------------------------

coro::task<void> awaitsEverything(std::shared_ptr<coro::io_scheduler> sched) {
  co_await sched->schedule();
  std::string value = co_await lookup(3);
  co_await sched->yield_for(std::chrono::milliseconds(1));
  sched->spawn(touch());
  (void)value;
}

int main() {
  auto sched = coro::io_scheduler::make_shared(
      coro::io_scheduler::options{.thread_count = 2});
  coro::sync_wait(awaitsEverything(sched));
  return static_cast<int>(coro::sync_wait(session(sched)));
}
