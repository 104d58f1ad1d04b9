// RUN: %check_corolint %s coro-lock-across-await %t -config="{CheckOptions: {coro-lock-across-await.LockTypes: 'base::AutoLock', coro-lock-across-await.MutexTypes: 'base::Lock', coro-lock-across-await.AllowedAwaitables: 'app::resume_inline'}}" -- %std_flags -I%inputs
//
// The options: project guard and mutex types, and an awaitable known to
// resume on the same thread; pthread mutexes, which need no option.
#include <coroutine>
#include <corolint-mock/eager_task.h>
#include <mutex>
#include <pthread.h>

io_op read_some();

namespace base {
// A Chromium-style lock: its own type, no std::mutex inside.
class Lock {
public:
  void Acquire();
  void Release();
  void lock();
  void unlock();

private:
  void *impl_;
};
class AutoLock {
public:
  explicit AutoLock(Lock &lock) : lock_(lock) { lock_.Acquire(); }
  ~AutoLock() { lock_.Release(); }

private:
  Lock &lock_;
};
} // namespace base

namespace app {
struct resume_inline {
  bool await_ready() noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) noexcept { return false; }
  void await_resume() noexcept {}
};
} // namespace app

base::Lock registry_lock;

task with_project_guard() {
  base::AutoLock hold(registry_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'hold' holds a lock on 'registry_lock' (base::Lock) across a suspension point in coroutine 'with_project_guard'
  co_await read_some();
}

task with_project_mutex_in_std_guard() {
  std::lock_guard<base::Lock> hold(registry_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'hold' holds a lock on 'registry_lock' (base::Lock) across
  co_await read_some();
}

task allowed_awaitable() {
  base::AutoLock hold(registry_lock);
  co_await app::resume_inline{};
}

pthread_mutex_t table_mutex = PTHREAD_MUTEX_INITIALIZER;

task with_pthread_mutex() {
  pthread_mutex_lock(&table_mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mutex' (pthread_mutex_t) is locked here and still held across
  co_await read_some();
  pthread_mutex_unlock(&table_mutex);
}

task pthread_unlocked_first() {
  pthread_mutex_lock(&table_mutex);
  pthread_mutex_unlock(&table_mutex);
  co_await read_some();
}

task pthread_trylock_failed() {
  if (pthread_mutex_trylock(&table_mutex) != 0) {
    co_await read_some(); // not locked on this path
    co_return;
  }
  pthread_mutex_unlock(&table_mutex);
}
