// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
#include <cppcoro/static_thread_pool.hpp>
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <string>
#include <thread>
#include <vector>

cppcoro::task<std::string> readConfig() { co_return "cfg"; }
cppcoro::task<int> loadShard(int shard) { co_return shard * 2; }
cppcoro::task<> flushLog() { co_return; }

// --- positives ---------------------------------------------------------------

cppcoro::task<int> startServer(cppcoro::static_thread_pool &pool) {
  co_await pool.schedule();
  std::string config = cppcoro::sync_wait(readConfig());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'startServer' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the awaitable instead [coro-sync-wait]
  // CHECK-FIXES: std::string config = co_await readConfig();
  auto shard = loadShard(1);
  int first = cppcoro::sync_wait(shard) + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: sync-over-async: 'cppcoro::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int first = co_await shard + 1;
  auto [a, b] = cppcoro::sync_wait(cppcoro::when_all(loadShard(2), loadShard(3)));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: sync-over-async: 'cppcoro::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: auto [a, b] = co_await cppcoro::when_all(loadShard(2), loadShard(3));
  if (config.empty())
    cppcoro::sync_wait(flushLog());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: sync-over-async: 'cppcoro::sync_wait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: co_await flushLog();
  co_return first + a + b;
}

// A cppcoro awaitable inside a coroutine of another framework is not
// rewritten: that framework may not await it.
struct Job {
  struct promise_type {
    Job get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
Job background() {
  cppcoro::sync_wait(flushLog());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'background' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: {{^}}  cppcoro::sync_wait(flushLog());
  co_return;
}

// --- negatives ---------------------------------------------------------------

cppcoro::task<int> awaitsEverything(cppcoro::static_thread_pool &pool) {
  co_await pool.schedule();
  std::string config = co_await readConfig();
  std::vector<cppcoro::task<int>> shards;
  for (int i = 0; i < 4; ++i)
    shards.push_back(loadShard(i));
  std::vector<int> loaded = co_await cppcoro::when_all(std::move(shards));
  co_return static_cast<int>(config.size() + loaded.size());
}

int loadEverythingBlocking() {
  // A plain function nobody calls from a coroutine.
  return cppcoro::sync_wait(loadShard(4));
}

int main() {
  cppcoro::static_thread_pool pool(2);
  std::thread loader([] { cppcoro::sync_wait(flushLog()); });
  int total = cppcoro::sync_wait(awaitsEverything(pool));
  total += cppcoro::sync_wait(startServer(pool));
  loader.join();
  return total + loadEverythingBlocking();
}
