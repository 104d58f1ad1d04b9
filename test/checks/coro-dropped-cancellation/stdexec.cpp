// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags -I%inputs
//
// stdexec (mock headers with the upstream stop-token API). A sender awaited
// in an exec::task is connected to the task's receiver, whose environment
// carries the task's stop token: awaiting passes it on. A plain function
// given an inplace_stop_token must pass it itself.
#include <exec/task.hpp>
#include <stdexec/execution.hpp>

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

// --- Not reported --------------------------------------------------------------

// Awaiting a sender in exec::task connects it to the task's receiver: the
// task's stop token reaches it without being named.
exec::task<void> ticks(stdexec::run_loop::__scheduler sched,
                       stdexec::inplace_stop_token st) {
  if (st.stop_requested())
    co_return;
  while (true)
    co_await stdexec::schedule(sched);
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
