// RUN: %check_corolint %s coro-thread-local-across-await %t -- %std_flags -I%inputs
//
// The acceptance cases of ../shared/design/anchors-next-checks-2026-12.md
// (section 2, TLS-1..5) on real libstdc++ headers, each with the correct
// form next to it, plus the ways real code reaches thread-local storage
// (a helper returning it, one more call, a member of it).
#include <cassert>
#include <cerrno>
#include <coroutine>
#include <corolint-mock/eager_task.h>
#include <exception>
#include <thread>
#include <unistd.h>

io_op read_some();
io_op log_async(const char *);
struct thread_pool {
  io_op schedule();
};
extern thread_pool pool;

thread_local int tls_counter = 0;
struct Ctx {
  int id;
  int depth;
};
thread_local Ctx tls_ctx;
Ctx *current_ctx() { return &tls_ctx; }
Ctx &context() { return tls_ctx; }
Ctx &context_through_one_more_call() { return context(); }
Ctx &lazy_context() {
  thread_local Ctx per_thread;
  return per_thread;
}
void log(const char *, std::thread::id);
void use(int);

// --- References and pointers into thread_local storage ----------------------

task t1() {
  int &c = tls_counter;
  co_await read_some();
  ++c;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' refers to thread_local 'tls_counter' of the thread that ran coroutine 't1' before a suspension point and is used after it: the coroutine may have resumed on another thread, where it is another thread's object; take it again after the co_await [coro-thread-local-across-await]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the coroutine suspends here
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: 'c' is taken here
  // CHECK-FIXES: ++tls_counter;
}

task t2() {
  Ctx *ctx = current_ctx();
  co_await pool.schedule();
  ctx->id++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ctx' points into thread_local 'tls_ctx' of the thread that ran coroutine 't2' before a suspension point and is used after it: the coroutine may have resumed on another thread, where it is another thread's object [coro-thread-local-across-await]
}

task t_member_reference() {
  int &depth = tls_ctx.depth;
  co_await read_some();
  use(depth);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'depth' refers to thread_local 'tls_ctx' of the thread
  // CHECK-FIXES: use(tls_ctx.depth);
}

task t_helper_chain() {
  Ctx &c = context_through_one_more_call();
  co_await read_some();
  c.depth = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' refers to thread_local 'tls_ctx' of the thread
}

task t_function_local_thread_local() {
  auto &c = lazy_context();
  int n = co_await read_some();
  c.depth += n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' refers to thread_local 'per_thread' of the thread
}

task t_on_one_path() {
  int &c = tls_counter;
  if (tls_counter > 10)
    co_await read_some();
  use(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'c' refers to thread_local 'tls_counter'
  // CHECK-FIXES: use(tls_counter);
}

// TLS-2: a fresh access by name after resuming is the resuming thread's,
// which is what per-thread state means.
task s_fresh_access() {
  co_await read_some();
  ++tls_counter;
}

task s_reacquired_after() {
  Ctx *ctx = current_ctx();
  ctx->depth++;
  co_await read_some();
  ctx = current_ctx();
  ctx->depth--;
}

task s_reference_not_used_after() {
  int &c = tls_counter;
  ++c;
  co_await read_some();
  ++tls_counter;
}

task s_taken_after_the_suspension() {
  co_await read_some();
  int &c = tls_counter;
  ++c;
}

task s_suspend_never() {
  int &c = tls_counter;
  co_await std::suspend_never{};
  ++c;
}

// --- errno (TLS-3) ------------------------------------------------------------

task t4(int fd, char *b) {
  if (::read(fd, b, 1) < 0) {
    co_await log_async("read failed");
    if (errno == EAGAIN) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: errno read after a suspension point in coroutine 't4' belongs to the thread that resumed the coroutine, not to the call before the suspension; copy errno before suspending [coro-thread-local-across-await]
    }
  }
}

