// RUN: %check_corolint %s coro-unawaited-task %t -- %std_flags -isystem %inputs
//
// Tasks of the other libraries (mock headers). co_await is inserted only
// where the task is awaitable in the enclosing coroutine's framework: a
// folly Task in a folly Task, a cppcoro task in a cppcoro task; a folly
// Task dropped in a cppcoro coroutine gets the advice instead. Eager
// Boost.Cobalt promises run, but nobody sees their result.
#include <boost/cobalt/promise.hpp>
#include <boost/cobalt/task.hpp>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <folly/experimental/coro/Collect.h>
#include <folly/experimental/coro/Task.h>

folly::coro::Task<int> load_user(int id) { co_return id; }
cppcoro::task<int> load_row(int id) { co_return id; }
boost::cobalt::promise<void> warm_up() { co_return; }
boost::cobalt::task<void> refresh() { co_return; }

folly::coro::Task<void> folly_handler() {
  load_user(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'folly::coro::Task' returned by 'load_user' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await load_user(1);
  // Negatives: awaited, collected.
  co_await load_user(2);
  auto [a, b] = co_await folly::coro::collectAll(load_user(3), load_user(4));
  (void)a;
  (void)b;
}

cppcoro::task<int> cppcoro_handler() {
  load_row(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'cppcoro::task' returned by 'load_row' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await load_row(1);
  load_user(5);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'folly::coro::Task' returned by 'load_user' is never awaited: a lazy task that is dropped never runs; co_await it from a coroutine, or start it with co_withExecutor(executor, std::move(task)).start() and keep the future [coro-unawaited-task]
  // Negative: passed to when_all.
  auto [x, y] = co_await cppcoro::when_all(load_row(2), load_row(3));
  co_return x + y;
}

boost::cobalt::task<void> cobalt_handler() {
  warm_up();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'boost::cobalt::promise' returned by 'warm_up' is never awaited: its completion and errors are never observed [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await warm_up();
  refresh();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'boost::cobalt::task' returned by 'refresh' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await refresh();
  // Negatives.
  co_await warm_up();
  auto p = warm_up();
  co_await std::move(p);
}

void plain(int id) {
  load_row(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'cppcoro::task' returned by 'load_row' is never awaited: a lazy task that is dropped never runs; co_await it from a coroutine, or cppcoro::sync_wait it at the top level [coro-unawaited-task]
}
