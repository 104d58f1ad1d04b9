// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags -I%inputs
//
// A retrying client in cppcoro, where every token is explicit: a coroutine
// that takes a cancellation_token must hand it to what it awaits, or a
// cancelled request keeps retrying with back-off for nobody.
#include <chrono>
#include <cppcoro/cancellation_registration.hpp>
#include <cppcoro/cancellation_source.hpp>
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/io_service.hpp>
#include <cppcoro/operation_cancelled.hpp>
#include <cppcoro/task.hpp>
#include <string>

using namespace std::chrono_literals;

struct Response {
  int status = 0;
  std::string body;
};

class Upstream {
public:
  cppcoro::task<Response> get(std::string path);
  cppcoro::task<Response> get(std::string path, cppcoro::cancellation_token ct);
  cppcoro::task<void> close();
  // Tells the server to drop the request; waits at most for the token.
  void abort(cppcoro::cancellation_token ct = {});
};

// --- Reported ----------------------------------------------------------------

// The back-off sleeps with the timer's default, never-cancelled token.
cppcoro::task<Response> fetch_with_retry(cppcoro::io_service &io,
                                         Upstream &upstream, std::string path,
                                         cppcoro::cancellation_token ct) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    Response r = co_await upstream.get(path, ct);
    if (r.status < 500)
      co_return r;
    co_await io.schedule_after(100ms * attempt);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'cppcoro::io_service::schedule_after' accepts a cancellation token but none is passed: cancelling 'fetch_with_retry' does not reach it; pass 'ct' [coro-dropped-cancellation]
    // CHECK-FIXES: {{^}}    co_await io.schedule_after(100ms * attempt, ct);
  }
  co_return Response{503, ""};
}

// An overload with the token exists; its result is awaited (another type):
// reported, the fix is left to the author.
cppcoro::task<std::string> fetch_body(Upstream &upstream,
                                      cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  Response r = co_await upstream.get("/body");
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Upstream::get' has an overload that takes a cancellation token, but this call passes none: cancelling 'fetch_body' does not reach it; pass 'ct' [coro-dropped-cancellation]
  co_return r.body;
}

// Checked once up front, then a loop that suspends on every iteration and
// never looks at the token again.
cppcoro::task<void> heartbeat(cppcoro::io_service &io,
                              cppcoro::cancellation_token ct) {
  if (ct.is_cancellation_requested())
    co_return;
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration and cancelling 'heartbeat' cannot stop it [coro-dropped-cancellation]
    co_await io.schedule();
  }
}

// An explicit empty token.
cppcoro::task<void> pause(cppcoro::io_service &io,
                          cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  co_await io.schedule_after(1s, cppcoro::cancellation_token{});
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'cppcoro::io_service::schedule_after' is given an empty cancellation token: cancelling 'pause' does not reach it; pass 'ct' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  co_await io.schedule_after(1s, ct);
}

// Never used at all.
cppcoro::task<void> shutdown(Upstream &upstream,
                             cppcoro::cancellation_token ct) {
  // CHECK-MESSAGES: :[[@LINE-1]]:58: warning: cancellation token 'ct' is never used: cancelling 'shutdown' has no effect; check it or pass it on, or leave the parameter unnamed if ignoring cancellation is deliberate [coro-dropped-cancellation]
  co_await upstream.close();
}

// --- Not reported --------------------------------------------------------------

// Each iteration passes the token on.
cppcoro::task<void> poll(cppcoro::io_service &io, Upstream &upstream,
                         cppcoro::cancellation_token ct) {
  while (true) {
    co_await upstream.get("/health", ct);
    co_await io.schedule_after(1s, ct);
  }
}

// Each iteration checks it.
cppcoro::task<void> tick(cppcoro::io_service &io,
                         cppcoro::cancellation_token ct) {
  for (;;) {
    ct.throw_if_cancellation_requested();
    co_await io.schedule();
  }
}

// A registration stops the service the loop waits on.
cppcoro::task<void> serve(cppcoro::io_service &io,
                          cppcoro::cancellation_token ct) {
  cppcoro::cancellation_registration stop(ct, [&] { io.stop(); });
  while (true)
    co_await io.schedule();
}

// The loop suspends only sometimes, and ends.
cppcoro::task<int> count(cppcoro::io_service &io,
                         cppcoro::cancellation_token ct) {
  int n = 0;
  if (ct.is_cancellation_requested())
    co_return n;
  for (int i = 0; i < 10; ++i)
    if (i % 2)
      co_await io.schedule();
  co_return n;
}

// Shielded cleanup in a catch block: aborting the request must not itself
// be cancelled.
cppcoro::task<void> request(Upstream &upstream,
                            cppcoro::cancellation_token ct) {
  try {
    co_await upstream.get("/", ct);
  } catch (const cppcoro::operation_cancelled &) {
    upstream.abort();
    upstream.abort(cppcoro::cancellation_token{});
    throw;
  }
}

// The token's owner: a source it made itself is not a token it was given.
cppcoro::task<void> supervise(cppcoro::io_service &io, Upstream &upstream) {
  cppcoro::cancellation_source source;
  co_await upstream.get("/", source.token());
  co_await io.schedule_after(1s);
}

// Unnamed: ignoring cancellation on purpose.
cppcoro::task<void> audit(Upstream &upstream, cppcoro::cancellation_token) {
  co_await upstream.close();
}
