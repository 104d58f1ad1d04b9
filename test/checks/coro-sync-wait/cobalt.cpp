// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/cobalt.hpp>

boost::cobalt::task<int> readSensor(int id) { co_return id * 10; }
boost::cobalt::promise<int> prefetch() { co_return 1; }

// --- positives ---------------------------------------------------------------

boost::cobalt::task<int> poll(int id) {
  int value = boost::cobalt::run(readSensor(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: sync-over-async: 'boost::cobalt::run' in coroutine 'poll' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the task instead [coro-sync-wait]
  // CHECK-FIXES: int value = co_await readSensor(id);
  auto next = readSensor(id + 1);
  value += boost::cobalt::run(std::move(next));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: sync-over-async: 'boost::cobalt::run' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: value += co_await std::move(next);
  co_return value;
}

// --- negatives ---------------------------------------------------------------

boost::cobalt::task<int> awaitsEverything() {
  int value = co_await readSensor(1);
  auto early = prefetch();
  value += co_await early;
  // promise::get() returns a result that is already there; it does not wait.
  auto done = prefetch();
  if (done.ready())
    value += done.get();
  co_return value;
}

int main() {
  boost::asio::io_context ctx;
  boost::cobalt::spawn(ctx, awaitsEverything(), boost::asio::detached);
  ctx.run();
  return boost::cobalt::run(poll(1));
}
