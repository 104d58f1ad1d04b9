// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags -I%inputs
//
// Frameworks other than asio: a folly::coro::Task can sleep on folly's
// timer; the others have no rewrite corolint can vouch for, so the call is
// reported with advice only.
#include <chrono>
#include <cppcoro/task.hpp>
#include <folly/experimental/coro/Sleep.h>
#include <folly/experimental/coro/Task.h>
#include <thread>

using namespace std::chrono_literals;

folly::coro::Task<int> fetch_with_backoff(int attempts) {
  for (int i = 0; i < attempts; ++i)
    std::this_thread::sleep_for(10ms * i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'fetch_with_backoff' stalls the executor thread; use an asynchronous timer instead [coro-blocking-call]
  // CHECK-FIXES: co_await folly::coro::sleep(10ms * i);
  co_return attempts;
}

cppcoro::task<void> cppcoro_pause() {
  std::this_thread::sleep_for(5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'cppcoro_pause'
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(5ms);{{$}}
  co_return;
}

// ---- Negatives.
folly::coro::Task<void> polite_backoff() {
  co_await folly::coro::sleep(10ms);
}

cppcoro::task<int> compute() { co_return 42; }
cppcoro::task<int> chain() { co_return co_await compute() + 1; }
