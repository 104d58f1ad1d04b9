// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags
//
// A job queue served by std::jthread workers, on the real libstdc++
// <stop_token>, <condition_variable> and <thread>. A worker that waits
// without its stop token sleeps through the request to stop; the fix passes
// the function's own token, at the position the overload takes it.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

std::mutex mu;
std::condition_variable_any cv;
bool ready = false;
void do_work();

struct Job {
  std::string name;
};

class JobQueue {
public:
  // Waits for a job; an empty result means the wait was stopped.
  std::optional<Job> pop(std::stop_token st = {});
  // Waits until a job is pushed, whatever happens.
  Job take();
  void push(Job job);
};

// Takes a token at the front, not at the end (CA2016 misses this).
bool wait_ready(std::stop_token st, std::chrono::milliseconds timeout);
bool wait_ready(std::chrono::milliseconds timeout);

struct Request {
  std::string path;
  std::stop_token stop; // the request's own cancellation
};

// --- Acceptance snippets (../shared/design, section 4) ----------------------

// CXL-1: the callee has a stop_token overload, the token is not passed.
void worker(std::stop_token st) {
  std::unique_lock lk(mu);
  cv.wait(lk, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait' has an overload that takes a cancellation token, but this call passes none: cancelling 'worker' does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  cv.wait(lk, st, [] { return ready; });
}

// CXL-2: the lambda receives its own token but waits on the captured one.
void server(std::stop_token outer) {
  std::jthread t([&](std::stop_token inner) {
    std::unique_lock lk(mu);
    cv.wait(lk, outer, [] { return ready; });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::condition_variable_any::wait' is passed 'outer', the enclosing function's cancellation token, although this lambda receives its own 'inner': cancelling this lambda does not reach it [coro-dropped-cancellation]
    // CHECK-FIXES: {{^}}    cv.wait(lk, inner, [] { return ready; });
  });
}

// CXL-3 (silent): the parameter is unnamed, the never-stop token explicit.
void flush(std::stop_token) {
  std::unique_lock lk(mu);
  cv.wait(lk, std::stop_token{}, [] { return ready; });
}

// CXL-4: observed once, then a loop that can never stop.
void pump(std::stop_token st) {
  if (st.stop_requested())
    return;
  for (;;) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'st' nor passes it on: it runs until the process ends and cancelling 'pump' cannot stop it [coro-dropped-cancellation]
    do_work();
  }
}

// CXL-5 (silent): forwarded and polled.
void pump2(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock lk(mu);
    cv.wait(lk, st, [] { return ready; });
  }
}

// --- More that is reported ---------------------------------------------------

