// RUN: %check_corolint %s coro-detached-task %t -- %std_flags -isystem %inputs
//
// Detaching APIs of the other coroutine libraries (mock headers): folly's
// start() whose future is dropped, libcoro's spawn, Boost.Cobalt's spawn
// with a detached token; next to their structured forms, which stay silent:
// folly::coro::AsyncScope::add, start(callback), spawn_joinable, a spawn
// whose handler looks at the error.
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/cobalt/spawn.hpp>
#include <boost/cobalt/task.hpp>
#include <async_simple/coro/Lazy.h>
#include <coro/io_scheduler.hpp>
#include <coro/scheduler.hpp>
#include <stdexcept>
#include <coro/task.hpp>
#include <exception>
#include <folly/Executor.h>
#include <folly/experimental/coro/AsyncScope.h>
#include <folly/experimental/coro/Task.h>
#include <memory>

// --- folly -------------------------------------------------------------------
folly::coro::Task<void> refresh_cache() { co_return; }
folly::coro::Task<int> count_rows() { co_return 42; }

void on_timer(folly::Executor::KeepAlive<> ex) {
  co_withExecutor(ex, refresh_cache()).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'folly::coro::TaskWithExecutor::start' is discarded: the task runs detached and nothing observes its errors or waits for it; use a folly::coro::AsyncScope: scope.add(co_withExecutor(ex, task())) and co_await scope.joinAsync() before shutdown [coro-detached-task]
  refresh_cache().scheduleOn(ex).startInlineUnsafe();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'folly::coro::TaskWithExecutor::startInlineUnsafe' is discarded: {{.*}}
}

// Negatives: the future is kept, the callback sees the result, the scope
// owns the task.
struct CacheService {
  folly::coro::AsyncScope scope;
  folly::Executor::KeepAlive<> ex;

  void refresh_in_background() {
    scope.add(co_withExecutor(ex, refresh_cache()));
  }
  auto refresh_and_report() {
    co_withExecutor(ex, count_rows()).start([](auto &&) {});
    return co_withExecutor(ex, count_rows()).start();
  }
  folly::coro::Task<void> shutdown() { co_await scope.joinAsync(); }
};

// --- libcoro -----------------------------------------------------------------
coro::task<void> poll_device() { co_return; }

coro::task<void> supervisor(std::shared_ptr<coro::io_scheduler> scheduler) {
  scheduler->spawn(poll_device());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'coro::io_scheduler::spawn' lets the work go: nothing waits for it or observes its errors, and it may outlive what it uses; use spawn_joinable and co_await the task it returns, or coro::when_all instead [coro-detached-task]
  scheduler->spawn_detached(poll_device());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'coro::io_scheduler::spawn_detached' lets the work go: {{.*}}
  // Negative: joinable.
  co_await scheduler->spawn_joinable(poll_device());
  co_await scheduler->schedule(poll_device());
}

// libcoro >= 0.15 names it coro::scheduler.
coro::task<void> supervise(coro::scheduler &scheduler) {
  scheduler.spawn_detached(poll_device());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'coro::scheduler::spawn_detached' lets the work go: {{.*}}
  co_await scheduler.spawn_joinable(poll_device());
}

// async_simple: detach() drops the result, start(callback) hands it over.
async_simple::coro::Lazy<int> count_shards() { co_return 3; }
void refresh_counts() {
  count_shards().detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_simple::coro::Lazy::detach' lets the work go: nothing waits for it or observes its errors, and it may outlive what it uses; use start(callback) and handle the Try it is given, or co_await the Lazy instead [coro-detached-task]
  count_shards().start([](async_simple::Try<int> rows) { (void)rows; });
}

// --- Boost.Cobalt --------------------------------------------------------------
int clock_fd = -1;
boost::cobalt::task<void> ticker() {
  if (clock_fd < 0)
    throw std::runtime_error("no clock");
  co_return;
}
boost::cobalt::task<void> guarded_ticker() {
  try {
    co_await ticker();
  } catch (...) {
  }
}

int main() try {
  boost::asio::io_context ctx;
  boost::cobalt::spawn(ctx, ticker(), boost::asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::cobalt::spawn' with 'boost::asio::detached' drops any exception thrown by 'ticker', so the program carries on as if nothing had failed; use a completion handler that rethrows it out of the event loop [coro-detached-task]
  // CHECK-FIXES: boost::cobalt::spawn(ctx, ticker(), [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  // Negatives: the coroutine catches everything; the handler reports.
  boost::cobalt::spawn(ctx, guarded_ticker(), boost::asio::detached);
  boost::cobalt::spawn(ctx, ticker(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  ctx.run();
} catch (const std::exception &) {
  return 1;
}