task s_errno_copied(int fd, char *b) {
  if (::read(fd, b, 1) < 0) {
    int e = errno;
    co_await log_async("read failed");
    if (e == EAGAIN) {
    }
  }
}

task s_errno_after_a_new_call(int fd, char *b) {
  co_await log_async("retrying");
  if (::read(fd, b, 1) < 0 && errno == EAGAIN) {
  }
}

task s_errno_written_after(int fd, char *b) {
  co_await log_async("start");
  errno = 0;
  (void)::read(fd, b, 1);
}

// --- Thread identity (TLS-4) -------------------------------------------------

task t6() {
  auto id = std::this_thread::get_id();
  co_await pool.schedule();
  assert(id == std::this_thread::get_id());
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread id 'id' taken before a suspension point is compared after it in coroutine 't6': the coroutine may resume on another thread, so the comparison assumes a thread affinity the executor does not promise [coro-thread-local-across-await]
}

task t_pthread_self() {
  pthread_t self = pthread_self();
  co_await read_some();
  if (pthread_equal(self, pthread_self()) == 0 || self != pthread_self())
    // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: thread id 'self' taken before a suspension point is compared after it
    co_return;
}

task s_thread_id_kept_as_data() {
  auto id = std::this_thread::get_id();
  co_await read_some();
  log("started on", id);
}

// A unit test of an executor asserts where it resumes coroutines: that is
// the contract under test (the gtest and Catch2 spellings, as the
// frameworks' own test suites write them).
#define EXPECT_TRUE(condition) (void)(condition)
#define REQUIRE_FALSE(condition) (void)(!(condition))
task s_executor_test_asserts_the_thread() {
  auto tid = std::this_thread::get_id();
  co_await pool.schedule();
  EXPECT_TRUE(tid == std::this_thread::get_id());
  REQUIRE_FALSE(tid != std::this_thread::get_id());
}

task s_thread_id_compared_before() {
  auto id = std::this_thread::get_id();
  assert(id == std::this_thread::get_id());
  co_await read_some();
}

// --- A thread_local's value restored or compared after resuming ------------

task t_restore() {
  int saved = tls_counter;
  tls_counter = 42;
  co_await read_some();
  tls_counter = saved;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'saved', a copy of thread_local 'tls_counter' taken before a suspension point, is related to it again after it in coroutine 't_restore': the coroutine may have resumed on another thread, whose 'tls_counter' it never came from [coro-thread-local-across-await]
}

task s_copy_used_as_data() {
  int before = tls_counter;
  co_await read_some();
  use(before);
}

// --- Guards that save per-thread state (TLS-5) ------------------------------

struct fail_guard {
  int n = std::uncaught_exceptions();
  bool *flag;
  ~fail_guard() {
    if (std::uncaught_exceptions() > n)
      *flag = true;
  }
};
task t8(bool &failed) {
  fail_guard g{.flag = &failed};
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'g' (fail_guard) snapshots the thread's std::uncaught_exceptions() when made and compares it when destroyed, and is alive across a suspension point in coroutine 't8': its destructor may run on another thread [coro-thread-local-across-await]
  co_await read_some();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the coroutine suspends here
}

thread_local const char *current_request = nullptr;
struct ScopedRequest {
  const char *previous;
  explicit ScopedRequest(const char *id) : previous(current_request) {
    current_request = id;
  }
  ~ScopedRequest() { current_request = previous; }
};
task t_scoped_context() {
  ScopedRequest scope("GET /");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'scope' (ScopedRequest) saves thread_local 'current_request' when made and restores it when destroyed, and is alive across a suspension point
  co_await read_some();
}

task s_scoped_context_closed() {
  {
    ScopedRequest scope("GET /");
    use(tls_counter);
  }
  co_await read_some();
}

struct PlainGuard {
  int n = 0;
  ~PlainGuard() { ++n; }
};
task s_guard_without_thread_state() {
  PlainGuard g;
  co_await read_some();
}

void s_plain_function() {
  int &c = tls_counter;
  ++c;
}