// The wait_for and wait_until forms have stop_token overloads too.
bool wait_a_while(std::stop_token st) {
  std::unique_lock lk(mu);
  cv.wait_for(lk, std::chrono::seconds(1), [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait_for' has an overload that takes a cancellation token, but this call passes none: cancelling 'wait_a_while' does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  cv.wait_for(lk, st, std::chrono::seconds(1), [] { return ready; });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  return cv.wait_until(lk, deadline, [] { return ready; });
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'std::condition_variable_any::wait_until' has an overload that takes a cancellation token, but this call passes none: cancelling 'wait_a_while' does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  return cv.wait_until(lk, st, deadline, [] { return ready; });
}

// A defaulted token parameter left to its default.
void drain(JobQueue &queue, std::stop_token st) {
  while (std::optional<Job> job = queue.pop()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'JobQueue::pop' accepts a cancellation token but none is passed: cancelling 'drain' does not reach it; pass 'st' [coro-dropped-cancellation]
    // CHECK-FIXES: {{^}}  while (std::optional<Job> job = queue.pop(st)) {
    if (st.stop_requested())
      break;
  }
}

// An empty token given explicitly while the function has a real one.
void drain_now(JobQueue &queue, std::stop_token st) {
  if (st.stop_requested())
    return;
  queue.pop(std::stop_token{});
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'JobQueue::pop' is given an empty cancellation token: cancelling 'drain_now' does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  queue.pop(st);
  queue.pop({});
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'JobQueue::pop' is given an empty cancellation token: {{.*}}
  // CHECK-FIXES: {{^}}  queue.pop(st);
}

// The overload takes its token first: the fix puts it there.
bool probe(std::stop_token st) {
  return wait_ready(std::chrono::milliseconds(50));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'wait_ready' has an overload that takes a cancellation token, but this call passes none: cancelling 'probe' does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  return wait_ready(st, std::chrono::milliseconds(50));
}

// A token reachable from a parameter's member (Meziantou's MA0040).
void serve(JobQueue &queue, const Request &req) {
  queue.pop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JobQueue::pop' accepts a cancellation token but none is passed: cancelling 'serve' does not reach it; pass 'req.stop' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  queue.pop(req.stop);
}

// A lambda without a token of its own, capturing by reference, can pass
// the enclosing function's.
void serve_async(JobQueue &queue, std::stop_token st) {
  if (st.stop_requested())
    return;
  auto next = [&] { return queue.pop(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'JobQueue::pop' accepts a cancellation token but none is passed: cancelling this lambda does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  auto next = [&] { return queue.pop(st); };
  next();
}

// A std::jthread callable whose stop_token is never looked at.
void start_workers() {
  std::jthread ticker([](std::stop_token st) {
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: cancellation token 'st' is never used: cancelling this lambda has no effect; check it or pass it on, or leave the parameter unnamed if ignoring cancellation is deliberate [coro-dropped-cancellation]
    do_work();
  });
}

// Two tokens of the same kind: reported, with both named, and no guess.
void relay(JobQueue &queue, std::stop_token mine, std::stop_token theirs) {
  if (mine.stop_requested() || theirs.stop_requested())
    return;
  queue.pop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'JobQueue::pop' accepts a cancellation token but none is passed: cancelling 'relay' does not reach it; pass one of 'mine', 'theirs' [coro-dropped-cancellation]
}

// --- Not reported --------------------------------------------------------------

// The token is passed on: to the wait, to the queue, to a helper.
void consume(JobQueue &queue, std::stop_token st) {
  while (std::optional<Job> job = queue.pop(st))
    do_work();
}

// Registered in a stop_callback: the callback wakes the loop up with a
// shutdown job, so the loop is cancellable without naming the token.
void consume_with_callback(JobQueue &queue, std::stop_token st) {
  std::stop_callback on_stop(st, [&] { queue.push(Job{"shutdown"}); });
  for (;;) {
    Job job = queue.take();
    if (job.name == "shutdown")
      return;
    do_work();
  }
}

// Stored into a structure a callee reads.
struct WorkerState {
  std::stop_token stop;
  int processed = 0;
};
void run_state(WorkerState &state);
void run_worker(std::stop_token st) {
  WorkerState state{st};
  while (true)
    run_state(state);
}

// Stored into a member.
class Poller {
public:
  void start(std::stop_token st) { stop_ = st; }
  void poll_forever() {
    for (;;)
      if (stop_.stop_requested())
        return;
  }

private:
  std::stop_token stop_;
};

// Stored by a constructor's member initialiser.
class Watchdog {
public:
  explicit Watchdog(std::stop_token st) : stop_(st) {}
  bool expired() const { return stop_.stop_requested(); }

private:
  std::stop_token stop_;
};

// An override's and a virtual function's signature belong to the interface.
class Task {
public:
  virtual ~Task() = default;
  virtual void run(std::stop_token st) {}
};
class PrintTask : public Task {
public:
  void run(std::stop_token st) override { do_work(); }
};

// A parameter marked [[maybe_unused]] or used through a cast to void.
void ignore_quietly([[maybe_unused]] std::stop_token st) { do_work(); }
void ignore_visibly(std::stop_token st) {
  (void)st;
  do_work();
}

// A loop that ends by itself: bounded, or with a way out.
void bounded(std::stop_token st) {
  if (st.stop_requested())
    return;
  for (int i = 0; i < 3; ++i)
    do_work();
  while (true) {
    if (ready)
      break;
    do_work();
  }
}

// A function with no token: nothing to pass.
void no_token(JobQueue &queue) {
  queue.pop();
  std::unique_lock lk(mu);
  cv.wait(lk, [] { return ready; });
}

// Cleanup in a catch block is shielded from cancellation on purpose.
void with_cleanup(JobQueue &queue, std::stop_token st) {
  try {
    queue.pop(st);
  } catch (...) {
    queue.pop(std::stop_token{});
    throw;
  }
}

// A lambda with its own token passing its own.
void server2(std::stop_token outer) {
  if (outer.stop_requested())
    return;
  std::jthread t([](std::stop_token inner) {
    std::unique_lock lk(mu);
    cv.wait(lk, inner, [] { return ready; });
  });
}

// Copying a token is not passing it to work.
void keep_copy(std::stop_token outer) {
  std::jthread t([outer](std::stop_token inner) {
    std::stop_token both = outer;
    if (both.stop_requested() || inner.stop_requested())
      return;
  });
}
