// RUN: %check_corolint %s coro-lock-across-await %t -- %std_flags -I%inputs
//
// Every row of the precision table of issue 9 (and of
// ../shared/design/anchors-next-checks-2026-12.md, section 1) on real
// libstdc++ headers, plus the ownership cases a flow-insensitive check gets
// wrong. The stock checks' answers on these lines are in
// stock-differential.test.
#include <coroutine>
#include <corolint-mock/eager_task.h>
#include <mutex>
#include <shared_mutex>
#include <utility>

io_op read_some();
io_op write_some(int);
extern std::mutex m;
extern std::shared_mutex sm;
extern int shared_state;
bool cond();
void consume(std::unique_lock<std::mutex>);

// --- Held across a suspension point: flagged ------------------------------

task l1() {
  std::lock_guard<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'lk' holds a lock on 'm' (std::mutex) across a suspension point in coroutine 'l1': the coroutine may resume on another thread, and every task that wants the lock meanwhile blocks its own; release it before suspending, or use an asynchronous mutex [coro-lock-across-await]
  ++shared_state;
  co_await read_some();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: suspends here with the lock held
}

task l1_ctad() {
  std::lock_guard lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'lk' holds a lock on 'm' (std::mutex) across a suspension point in coroutine 'l1_ctad'
  co_await read_some();
}

task l2() {
  std::unique_lock lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'lk' holds a lock on 'm' (std::mutex) across
  ++shared_state;
  co_await read_some();
}

task l2_spelled() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'lk' holds a lock on 'm' (std::mutex) across
  co_await read_some();
}

task l2_auto() {
  auto lk = std::unique_lock<std::mutex>(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'lk' holds a lock on 'm' (std::mutex) across
  co_await read_some();
}

task l3() {
  std::shared_lock<std::shared_mutex> lk(sm);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'lk' holds a lock on 'sm' (std::shared_mutex) across
  co_await read_some();
}

using Lock = std::lock_guard<std::mutex>;
task l_alias() {
  Lock lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'lk' holds a lock on 'm' (std::mutex) across
  co_await read_some();
}

task l4() {
  std::lock_guard<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'lk' holds a lock on 'm' (std::mutex) across
  int n = co_await read_some();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: suspends here with the lock held
  shared_state += n;
}

task l_if_init() {
  if (std::lock_guard<std::mutex> lk(m); cond()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'lk' holds a lock on 'm' (std::mutex) across
    co_await read_some();
  }
}

struct Guarded {
  struct Locked {
    std::unique_lock<std::mutex> l;
    int *p;
    int &operator*() { return *p; }
  };
  Locked wlock();
};
extern Guarded g;
task l5() {
  co_await write_some(*g.wlock());
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: temporary 'Guarded::Locked', alive to the end of the expression, holds a lock on a 'std::mutex' across a suspension point in coroutine 'l5'
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: suspends here with the lock held
}

task l10() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' (std::mutex) is locked here and still held across a suspension point in coroutine 'l10'
  co_await read_some();
  m.unlock();
}

task p1(std::unique_lock<std::mutex> lk) {
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: parameter 'lk' holds a lock on a 'std::mutex' across a suspension point in coroutine 'p1'
  ++shared_state;
  co_await read_some();
}

task l9() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'lk' holds a lock on 'm' (std::mutex) across
  lk.release(); // stops owning: the mutex stays locked
  co_await read_some();
}

// Held on one path only: the note names the branch.
task l_path() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'lk' holds a lock on 'm' (std::mutex) across
  if (cond())
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: the lock stays held on the path where this condition is false
    lk.unlock();
  co_await read_some();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: suspends here with the lock held
}

// Re-locked after an unlock, then suspended.
task l_relock() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'lk' holds a lock on 'm' (std::mutex) across
  lk.unlock();
  co_await read_some(); // not held here
  lk.lock();
  co_await write_some(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: suspends here with the lock held
}

// The lock moves into another guard, which is held across.
task l_moved_into_local() {
  std::unique_lock<std::mutex> first(m);
  std::unique_lock<std::mutex> second(std::move(first));
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'second' holds a lock on a 'std::mutex' across
  co_await read_some();
}

// A suspension in a loop condition.
task l_loop() {
  std::lock_guard<std::mutex> lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'lk' holds a lock on 'm' (std::mutex) across
  while (co_await read_some() > 0)
    ++shared_state;
}

