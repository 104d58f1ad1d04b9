// The pool hops and offloads of the other frameworks (mock headers):
// cppcoro's static_thread_pool::schedule, libcoro's thread_pool::schedule,
// winrt::resume_background, concurrencpp's resume_on, folly::via and
// makeFuture, async_simple's Executor::schedule. A hop onto the pool a
// framework designates for blocking work (concurrencpp's background
// executor), a hop followed by real awaiting, and an event loop's own
// scheduler are not fake asynchrony.
// RUN: %check_corolint %s coro-fake-async %t -- %std_flags -isystem %inputs
#include <async_simple/Executor.h>
#include <concurrencpp/concurrencpp.h>
#include <coro/coro.hpp>
#include <cppcoro/static_thread_pool.hpp>
#include <cppcoro/task.hpp>
#include <folly/executors/CPUThreadPoolExecutor.h>
#include <folly/futures/Future.h>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <winrt/base.h>

std::string read_all(const std::string &path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text, '\0');
  return text;
}

cppcoro::task<std::string> load_profile(cppcoro::static_thread_pool &pool,
                                        std::string user) {
  co_await pool.schedule();
  co_return read_all("/srv/profiles/" + user);
}
// CHECK-MESSAGES: :[[@LINE-5]]:28: warning: 'load_profile' is fake asynchrony: it returns 'cppcoro::task<std::string>' but only hops to a thread pool to call 'std::basic_ifstream::basic_ifstream' (file I/O), {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: through the call to 'read_all' here
// CHECK-MESSAGES: :[[@LINE-14]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

coro::task<ssize_t> receive_datagram(coro::thread_pool &tp, int fd,
                                     char *buf, std::size_t n) {
  co_await tp.schedule();
  co_return ::recv(fd, buf, n, 0);
}
// CHECK-MESSAGES: :[[@LINE-5]]:21: warning: 'receive_datagram' is fake asynchrony: it returns 'coro::task<ssize_t>' but only hops to a thread pool to call 'recv' (socket I/O), which holds a pool thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use an asynchronous socket, or a non-blocking descriptor [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'recv' blocks here

// resume_background is awaitable in any coroutine.
cppcoro::task<void> SaveSettingsAsync(std::string text) {
  co_await winrt::resume_background();
  std::ofstream out("settings.json");
  out << text;
}
// CHECK-MESSAGES: :[[@LINE-5]]:21: warning: 'SaveSettingsAsync' is fake asynchrony: it returns 'cppcoro::task<void>' but only hops to a thread pool to call 'std::basic_ofstream::basic_ofstream' (file I/O), {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES: :[[@LINE-5]]:17: note: 'std::basic_ofstream::basic_ofstream' blocks here

using pool_ptr = std::shared_ptr<concurrencpp::thread_pool_executor>;

// concurrencpp's CPU pool is no place to sleep.
concurrencpp::result<void> retry_later(const concurrencpp::runtime &rt) {
  co_await concurrencpp::resume_on(rt.thread_pool_executor());
  std::this_thread::sleep_for(std::chrono::seconds(1));
}
// CHECK-MESSAGES: :[[@LINE-4]]:28: warning: 'retry_later' is fake asynchrony: it returns 'concurrencpp::result<void>' but only hops to a thread pool to call 'std::this_thread::sleep_for' (sleep), {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'std::this_thread::sleep_for' blocks here

folly::Future<std::string> fetch_blob(folly::CPUThreadPoolExecutor &cpu,
                                      std::string key) {
  return folly::via(&cpu, [key] { return read_all("/blobs/" + key); });
}
// CHECK-MESSAGES: :[[@LINE-4]]:28: warning: 'fetch_blob' is fake asynchrony: it returns 'folly::Future<std::string>' but only runs blocking work on another thread, {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-4]]:42: note: through the call to 'read_all' here
// CHECK-MESSAGES: :[[@LINE-53]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// Named as asynchronous, computed inline: the future is complete before
// the caller gets it.
folly::Future<std::string> readManifestAsync(std::string path) {
  return folly::makeFuture(read_all(path));
}
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: 'readManifestAsync' is fake asynchrony: it returns 'folly::Future<std::string>' but calls 'std::basic_ifstream::basic_ifstream' (file I/O) on the caller's thread and returns an already completed result; expose the synchronous function, or use asynchronous file I/O, or a thread pool that hands the result back [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: through the call to 'read_all' here
// CHECK-MESSAGES: :[[@LINE-62]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// A coroutine named as asynchronous that never suspends.
cppcoro::task<std::string> read_motd_async() {
  co_return read_all("/etc/motd");
}
// CHECK-MESSAGES: :[[@LINE-3]]:28: warning: 'read_motd_async' is fake asynchrony: it returns 'cppcoro::task<std::string>' but calls 'std::basic_ifstream::basic_ifstream' (file I/O) on the caller's thread {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: through the call to 'read_all' here
// CHECK-MESSAGES: :[[@LINE-70]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// async_simple: a callback-taking function scheduling blocking work.
void load_async(async_simple::Executor *ex, std::string path,
                std::function<void(std::string)> done) {
  ex->schedule([path, done] { done(read_all(path)); });
}
// CHECK-MESSAGES: :[[@LINE-4]]:6: warning: 'load_async' is fake asynchrony: it is named as asynchronous but only runs blocking work on another thread, {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-4]]:36: note: through the call to 'read_all' here
// CHECK-MESSAGES: :[[@LINE-80]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// --- Silent --------------------------------------------------------------

// The background executor is concurrencpp's pool for blocking work.
concurrencpp::result<void> read_report(const concurrencpp::runtime &rt,
                                       std::string path) {
  co_await concurrencpp::resume_on(rt.background_executor());
  std::string report = read_all(path);
  (void)report;
}

// The hop is followed by a real suspension: the coroutine awaits work.
cppcoro::task<std::string> fetch_profile(cppcoro::static_thread_pool &pool,
                                         std::string user) {
  co_await pool.schedule();
  std::string cached = read_all("/cache/" + user);
  co_return cached + co_await load_profile(pool, user);
}

// libcoro's I/O scheduler is the event loop itself, not a pool to block:
// a blocking call here is coro-blocking-call's finding.
coro::task<std::string> on_loop(std::shared_ptr<coro::io_scheduler> sched) {
  co_await sched->schedule();
  co_return read_all("/etc/hostname");
}

// Pure computation on a pool, and computation named as asynchronous.
coro::task<long> sum_async(coro::thread_pool &tp, std::vector<long> v) {
  co_await tp.schedule();
  long total = 0;
  for (long x : v)
    total += x;
  co_return total;
}
folly::Future<int> parse_port_async(std::string text) {
  return folly::makeFuture(std::stoi(text));
}

// A fire-and-forget coroutine gives its caller nothing to wait on: moving
// the save off the UI thread is the caller's own decision.
winrt::fire_and_forget OnSaveClicked(std::string text) {
  co_await winrt::resume_background();
  std::ofstream out("settings.json");
  out << text;
}

// Not named as asynchronous: a ready future of a value computed here is an
// interface choice (the computation is the caller's to see).
folly::Future<std::string> cached_manifest(std::string path) {
  return folly::makeFuture(read_all(path));
}
