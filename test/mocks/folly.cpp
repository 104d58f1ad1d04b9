// The folly mock headers compile realistic folly::coro code, and reject what
// upstream folly rejects.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
// RUN: not %clangxx %std_flags -fsyntax-only -I%inputs -DBAD_AWAIT_OUTSIDE_TASK %s 2>&1 | FileCheck %s --check-prefix=OUTSIDE
// RUN: not %clangxx %std_flags -fsyntax-only -I%inputs -DBAD_LVALUE_GET %s 2>&1 | FileCheck %s --check-prefix=LVALUE
// OUTSIDE: error: no member named 'await_ready' in 'folly::coro::Task<int>'
// LVALUE: error: call to deleted member function 'get'
#include <folly/coro/AsyncScope.h>
#include <folly/coro/BlockingWait.h>
#include <folly/coro/Collect.h>
#include <folly/coro/Sleep.h>
#include <folly/coro/Task.h>
#include <folly/executors/CPUThreadPoolExecutor.h>
#include <folly/executors/GlobalExecutor.h>
#include <folly/experimental/coro/Task.h>
#include <string>
#include <type_traits>

using Promise = folly::coro::Task<int>::promise_type;
static_assert(
    std::is_same_v<decltype(std::declval<Promise &>().initial_suspend()),
                   std::suspend_always>,
    "folly::coro::Task is lazy");

struct Request {
  std::string path;
};

folly::coro::Task<std::string> fetchUser(int id) {
  co_await folly::coro::sleep(std::chrono::milliseconds(5));
  co_return "user" + std::to_string(id);
}

folly::coro::Task<int> countRows() { co_return 42; }

folly::coro::Task<void> handle(Request req, folly::Executor::KeepAlive<> ex) {
  std::string user = co_await fetchUser(1);
  int rows = co_await co_withExecutor(ex, countRows());
  folly::SemiFuture<int> semi = folly::makeSemiFuture(3);
  int three = co_await std::move(semi);
  folly::Promise<int> promise;
  folly::Future<int> fut = promise.getFuture();
  promise.setValue(4);
  int four = co_await std::move(fut);
  auto [a, b] = co_await folly::coro::collectAll(countRows(), fetchUser(2));
  (void)(rows + three + four + a);
  (void)user;
  (void)b;
  (void)req;
}

#ifdef BAD_AWAIT_OUTSIDE_TASK
// A folly Task is semi-awaitable: a foreign coroutine cannot co_await it.
#include <cppcoro/task.hpp>
cppcoro::task<int> foreign() { co_return co_await countRows(); }
#endif

int main() {
  folly::CPUThreadPoolExecutor pool(4);
  folly::coro::AsyncScope scope;
  scope.add(co_withExecutor(&pool, handle(Request{"/"}, &pool)));
  scope.add(
      handle(Request{"/a"}, &pool).scheduleOn(folly::getGlobalCPUExecutor()));

  folly::SemiFuture<int> started = co_withExecutor(&pool, countRows()).start();
  auto inlined = co_withExecutor(&pool, countRows()).startInlineUnsafe();
  co_withExecutor(&pool, countRows()).start([](auto &&) {});
  std::move(started).wait();
  int v = std::move(started).get();
#ifdef BAD_LVALUE_GET
  int bad = inlined.get();
#endif
  int w = folly::coro::blockingWait(countRows());
  folly::coro::blockingWait(scope.joinAsync());
  int z = folly::coro::blockingWait(std::move(inlined));
  folly::Future<int> chained =
      folly::makeFuture(1).via(&pool).thenValue([](int i) { return i + 1; });
  chained.wait();
  int u = std::move(chained).get();
  folly::Future<int> computed = folly::via(&pool, [] { return 6 * 7; });
  int t = std::move(computed).get();
  return v + w + z + u + t;
}

// Cancellation: the awaiter's token, a bound child, a callback, a source.
#include <folly/CancellationToken.h>
#include <folly/coro/WithCancellation.h>
folly::coro::Task<void> cancellable(folly::Executor::KeepAlive<> ex) {
  const folly::CancellationToken &token =
      co_await folly::coro::co_current_cancellation_token;
  folly::CancellationCallback onCancel(token, [] {});
  co_await co_withCancellation(token, countRows());
  co_withCancellation(token, countRows())
      .scheduleOn(ex)
      .start([](auto &&) {}, token);
  folly::CancellationSource source;
  (void)source.requestCancellation();
  (void)(token.isCancellationRequested() || source.getToken().canBeCancelled());
}