// A co_yield is a suspension point too (an asynchronous generator: its
// body also awaits).
struct agen {
  struct promise_type {
    agen get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
agen l_yield() {
  int n = co_await read_some();
  std::scoped_lock lk(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'lk' holds a lock on 'm' (std::mutex) across
  co_yield n + shared_state;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: yields here with the lock held
}

// try_lock that succeeded.
task l_try() {
  if (m.try_lock()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'm' (std::mutex) is locked here and still held
    co_await read_some();
    m.unlock();
  }
}

// --- Not held at any suspension point: silent ------------------------------

task s_unlock() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
  co_await read_some();
}

task s_unlock_on_suspending_path() {
  std::unique_lock<std::mutex> lk(m);
  if (cond()) {
    lk.unlock();
    co_await read_some();
  }
}

task s_defer() {
  std::unique_lock<std::mutex> lk(m, std::defer_lock);
  co_await read_some();
  lk.lock();
  ++shared_state;
}

task s_moved() {
  std::unique_lock<std::mutex> lk(m);
  consume(std::move(lk));
  co_await read_some();
}

task s_suspend_never() {
  std::lock_guard<std::mutex> lk(m);
  co_await std::suspend_never{};
}

task s_scope_closed() {
  {
    std::lock_guard<std::mutex> lk(m);
    ++shared_state;
  }
  co_await read_some();
}

task s_taken_after_last_suspension() {
  int n = co_await read_some();
  std::lock_guard<std::mutex> lk(m);
  shared_state += n;
}

task s_manual_unlocked() {
  m.lock();
  ++shared_state;
  m.unlock();
  co_await read_some();
}

task s_try_failed() {
  if (!m.try_lock()) {
    co_await read_some(); // the lock was not taken on this path
    co_return;
  }
  ++shared_state;
  m.unlock();
}

task s_try_to_lock_checked() {
  std::unique_lock<std::mutex> lk(m, std::try_to_lock);
  if (!lk.owns_lock()) {
    co_await read_some();
    co_return;
  }
  ++shared_state;
}

task s_default_constructed() {
  std::unique_lock<std::mutex> lk;
  co_await read_some();
  lk = std::unique_lock<std::mutex>(m);
  ++shared_state;
}

task s_guard_by_reference(std::unique_lock<std::mutex> &lk) {
  // The caller's lock: its owner decides; corolint does not guess.
  lk.unlock();
  co_await read_some();
}

void s_plain_function() {
  std::lock_guard<std::mutex> lk(m);
  ++shared_state;
}

task s_lambda_body_is_not_the_coroutine() {
  auto locked = [] {
    std::lock_guard<std::mutex> lk(m);
    return shared_state;
  };
  co_await write_some(locked());
}

task s_static_guard_storage() {
  static std::mutex local_mutex;
  { std::lock_guard<std::mutex> lk(local_mutex); ++shared_state; }
  co_await read_some();
}

// A synchronous generator is no async context: it runs on its consumer's
// thread between the yields.
agen s_sync_generator() {
  std::scoped_lock lk(m);
  co_yield shared_state;
}

// An awaiter that takes the guard and releases it when the coroutine
// suspends (the async condition variable pattern, concurrencpp's
// async_lock_awaiter): the awaitable owns the lock's fate, as
// std::condition_variable::wait does.
struct unlock_on_suspend {
  std::unique_lock<std::mutex> lock;
  explicit unlock_on_suspend(std::unique_lock<std::mutex> &lk)
      : lock(std::move(lk)) {}
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept { lock.unlock(); }
  void await_resume() noexcept {}
};
struct async_condition {
  io_op wait(std::unique_lock<std::mutex> &lk);
};
extern async_condition ready;
task s_guard_handed_to_awaitable() {
  std::unique_lock<std::mutex> lk(m);
  co_await ready.wait(lk);
}
task s_awaiter_owns_the_lock() {
  std::unique_lock<std::mutex> lk(m);
  co_await unlock_on_suspend(lk);
}

// An asynchronous mutex that uses a std::mutex inside: its lock() returns
// an awaitable, so it is no thread-affine mutex.
struct queued_async_mutex {
  io_op lock();
  io_op try_lock();
  void unlock();

private:
  std::mutex waiters_mutex_;
};
extern queued_async_mutex qm;
task s_async_mutex_with_a_std_mutex_inside() {
  co_await qm.lock();
  co_await read_some();
  qm.unlock();
}
