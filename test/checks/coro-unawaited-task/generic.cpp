// RUN: %check_corolint %s coro-unawaited-task %t -- %std_flags
// RUN: %check_corolint -check-suffix=OPT %s coro-unawaited-task %t-opt \
// RUN:   -config='{CheckOptions: {coro-unawaited-task.TaskTypes: "jobs::job", coro-unawaited-task.IgnoredTypes: "net::op"}}' \
// RUN:   -- %std_flags
//
// Project task types recognised by shape: a lazy task (promise_type,
// initial_suspend returns std::suspend_always, awaitable), an eager
// awaitable (starts at once: dropping it loses its result, not its work),
// a plain awaiter, a generator (not awaitable: creating and dropping one is
// not a bug), and a type known only through TaskTypes. Only values made by
// the statement are dropped: `t = make()` and calls returning a reference
// hand back objects that live on.
#include <coroutine>
#include <utility>

template <typename T> struct lazy {
  struct promise_type {
    T value{};
    std::coroutine_handle<> next;
    lazy get_return_object() {
      return lazy{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T v) { value = v; }
    void unhandled_exception() { throw; }
  };
  explicit lazy(std::coroutine_handle<promise_type> h) : handle(h) {}
  lazy(lazy &&o) noexcept : handle(std::exchange(o.handle, {})) {}
  lazy &operator=(lazy &&o) noexcept {
    handle = std::exchange(o.handle, {});
    return *this;
  }
  ~lazy() {
    if (handle)
      handle.destroy();
  }
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    handle.promise().next = h;
    return handle;
  }
  T await_resume() { return handle.promise().value; }
  std::coroutine_handle<promise_type> handle;
};

// Eager: runs to its first suspension when called.
struct eager {
  struct promise_type {
    eager get_return_object() {
      return eager{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() const noexcept { return handle.done(); }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

namespace net {
// An awaiter without a promise: an I/O operation that starts when awaited.
struct op {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 0; }
};
op read_block(int fd) { return op{}; }
} // namespace net

template <typename T> struct generator {
  struct promise_type {
    T current{};
    generator get_return_object() {
      return generator{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      current = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  explicit generator(std::coroutine_handle<promise_type> h) : handle(h) {}
  ~generator() { handle.destroy(); }
  std::coroutine_handle<promise_type> handle;
};

namespace jobs {
// Awaited through the scheduler's await_transform, so not recognisable by
// shape: only TaskTypes names it.
struct job {
  struct promise_type {
    job get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
job compact() { co_return; }
} // namespace jobs

lazy<int> fetch(int key) { co_return key * 2; }
eager notify(int) { co_return; }
generator<int> iota(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
}

lazy<int> sum(int a, int b) {
  fetch(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'lazy' returned by 'fetch' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: task 'lazy' returned by 'fetch' is never awaited: {{.*}}
  // CHECK-FIXES: {{^}}  co_await fetch(a);
  notify(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'eager' returned by 'notify' is never awaited: its completion and errors are never observed [coro-unawaited-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: task 'eager' returned by 'notify' is never awaited: {{.*}}
  // CHECK-FIXES: {{^}}  co_await notify(a);
  net::read_block(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable 'net::op' returned by 'read_block' is never awaited: its completion and errors are never observed [coro-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await net::read_block(3);
  a > b ? fetch(a) : fetch(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'lazy' is never awaited: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: task 'lazy' is never awaited: {{.*}}
  // CHECK-FIXES: {{^}}  co_await (a > b ? fetch(a) : fetch(b));
  jobs::compact();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: task 'jobs::job' returned by 'compact' is never awaited: a lazy task that is dropped never runs; co_await it from a coroutine [coro-unawaited-task]
  (void)notify(b);
  auto unused = fetch(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task 'unused' ('lazy') is never awaited, returned or passed on: a lazy task that is dropped never runs [coro-unawaited-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:8: warning: task 'unused' ('lazy') {{.*}}

  // Negatives.
  int x = co_await fetch(a);
  auto later = fetch(b);
  int y = co_await std::move(later);
  lazy<int> slot = fetch(0);
  slot = fetch(1);
  co_await std::move(slot);
  eager started = notify(x);
  co_await started;
  co_await net::read_block(4);
  iota(1000);
  auto g = iota(10);
  (void)g;
  [[maybe_unused]] auto kept = fetch(7);
  co_return x + y;
}

// A plain function: the lazy task never starts.
void schedule_refresh(int key) {
  fetch(key);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task 'lazy' returned by 'fetch' is never awaited: a lazy task that is dropped never runs; co_await it from a coroutine [coro-unawaited-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: task 'lazy' returned by 'fetch' is never awaited: {{.*}}
  (void)fetch(key);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: '(void)' discards task 'lazy' returned by 'fetch': a lazy task that is never awaited never runs [coro-unawaited-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:9: warning: '(void)' discards {{.*}}
}

// Negatives: a benchmark of frame allocation makes and drops generators on
// purpose; returning and passing tasks hands them on.
void bench_frames() {
  for (int i = 0; i < 1000; ++i)
    iota(i);
}
lazy<int> forward(int key) { return fetch(key); }
void consume(lazy<int> t);
void hand_over(int key) { consume(fetch(key)); }
lazy<int> &current();
void replace(int key) {
  current() = fetch(key);
  current();
}
