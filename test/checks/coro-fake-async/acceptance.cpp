// The acceptance snippets of the design note (anchors-next-checks-2026-12,
// "3. coro-fake-async"), verbatim with their preamble: FAKE-1..3 must be
// flagged, FAKE-4 (CPU-bound offload) and FAKE-5 (a thin wrapper over a
// real asynchronous operation) must stay silent. With
// IncludeCpuBoundOffload, FAKE-4 is reported as an offload of computation.
// RUN: %check_corolint -check-suffixes=ALL %s coro-fake-async %t -- -std=c++20
// RUN: %check_corolint -check-suffixes=ALL,CPU %s coro-fake-async %t \
// RUN:   -config="{CheckOptions: {coro-fake-async.IncludeCpuBoundOffload: true}}" \
// RUN:   -- -std=c++20
// FAKE-5 must not be reported as a blocking call either.
// RUN: %check_corolint -check-suffixes=ALL %s coro-fake-async,coro-blocking-call %t -- -std=c++20
#include <coroutine>
#include <future>
#include <string>
#include <thread>
#include <unistd.h>

template <class T> struct vtask {
  struct promise_type {
    vtask get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  bool await_ready() noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() noexcept { return T{}; }
};
struct io_op { // a real suspension point
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() noexcept { return 1; }
};
io_op read_some();
struct thread_pool { io_op schedule(); }; // resumes the caller on a pool thread
extern thread_pool pool;

std::string http_get_blocking(const std::string &);
std::string read_file_blocking(const std::string &);
unsigned long sha256_sum(const std::string &);

// FAKE-1
std::future<std::string> fetch_async(std::string url) {
  return std::async(std::launch::async, [url] { return http_get_blocking(url); });
}
// CHECK-MESSAGES-ALL: :[[@LINE-3]]:26: warning: 'fetch_async' is fake asynchrony: it returns 'std::future<std::string>' but only runs blocking work on another thread, where 'http_get_blocking' (blocking by its name) holds the thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use its asynchronous counterpart [coro-fake-async]
// CHECK-MESSAGES-ALL: :[[@LINE-3]]:10: note: the work moves to another thread here
// CHECK-MESSAGES-ALL: :[[@LINE-4]]:56: note: 'http_get_blocking' blocks here

// FAKE-2
vtask<std::string> read_config_async(std::string p) { co_await pool.schedule(); co_return read_file_blocking(p); }
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:20: warning: 'read_config_async' is fake asynchrony: it returns 'vtask<std::string>' but only hops to a thread pool to call 'read_file_blocking' (blocking by its name), which holds a pool thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use its asynchronous counterpart [coro-fake-async]
// CHECK-MESSAGES-ALL: :[[@LINE-2]]:55: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES-ALL: :[[@LINE-3]]:91: note: 'read_file_blocking' blocks here

// FAKE-3
std::future<std::string> query_async(std::string sql) {
  std::packaged_task<std::string()> t([sql] { return http_get_blocking(sql); });
  auto f = t.get_future(); std::thread(std::move(t)).detach(); return f;
}
// CHECK-MESSAGES-ALL: :[[@LINE-4]]:26: warning: 'query_async' is fake asynchrony: it returns 'std::future<std::string>' but only runs blocking work on another thread, where 'http_get_blocking' (blocking by its name) holds the thread for the whole wait; {{.*}} [coro-fake-async]
// CHECK-MESSAGES-ALL: :[[@LINE-3]]:28: note: the work moves to another thread here
// CHECK-MESSAGES-ALL: :[[@LINE-5]]:54: note: 'http_get_blocking' blocks here

// FAKE-4: computation offloaded for parallelism.
vtask<unsigned long> hash_async(std::string big) { co_await pool.schedule(); co_return sha256_sum(big); }
// CHECK-MESSAGES-CPU: :[[@LINE-1]]:22: warning: 'hash_async' returns 'vtask<unsigned long>' but only moves synchronous computation to another thread; expose the synchronous function and let callers decide where to run it [coro-fake-async]
// CHECK-MESSAGES-CPU: :[[@LINE-2]]:52: note: the work moves to another thread here

// FAKE-5: a thin wrapper over a genuinely asynchronous operation.
vtask<int> read_async() { co_return co_await read_some(); }
