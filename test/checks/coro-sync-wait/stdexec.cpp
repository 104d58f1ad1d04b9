// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
// stdexec::sync_wait returns std::optional<std::tuple<...>>: it becomes
// co_await only where its value is unused and the operand is an exec::task.
#include <exec/async_scope.hpp>
#include <exec/static_thread_pool.hpp>
#include <exec/task.hpp>
#include <stdexec/execution.hpp>

exec::task<int> queryDb(int key) { co_return key + 1; }
exec::task<void> writeAudit() { co_return; }

// --- positives ---------------------------------------------------------------

exec::task<int> serve(exec::static_thread_pool::scheduler sched) {
  co_await stdexec::schedule(sched);
  stdexec::sync_wait(writeAudit());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'stdexec::sync_wait' in coroutine 'serve' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the sender from an exec::task instead [coro-sync-wait]
  // CHECK-FIXES: co_await writeAudit();
  stdexec::sync_wait(queryDb(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'stdexec::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: co_await queryDb(0);
  // The value is std::optional<std::tuple<int>>, not int: no rewrite.
  auto row = stdexec::sync_wait(queryDb(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: sync-over-async: 'stdexec::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: auto row = stdexec::sync_wait(queryDb(1));
  auto [value] = stdexec::sync_wait(queryDb(2)).value();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: sync-over-async: 'stdexec::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: auto [value] = stdexec::sync_wait(queryDb(2)).value();
  // Whether a sender is awaitable depends on its completion signatures.
  stdexec::sync_wait(stdexec::just(1, 2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'stdexec::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: stdexec::sync_wait(stdexec::just(1, 2));
  auto audit = writeAudit();
  stdexec::sync_wait(std::move(audit));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'stdexec::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: co_await std::move(audit);
  co_return std::get<0>(*row) + value;
}

// --- negatives ---------------------------------------------------------------

exec::task<int> awaitsEverything(exec::static_thread_pool::scheduler sched) {
  co_await stdexec::schedule(sched);
  co_await writeAudit();
  int row = co_await queryDb(1);
  int doubled = co_await (stdexec::just(row) |
                          stdexec::then([](int i) { return i * 2; }));
  co_return doubled;
}

exec::task<void> spawnsOnScope(exec::async_scope &scope,
                               exec::static_thread_pool &pool) {
  scope.spawn(stdexec::starts_on(pool.get_scheduler(), writeAudit()));
  co_await scope.on_empty();
}

int main() {
  exec::static_thread_pool pool(4);
  exec::async_scope scope;
  stdexec::sync_wait(spawnsOnScope(scope, pool));
  auto [v] = stdexec::sync_wait(awaitsEverything(pool.get_scheduler())).value();
  auto [w] = stdexec::sync_wait(serve(pool.get_scheduler())).value();
  return v + w;
}
