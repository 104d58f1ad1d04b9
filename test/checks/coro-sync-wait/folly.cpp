// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
// folly: blockingWait and SemiFuture/Future get become co_await inside a
// folly::coro::Task, where tasks and futures are awaitable (as rvalues).
#include <folly/coro/AsyncScope.h>
#include <folly/coro/BlockingWait.h>
#include <folly/coro/Task.h>
#include <folly/executors/CPUThreadPoolExecutor.h>
#include <folly/futures/Future.h>
#include <string>

struct Row {
  int id = 0;
  std::string name;
};

folly::coro::Task<Row> fetchRow(int id) { co_return Row{id, "row"}; }
folly::coro::Task<void> warmCache() { co_return; }
folly::SemiFuture<int> countRemote();
folly::Future<std::string> legacyLookup(int id);

// --- positives ---------------------------------------------------------------

folly::coro::Task<std::string> handleRequest(int id,
                                             folly::Executor::KeepAlive<> ex) {
  Row row = folly::coro::blockingWait(fetchRow(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: sync-over-async: 'folly::coro::blockingWait' in coroutine 'handleRequest' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the task instead [coro-sync-wait]
  // CHECK-FIXES: Row row = co_await fetchRow(id);
  folly::coro::blockingWait(warmCache());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'folly::coro::blockingWait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: co_await warmCache();
  folly::coro::blocking_wait(co_withExecutor(ex, warmCache()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'folly::coro::blocking_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: co_await co_withExecutor(ex, warmCache());
  int remote = std::move(countRemote()).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: sync-over-async: 'folly::SemiFuture::get' in coroutine 'handleRequest' blocks the executor thread until the future is ready, and deadlocks if the work behind it needs this thread; co_await the future instead [coro-sync-wait]
  // CHECK-FIXES: int remote = co_await std::move(countRemote());
  folly::Future<std::string> legacy = legacyLookup(id);
  std::string name = std::move(legacy).get() + row.name;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: sync-over-async: 'folly::Future::get' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: std::string name = co_await std::move(legacy) + row.name;
  co_return name + std::to_string(remote);
}

folly::coro::Task<int> notRewritable(folly::Executor::KeepAlive<> ex) {
  // An lvalue task is not awaitable in folly: reported, not rewritten.
  auto pending = fetchRow(1);
  Row row = folly::coro::blockingWait(pending);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: sync-over-async: 'folly::coro::blockingWait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: Row row = folly::coro::blockingWait(pending);
  // A timeout has no co_await counterpart.
  auto remote = countRemote();
  int count = std::move(remote).get(std::chrono::milliseconds(50));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: sync-over-async: 'folly::SemiFuture::get' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int count = std::move(remote).get(std::chrono::milliseconds(50));
  // wait() keeps the future: co_await would consume it.
  folly::Future<std::string> legacy = legacyLookup(2);
  legacy.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'folly::Future::wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: legacy.wait();
  // A future started from this coroutine on the executor it runs on.
  folly::SemiFuture<Row> started =
      co_withExecutor(ex, fetchRow(3)).start();
  (void)started;
  co_return row.id + count;
}

// --- negatives ---------------------------------------------------------------

folly::coro::Task<int> awaitsEverything(folly::Executor::KeepAlive<> ex) {
  Row row = co_await fetchRow(1);
  co_await warmCache();
  co_await co_withExecutor(ex, warmCache());
  int remote = co_await countRemote();
  std::string name = co_await legacyLookup(row.id);
  folly::Future<std::string> ready = legacyLookup(3);
  // Ready futures do not wait.
  if (ready.isReady())
    name += std::move(ready).get();
  co_return remote + static_cast<int>(name.size());
}

folly::coro::Task<void> offloads(folly::CPUThreadPoolExecutor &pool,
                                 folly::coro::AsyncScope &scope) {
  // Runs on a pool thread, not here.
  pool.add([] { folly::coro::blockingWait(warmCache()); });
  scope.add(co_withExecutor(&pool, warmCache()));
  co_await scope.joinAsync();
}

int main() {
  folly::CPUThreadPoolExecutor pool(4);
  folly::coro::AsyncScope scope;
  Row row = folly::coro::blockingWait(fetchRow(1));
  folly::coro::blockingWait(offloads(pool, scope));
  int remote = std::move(countRemote()).get();
  auto started = co_withExecutor(&pool, fetchRow(2)).start();
  Row second = std::move(started).get();
  return row.id + second.id + remote;
}
