// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags -I%inputs
//
// stdexec (mock headers with the upstream stop-token API). A sender awaited
// in an exec::task is connected to the task's receiver, whose environment
// carries the task's stop token: awaiting passes it on — that token, not a
// token parameter. A plain function given an inplace_stop_token must pass
// it itself. Writing never_stop_token into a sender's environment
// (stdexec::write_env with prop{get_stop_token, never_stop_token{}}) cuts
// it off from the cancellation around it.
#include <exec/task.hpp>
#include <stdexec/execution.hpp>
#include <stdexcept>

// Waits for a descriptor to be readable; a stop request ends the wait.
bool wait_readable(int fd, stdexec::inplace_stop_token st = {});
void handle_input(int fd);

// The environment of a receiver that answers get_stop_token.
struct StopEnv {
  stdexec::inplace_stop_token token;
  stdexec::inplace_stop_token query(stdexec::get_stop_token_t) const noexcept {
    return token;
  }
};
struct InputReceiver {
  StopEnv env;
  StopEnv get_env() const noexcept { return env; }
};
void run_reader(int fd, const InputReceiver &receiver);

// A sender reading a record from a descriptor; one appending to a journal.
inline auto read_record(int fd) { return stdexec::just(fd); }
exec::task<void> flush_journal();
exec::task<int> replicate(int record);
void apply(int record);

// A query of the application's own: what priority the work runs at.
struct get_priority_t {};

// --- Reported ----------------------------------------------------------------

void read_loop(int fd, stdexec::inplace_stop_token st) {
  while (!st.stop_requested()) {
    if (wait_readable(fd))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait_readable' accepts a cancellation token but none is passed: cancelling 'read_loop' does not reach it; pass 'st' [coro-dropped-cancellation]
      // CHECK-FIXES: {{^}}    if (wait_readable(fd, st))
      handle_input(fd);
  }
}

// The empty token is the finding (the unused parameter is the same one).
void read_once(int fd, stdexec::inplace_stop_token st) {
  if (wait_readable(fd, stdexec::inplace_stop_token{}))
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'wait_readable' is given an empty cancellation token: cancelling 'read_once' does not reach it; pass 'st' [coro-dropped-cancellation]
    // CHECK-FIXES: {{^}}  if (wait_readable(fd, st))
    handle_input(fd);
}

// Never used.
void read_later(int fd, stdexec::inplace_stop_token st) {
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: cancellation token 'st' is never used: {{.*}}
  handle_input(fd);
}

// A token parameter checked once: what the loop awaits gets the task's own
// stop token, from its receiver, never 'st'.
exec::task<void> ticks(stdexec::run_loop::__scheduler sched,
                       stdexec::inplace_stop_token st) {
  if (st.stop_requested())
    co_return;
  while (true)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'st' nor passes it on: it suspends on every iteration and cancelling 'ticks' cannot stop it [coro-dropped-cancellation]
    co_await stdexec::schedule(sched);
}

// An exec::task has its receiver's stop token; the journal flush is told it
// can never be stopped.
exec::task<void> commit(int record) {
  apply(record);
  co_await stdexec::write_env(
      flush_journal(),
      stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}});
  // CHECK-MESSAGES: :[[@LINE-3]]:12: warning: 'stdexec::write_env' runs the sender with a stop token that is never stopped: cancelling 'commit' does not reach it; await the sender as it is (the coroutine's stop token reaches it), or shield it on purpose in a catch block or a ShieldFunctions function [coro-dropped-cancellation]
}

// The same through a variable holding the environment.
exec::task<int> forward(int record) {
  auto forever =
      stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}};
  co_return co_await stdexec::write_env(replicate(record), forever);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'stdexec::write_env' runs the sender with a stop token that is never stopped: {{.*}}
}

