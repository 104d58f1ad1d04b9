// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags -I%inputs
//
// Tokens a function reaches through its parameters, as Meziantou's MA0040
// finds them: a public field (`req.stop`), a public getter (`ctx.stop_token()`,
// `ctx->stop_token()`), and the token of a source the function holds
// (`source.get_token()`, folly's `getToken()`, cppcoro's `token()`). They are
// passed where a callee takes a token; being the caller's, not the
// function's own, they are never "unused". Real libstdc++ <stop_token>; folly and cppcoro mocks.
#include <condition_variable>
#include <cppcoro/cancellation_source.hpp>
#include <cppcoro/cancellation_token.hpp>
#include <folly/CancellationToken.h>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

std::mutex mu;
std::condition_variable_any cv;
bool ready = false;

struct Job {
  std::string name;
};
class JobQueue {
public:
  // Waits for a job; an empty result means the wait was stopped.
  std::optional<Job> pop(std::stop_token st = {});
};
void run(const Job &job);

// A request's context, with its cancellation behind a getter.
class RequestContext {
public:
  std::stop_token stop_token() const noexcept { return source_.get_token(); }
  const std::string &path() const noexcept { return path_; }

private:
  std::stop_source source_;
  std::string path_;
};

// A connection with two tokens: its own and its server's.
class Connection {
public:
  std::stop_token closing() const noexcept;
  std::stop_token server_stopping() const noexcept;
};

// Getters that are not the context's token to hand out.
class Lease {
public:
  // Takes the token away from the lease: not callable on a const one.
  std::stop_token take_token();
  // Needs an argument.
  std::stop_token token_for(int shard) const;

private:
  std::stop_token token() const;
};

// Gives up when the token is cancelled.
std::string resolve(const std::string &host,
                    const folly::CancellationToken &ct = {});
bool connect_to(const std::string &host, cppcoro::cancellation_token ct = {});

// --- Reported ----------------------------------------------------------------

// A source the caller shares to stop the worker: the wait must use its
// token.
void drain(JobQueue &queue, std::stop_source &source) {
  while (std::optional<Job> job = queue.pop())
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'JobQueue::pop' accepts a cancellation token but none is passed: cancelling 'drain' does not reach it; pass 'source.get_token()' [coro-dropped-cancellation]
    // CHECK-FIXES: {{^}}  while (std::optional<Job> job = queue.pop(source.get_token()))
    run(*job);
}

// The request's token behind a getter.
void wait_for_body(const RequestContext &ctx) {
  std::unique_lock lk(mu);
  cv.wait(lk, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait' has an overload that takes a cancellation token, but this call passes none: cancelling 'wait_for_body' does not reach it; pass 'ctx.stop_token()' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  cv.wait(lk, ctx.stop_token(), [] { return ready; });
}

// Through a pointer.
void wait_for_headers(RequestContext *ctx) {
  std::unique_lock lk(mu);
  cv.wait(lk, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} pass 'ctx->stop_token()' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  cv.wait(lk, ctx->stop_token(), [] { return ready; });
}

// Two getters of the same type: both are named, none is chosen.
void wait_for_reply(const Connection &conn) {
  std::unique_lock lk(mu);
  cv.wait(lk, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}} pass one of 'conn.closing()', 'conn.server_stopping()' [coro-dropped-cancellation]
}

// folly's and cppcoro's sources.
std::string lookup(const std::string &host,
                   const folly::CancellationSource &source) {
  return resolve(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'resolve' accepts a cancellation token but none is passed: cancelling 'lookup' does not reach it; pass 'source.getToken()' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  return resolve(host, source.getToken());
}
bool dial(const std::string &host, cppcoro::cancellation_source &source) {
  return connect_to(host);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'connect_to' accepts a cancellation token but none is passed: {{.*}} pass 'source.token()' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  return connect_to(host, source.token());
}

// --- Not reported --------------------------------------------------------------

// The source's token is passed.
void drain_stoppably(JobQueue &queue, std::stop_source &source) {
  while (std::optional<Job> job = queue.pop(source.get_token()))
    run(*job);
}

// The canceller: a watchdog that waits for a fault, then stops the others
// through the source it was given. Its own wait is not the work it
// cancels (cppcoro's tests write the same shape: wait, then
// request_cancellation()).
void watchdog(JobQueue &faults, std::stop_source source) {
  if (faults.pop())
    source.request_stop();
}
bool trip_after(const std::string &host,
                cppcoro::cancellation_source source) {
  bool reached = connect_to(host);
  source.request_cancellation();
  return reached;
}

// A source held to request the stop, not to wait on: nothing here takes a
// token, and a source is no parameter to "use".
void shutdown(std::stop_source source) { source.request_stop(); }

// Getters that are no token to hand out: a mutating one on a const lease,
// one that takes an argument, a private one.
void wait_leased(const Lease &lease) {
  std::unique_lock lk(mu);
  cv.wait(lk, [] { return ready; });
}

// The context is only read for its path; no call here takes a token.
std::string route(const RequestContext &ctx) { return ctx.path(); }

// The loop rule follows the function's own tokens only: a token reached
// through a parameter, asked once, is not followed into the loop (a
// documented limitation, not a judgement).
Job next_job();
void spin(const RequestContext &ctx) {
  if (ctx.stop_token().stop_requested())
    return;
  for (;;)
    run(next_job());
}
