// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags -I%inputs
//
// A folly::coro request handler. A folly Task holds its awaiter's token and
// co_await hands it on implicitly (await_transform wraps the operand in
// co_withCancellation), so `co_await child()` forwards it; what loses it is
// a detached start, an explicit empty token, or a call that takes a token
// and is not given one.
#include <folly/CancellationToken.h>
#include <folly/Executor.h>
#include <folly/coro/Task.h>
#include <folly/coro/WithCancellation.h>
#include <string>

struct Page {
  std::string body;
};

folly::coro::Task<void> child();
folly::coro::Task<void> rollback();
folly::coro::Task<Page> fetchPage(std::string url,
                                  folly::CancellationToken ct = {});
// A synchronous lookup that gives up when its token is cancelled.
std::string resolve(const std::string &host,
                    const folly::CancellationToken &ct = {});

// --- Reported ----------------------------------------------------------------

// CXL-6: a child started detached loses the parent's token.
folly::coro::Task<void> handle(folly::Executor::KeepAlive<> ex) {
  child().scheduleOn(ex).start();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: task started detached with 'folly::coro::TaskWithExecutor::start' loses the cancellation of 'handle': only co_await hands it the coroutine's token; bind it with co_withCancellation(co_await folly::coro::co_current_cancellation_token, task) [coro-dropped-cancellation]
  co_return;
}

// An explicit empty token resets cancellation outside any cleanup.
folly::coro::Task<void> refresh() {
  co_await co_withCancellation({}, child());
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'folly::coro::co_withCancellation' is given an empty cancellation token: cancelling 'refresh' does not reach it; pass 'co_await folly::coro::co_current_cancellation_token' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  co_await co_withCancellation(co_await folly::coro::co_current_cancellation_token, child());
}

// A synchronous callee that takes a token: the coroutine's is passed.
folly::coro::Task<std::string> lookup(std::string host) {
  const folly::CancellationToken &token =
      co_await folly::coro::co_current_cancellation_token;
  if (token.isCancellationRequested())
    co_return "";
  co_return resolve(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'resolve' accepts a cancellation token but none is passed: cancelling 'lookup' does not reach it; pass 'token' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  co_return resolve(host, token);
}

// Without having asked for it, a folly coroutine still has its token.
folly::coro::Task<std::string> lookupQuickly(std::string host) {
  co_return resolve(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'resolve' accepts a cancellation token but none is passed: cancelling 'lookupQuickly' does not reach it; pass 'co_await folly::coro::co_current_cancellation_token' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  co_return resolve(host, co_await folly::coro::co_current_cancellation_token);
}

// A plain function given a token, and a callback that drops it.
void prefetch(folly::Executor::KeepAlive<> ex, std::string url,
              const folly::CancellationToken &ct) {
  co_withExecutor(ex, fetchPage(url)).start([](auto &&) {});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'folly::coro::TaskWithExecutor::start' accepts a cancellation token but none is passed: cancelling 'prefetch' does not reach it; pass 'ct' [coro-dropped-cancellation]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: warning: 'fetchPage' accepts a cancellation token but none is passed: {{.*}}
  // CHECK-FIXES: {{^}}  co_withExecutor(ex, fetchPage(url, ct)).start([](auto &&) {}, ct);
}

// A token parameter of a folly coroutine, never used.
folly::coro::Task<void> poll(folly::CancellationToken ct) {
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: cancellation token 'ct' is never used: {{.*}}
  co_await child();
}

// A token parameter is not the token co_await hands on: the children get
// the awaiter's, so a loop that only awaits is not stopped by 'ct'.
folly::coro::Task<void> pollUntilCancelled(folly::CancellationToken ct) {
  if (ct.isCancellationRequested())
    co_return;
  while (true)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration and cancelling 'pollUntilCancelled' cannot stop it [coro-dropped-cancellation]
    co_await child();
}

// Nor does awaiting a task with a defaulted token hand it 'ct'.
folly::coro::Task<Page> renderWith(std::string url,
                                   folly::CancellationToken ct) {
  if (ct.isCancellationRequested())
    co_return Page{};
  co_return co_await fetchPage(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'fetchPage' accepts a cancellation token but none is passed: cancelling 'renderWith' does not reach it; pass 'ct' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  co_return co_await fetchPage(url, ct);
}

// --- Not reported --------------------------------------------------------------

// The token parameter is passed to what is awaited, or checked each time.
folly::coro::Task<Page> renderWithToken(std::string url,
                                        folly::CancellationToken ct) {
  co_return co_await fetchPage(url, ct);
}
folly::coro::Task<void> pollPolitely(folly::CancellationToken ct) {
  while (!ct.isCancellationRequested())
    co_await child();
}

// co_await forwards the coroutine's token implicitly, to a task with a
// defaulted token parameter too.
folly::coro::Task<Page> render(std::string url) {
  co_await child();
  co_return co_await fetchPage(url);
}

// Bound before the detached start.
folly::coro::Task<void> handleBound(folly::Executor::KeepAlive<> ex) {
  co_withCancellation(co_await folly::coro::co_current_cancellation_token,
                      child())
      .scheduleOn(ex)
      .start();
}

// The documented shield: cleanup in a catch block runs even when the work
// was cancelled.
folly::coro::Task<void> transaction(folly::Executor::KeepAlive<> ex) {
  try {
    co_await child();
  } catch (...) {
    co_withCancellation({}, rollback()).scheduleOn(ex).start();
    throw;
  }
}

// A loop of co_awaits in a folly coroutine: each await hands the token on.
folly::coro::Task<void> stream() {
  const auto &token = co_await folly::coro::co_current_cancellation_token;
  if (token.isCancellationRequested())
    co_return;
  while (true)
    co_await child();
}

// A callback registered on the token.
folly::coro::Task<void> watch() {
  auto token = co_await folly::coro::co_current_cancellation_token;
  bool stopped = false;
  folly::CancellationCallback onCancel(token, [&] { stopped = true; });
  co_await child();
}

// A source the function owns, its token passed on.
void launch(folly::Executor::KeepAlive<> ex) {
  folly::CancellationSource source;
  co_withCancellation(source.getToken(), child()).scheduleOn(ex).start();
  (void)resolve("example.com", source.getToken());
}

// Unnamed: the signature takes a token this implementation ignores.
folly::coro::Task<void> noop(folly::CancellationToken) { co_return; }
