// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
#include <async_simple/coro/Lazy.h>
#include <async_simple/executors/SimpleExecutor.h>

using async_simple::coro::Lazy;

Lazy<int> readBlock(int n) { co_return n * 512; }

// --- positives ---------------------------------------------------------------

Lazy<int> copyFile(async_simple::Executor *ex) {
  int first = async_simple::coro::syncAwait(readBlock(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: sync-over-async: 'async_simple::coro::syncAwait' in coroutine 'copyFile' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the Lazy instead [coro-sync-wait]
  // CHECK-FIXES: int first = co_await readBlock(0);
  // On another executor: co_await would resume on this one instead.
  int second = async_simple::coro::syncAwait(readBlock(1), ex);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: sync-over-async: 'async_simple::coro::syncAwait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int second = async_simple::coro::syncAwait(readBlock(1), ex);
  // A Lazy is awaited as an rvalue.
  auto third = readBlock(2);
  int last = async_simple::coro::syncAwait(third);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: sync-over-async: 'async_simple::coro::syncAwait' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int last = async_simple::coro::syncAwait(third);
  co_return first + second + last;
}

// --- negatives ---------------------------------------------------------------

Lazy<int> awaitsEverything() {
  int first = co_await readBlock(0);
  auto next = readBlock(1);
  int second = co_await std::move(next);
  co_return first + second;
}

int main() {
  async_simple::executors::SimpleExecutor ex(2);
  awaitsEverything().via(&ex).start([](async_simple::Try<int> result) {
    if (result.hasError())
      std::rethrow_exception(result.getException());
  });
  return async_simple::coro::syncAwait(copyFile(&ex));
}