// A sender built for a caller that gave a token: the token is the fix.
auto make_read(int fd, stdexec::inplace_stop_token st) {
  return stdexec::write_env(
      read_record(fd),
      stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}});
  // CHECK-MESSAGES: :[[@LINE-3]]:10: warning: 'stdexec::write_env' runs the sender with a stop token that is never stopped: cancelling 'make_read' does not reach it; pass 'st' in its environment, or shield it on purpose in a catch block or a ShieldFunctions function [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}      stdexec::prop{stdexec::get_stop_token, st});
}

// The pipe form, the property inside a joined environment.
exec::task<int> read_next(int fd, stdexec::inplace_stop_token st) {
  co_return co_await (
      read_record(fd) |
      stdexec::write_env(stdexec::env{stdexec::prop{
          stdexec::get_stop_token, stdexec::never_stop_token{}}}));
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'stdexec::write_env' runs the sender with a stop token that is never stopped: cancelling 'read_next' does not reach it; pass 'st' in its environment, {{.*}}
  // CHECK-FIXES: {{^}}          stdexec::get_stop_token, st}}));
}

// --- Not reported --------------------------------------------------------------

// The loop asks the token each time; what it awaits is given the token.
exec::task<void> ticks_until_stopped(stdexec::run_loop::__scheduler sched,
                                     stdexec::inplace_stop_token st) {
  while (!st.stop_requested())
    co_await stdexec::schedule(sched);
}
exec::task<void> ticks_with(stdexec::run_loop::__scheduler sched,
                            stdexec::inplace_stop_token st) {
  if (st.stop_requested())
    co_return;
  for (;;)
    co_await stdexec::write_env(stdexec::schedule(sched),
                                stdexec::prop{stdexec::get_stop_token, st});
}

// The function's own token written into the environment.
auto make_cancellable_read(int fd, stdexec::inplace_stop_token st) {
  return stdexec::write_env(read_record(fd),
                            stdexec::prop{stdexec::get_stop_token, st});
}

// Another query written: the stop token still comes from the receiver.
exec::task<int> read_urgent(int fd) {
  co_return co_await stdexec::write_env(read_record(fd),
                                        stdexec::prop{get_priority_t{}, 1});
}

// Nothing to cancel: a plain function without a token.
void flush_now() {
  stdexec::sync_wait(stdexec::write_env(
      flush_journal(),
      stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}}));
}

// The documented shield: cleanup in a catch block must finish even though
// the work was stopped.
void serve_records(int fd, stdexec::inplace_stop_token st) {
  try {
    while (!st.stop_requested())
      apply(std::get<0>(*stdexec::sync_wait(read_record(fd))));
  } catch (const std::exception &) {
    stdexec::sync_wait(stdexec::write_env(
        flush_journal(),
        stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}}));
    throw;
  }
}

// A helper lambda of a task, with no token of its own, shielding a wait
// that must finish (stdexec's own test suite writes this shape).
exec::task<void> terminate_job(int fd) {
  const auto wait_closed = [](int handle) {
    return stdexec::write_env(
        read_record(handle),
        stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}});
  };
  co_await wait_closed(fd);
}

// Stored into a receiver that the callee reads the token from.
void start_reader(int fd, stdexec::inplace_stop_token st) {
  InputReceiver receiver{StopEnv{st}};
  for (;;)
    run_reader(fd, receiver);
}

// The receiver's token, read where the operation starts.
template <typename Receiver> struct ReadOperation {
  int fd;
  Receiver receiver;
  void start() noexcept {
    auto st = stdexec::get_stop_token(stdexec::get_env(receiver));
    if (!st.stop_requested() && wait_readable(fd, st))
      handle_input(fd);
  }
};
template struct ReadOperation<InputReceiver>;

// A stop callback registered on the token.
void watch(int fd, stdexec::inplace_stop_token st) {
  bool stopping = false;
  stdexec::inplace_stop_callback on_stop(st, [&] { stopping = true; });
  while (!stopping)
    handle_input(fd);
}
