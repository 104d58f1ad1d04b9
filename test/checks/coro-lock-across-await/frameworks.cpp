// RUN: %check_corolint %s coro-lock-across-await %t -- %std_flags -I%inputs
//
// The message names what the coroutine's own framework offers instead, and
// the coroutine-aware mutexes (and guards over them) are never reported:
// holding them across co_await is what they are for. Real asio headers,
// mocks for folly, cppcoro and async_simple.
#include <asio.hpp>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Mutex.h>
#include <cppcoro/async_mutex.hpp>
#include <cppcoro/task.hpp>
#include <folly/Synchronized.h>
#include <folly/coro/Mutex.h>
#include <folly/coro/Task.h>
#include <map>
#include <shared_mutex>
#include <mutex>
#include <string>

struct Registry {
  std::mutex mutex;
  std::map<std::string, std::string> entries;
  std::string snapshot() const;
};

asio::awaitable<void> publish(Registry &reg, asio::ip::tcp::socket &sock) {
  std::lock_guard lk(reg.mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'lk' holds a lock on 'reg.mutex' (std::mutex) across a suspension point in coroutine 'publish': the coroutine may resume on another thread, and every task that wants the lock meanwhile blocks its own; release it before suspending, or use an asio::strand that serialises the coroutines touching the state, instead of a mutex [coro-lock-across-await]
  std::string body = reg.snapshot();
  co_await asio::async_write(sock, asio::buffer(body), asio::use_awaitable);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: suspends here with the lock held
}

asio::awaitable<void> publish_copy_first(Registry &reg,
                                         asio::ip::tcp::socket &sock) {
  std::string body;
  {
    std::lock_guard lk(reg.mutex);
    body = reg.snapshot();
  }
  co_await asio::async_write(sock, asio::buffer(body), asio::use_awaitable);
}

folly::Synchronized<std::map<std::string, int>> counters;
folly::coro::Task<int> fetch(std::string key);

folly::coro::Task<void> refresh(std::string key) {
  auto locked = counters.wlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'locked' holds a lock on its mutex across a suspension point in coroutine 'refresh': {{.*}}; release it before suspending, or use a folly::coro::Mutex (co_await m.co_scoped_lock()) [coro-lock-across-await]
  (*locked)[key] = co_await fetch(key);
}

folly::coro::Task<void> refresh_then_lock(std::string key) {
  int value = co_await fetch(key);
  counters.wlock()->emplace(key, value);
}

folly::coro::Mutex state_mutex;
folly::coro::Task<void> update_with_coro_mutex(std::string key) {
  auto lock = co_await state_mutex.co_scoped_lock();
  int value = co_await fetch(key);
  (void)value;
}

std::mutex cache_mutex;
cppcoro::task<int> load(int id);
cppcoro::task<int> cached(int id) {
  cache_mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'cache_mutex' (std::mutex) is locked here and still held across a suspension point in coroutine 'cached': {{.*}}; release it before suspending, or use a cppcoro::async_mutex (co_await m.scoped_lock_async()) [coro-lock-across-await]
  int value = co_await load(id);
  cache_mutex.unlock();
  co_return value;
}

cppcoro::async_mutex cache_async_mutex;
cppcoro::task<int> cached_with_async_mutex(int id) {
  auto lock = co_await cache_async_mutex.scoped_lock_async();
  co_return co_await load(id);
}

async_simple::coro::Mutex lazy_mutex;
async_simple::coro::Lazy<int> compute(int x);
async_simple::coro::Lazy<int> guarded_compute(int x) {
  // LCK-5: std::unique_lock over a coroutine-aware mutex.
  std::unique_lock<async_simple::coro::Mutex> lk = co_await lazy_mutex.coScopedLock();
  co_return co_await compute(x);
}

std::shared_mutex table_mutex;
async_simple::coro::Lazy<int> read_table(int x) {
  std::shared_lock lk(table_mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'lk' holds a lock on 'table_mutex' (std::shared_mutex) across {{.*}} or use an async_simple::coro::Mutex (co_await m.coScopedLock()) [coro-lock-across-await]
  co_return co_await compute(x);
}

// A project's own mutex that wraps a std::mutex is as thread-affine.
class CheckedMutex {
public:
  void lock();
  void unlock();

private:
  std::mutex inner_;
  int owner_ = 0;
};
CheckedMutex checked;
asio::awaitable<void> with_wrapper(asio::steady_timer &timer) {
  std::lock_guard<CheckedMutex> lk(checked);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'lk' holds a lock on 'checked' (CheckedMutex) across
  co_await timer.async_wait(asio::use_awaitable);
}

// A project mutex that is not thread-affine (a spin flag the coroutine owns,
// not a thread) is not guessed at.
class SpinFlag {
public:
  void lock();
  void unlock();

private:
  std::atomic<bool> taken_{false};
};
SpinFlag flag;
asio::awaitable<void> with_unknown_mutex(asio::steady_timer &timer) {
  std::lock_guard<SpinFlag> lk(flag);
  co_await timer.async_wait(asio::use_awaitable);
}

// Completion handlers are not coroutines: there is no suspension point.
void on_timer(asio::steady_timer &timer, Registry &reg) {
  timer.async_wait([&](std::error_code) {
    std::lock_guard lk(reg.mutex);
    reg.entries.clear();
  });
}
