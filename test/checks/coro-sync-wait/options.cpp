// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
// RUN: %check_corolint -check-suffix=OPTS %s coro-sync-wait %t -config='{CheckOptions: {coro-sync-wait.SyncWaitFunctions: "jobs::waitAll;jobs::Pool::drain=loop", coro-sync-wait.AllowedFunctions: "std::future::wait;cppcoro::sync_wait", coro-sync-wait.Interprocedural: false}}' -- %std_flags -I%inputs
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <future>
#include <vector>

namespace jobs {
struct Handle {
  int id;
};
// Waits for every job of the batch: a project's own sync wait.
void waitAll(const std::vector<Handle> &batch);
struct Pool {
  void drain();
};
} // namespace jobs

cppcoro::task<int> answer() { co_return 42; }

int settle(std::future<int> &f) { return f.get(); }

cppcoro::task<int> batch(jobs::Pool &pool, std::future<int> f,
                         std::vector<jobs::Handle> handles) {
  jobs::waitAll(handles);
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:3: warning: sync-over-async: 'jobs::waitAll' in coroutine 'batch' blocks the executor thread until asynchronous work completes, and deadlocks if that work needs this thread; co_await the asynchronous work instead [coro-sync-wait]
  pool.drain();
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:3: warning: sync-over-async: 'jobs::Pool::drain' in coroutine 'batch' runs a nested event loop on the executor thread and does not return until that loop runs out of work; co_await the asynchronous work instead [coro-sync-wait]
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'std::future::wait' in coroutine 'batch' {{.*}} [coro-sync-wait]
  int v = cppcoro::sync_wait(answer());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'batch' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int v = co_await answer();
  v += settle(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: sync-over-async: call to 'settle' in coroutine 'batch' waits synchronously for asynchronous work: it reaches 'std::future::get', {{.*}} [coro-sync-wait]
  // CHECK-MESSAGES: :[[@LINE-15]]:42: note: 'std::future::get' waits here
  v += f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: sync-over-async: 'std::future::get' in coroutine 'batch' {{.*}} [coro-sync-wait]
  // CHECK-MESSAGES-OPTS: :[[@LINE-2]]:8: warning: sync-over-async: 'std::future::get' in coroutine 'batch' {{.*}} [coro-sync-wait]
  co_return v;
}
