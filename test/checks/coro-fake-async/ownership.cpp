// One finding per defect: a blocking call that coro-fake-async attributes
// to a fake asynchronous function (after its pool hop, computed inline, or
// the call of such a function from another coroutine) is its finding, and
// coro-blocking-call, run alongside, leaves it alone. Run alone,
// coro-blocking-call reports them as before. Blocking calls that are not
// part of a fake-async finding stay coro-blocking-call's either way (and
// executor-parameters.cpp: a hop onto an executor the caller chooses).
// RUN: %check_corolint -check-suffixes=BOTH,ANY %s coro-fake-async,coro-blocking-call %t -- %std_flags -isystem %inputs
// RUN: %check_corolint -check-suffixes=ALONE,ANY %s coro-blocking-call %t -- %std_flags -isystem %inputs
#include <cppcoro/static_thread_pool.hpp>
#include <cppcoro/task.hpp>
#include <folly/experimental/coro/Task.h>
#include <folly/futures/Future.h>
#include <fstream>
#include <string>
#include <thread>

std::string read_all(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text, '\0');
  return text;
}

// Fake asynchrony: only a hop and a blocking read.
cppcoro::task<std::string> load_profile(cppcoro::static_thread_pool &pool,
                                        std::string user) {
  co_await pool.schedule();
  co_return read_all("/srv/profiles/" + user);
}
// CHECK-MESSAGES-BOTH: :[[@LINE-5]]:28: warning: 'load_profile' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-BOTH: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES-BOTH: :[[@LINE-4]]:13: note: through the call to 'read_all' here
// CHECK-MESSAGES-BOTH: :[[@LINE-15]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here
// CHECK-MESSAGES-ALONE: :[[@LINE-6]]:13: warning: call to 'read_all' in coroutine 'load_profile' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O) [coro-blocking-call]
// CHECK-MESSAGES-ALONE: :[[@LINE-17]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// The wait before the hop blocks the caller's executor: coro-blocking-call
// reports it; the one after the hop is the fake-async finding.
cppcoro::task<void> rotate_logs(cppcoro::static_thread_pool &pool) {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_await pool.schedule();
  std::ofstream out("/var/log/app.1");
}
// CHECK-MESSAGES-BOTH: :[[@LINE-5]]:21: warning: 'rotate_logs' is fake asynchrony: it returns 'cppcoro::task<void>' but only hops to a thread pool to call 'std::basic_ofstream::basic_ofstream' (file I/O), {{.*}} [coro-fake-async]
// CHECK-MESSAGES-BOTH: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES-BOTH: :[[@LINE-4]]:17: note: 'std::basic_ofstream::basic_ofstream' blocks here
// CHECK-MESSAGES-ANY: :[[@LINE-7]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'rotate_logs' stalls the executor thread; use an asynchronous timer instead [coro-blocking-call]
// CHECK-MESSAGES-ALONE: :[[@LINE-6]]:17: warning: blocking call to 'std::basic_ofstream::basic_ofstream' (file I/O) in coroutine 'rotate_logs' stalls the executor thread; {{.*}} [coro-blocking-call]

// Not fake asynchrony (it awaits real work after the hop): the blocking
// read on the pool is coro-blocking-call's.
cppcoro::task<std::string> merged_profile(cppcoro::static_thread_pool &pool,
                                          std::string user) {
  co_await pool.schedule();
  std::string local = read_all("/cache/" + user);
  co_return local + co_await load_profile(pool, user);
}
// CHECK-MESSAGES-ANY: :[[@LINE-3]]:23: warning: call to 'read_all' in coroutine 'merged_profile' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O) [coro-blocking-call]
// CHECK-MESSAGES-ANY: :[[@LINE-41]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// A ready future computed inline, named as asynchronous...
folly::Future<std::string> readManifestAsync(std::string path) {
  return folly::makeFuture(read_all(path));
}
// CHECK-MESSAGES-BOTH: :[[@LINE-3]]:28: warning: 'readManifestAsync' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-BOTH: :[[@LINE-3]]:28: note: through the call to 'read_all' here
// CHECK-MESSAGES-BOTH: :[[@LINE-49]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// ...and a coroutine awaiting it: the defect is readManifestAsync's.
folly::coro::Task<std::size_t> manifest_size(std::string path) {
  std::string text = co_await readManifestAsync(path);
  co_return text.size();
}
// CHECK-MESSAGES-ALONE: :[[@LINE-3]]:31: warning: call to 'readManifestAsync' in coroutine 'manifest_size' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O) [coro-blocking-call]
// CHECK-MESSAGES-ALONE: :[[@LINE-12]]:28: note: through the call to 'read_all' here
// CHECK-MESSAGES-ALONE: :[[@LINE-58]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here
