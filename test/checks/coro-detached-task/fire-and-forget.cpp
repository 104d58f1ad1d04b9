// RUN: %check_corolint %s coro-detached-task %t -- %std_flags -isystem %inputs
// RUN: %check_corolint -check-suffix=OPT %s coro-detached-task %t-opt \
// RUN:   -config='{CheckOptions: {coro-detached-task.FireAndForgetTypes: "metrics::background", coro-detached-task.AllowedSpawnSites: "on_startup"}}' \
// RUN:   -- %std_flags -isystem %inputs
//
// Fire-and-forget coroutines: the C++ analogue of `async void`. Known types
// (winrt::fire_and_forget, drogon::AsyncTask, boost::cobalt::detached), a
// project type recognised by shape (starts at once, hands the caller an
// empty object), and one named in FireAndForgetTypes. Each definition is
// reported once; each call starts work nobody can await. A coroutine whose
// whole body catches everything handles its own errors and stays silent.
#include <boost/cobalt/detached.hpp>
#include <coroutine>
#include <drogon/utils/coroutine.h>
#include <exception>
#include <string>
#include <winrt/base.h>

// Recognised by shape: eager, empty, not awaitable. Its unhandled_exception
// swallows errors.
struct spawn_t {
  struct promise_type {
    spawn_t get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

struct Channel {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  std::string await_resume() const { return "msg"; }
};

spawn_t forward_messages(Channel ch) {
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: coroutine 'forward_messages' returns fire-and-forget type 'spawn_t': callers cannot await it or observe its errors, and nothing ties its lifetime to theirs (the C++ analogue of 'async void'); return an awaitable task and let the caller await it or hand it to a scope [coro-detached-task]
  // CHECK-MESSAGES: :[[@LINE-12]]:10: note: 'unhandled_exception' of 'spawn_t::promise_type' is empty: exceptions thrown in the coroutine vanish here
  // CHECK-MESSAGES-OPT: :[[@LINE-3]]:9: warning: coroutine 'forward_messages' returns fire-and-forget type 'spawn_t': {{.*}}
  std::string m = co_await ch;
  (void)m;
}

winrt::fire_and_forget on_click(Channel ch) {
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: coroutine 'on_click' returns fire-and-forget type 'winrt::fire_and_forget': {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:24: warning: coroutine 'on_click' returns fire-and-forget type 'winrt::fire_and_forget': {{.*}}
  co_await ch;
}

drogon::AsyncTask handle_request(Channel ch) {
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: coroutine 'handle_request' returns fire-and-forget type 'drogon::AsyncTask': {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:19: warning: coroutine 'handle_request' returns fire-and-forget type 'drogon::AsyncTask': {{.*}}
  co_await ch;
}

boost::cobalt::detached heartbeat(Channel ch) {
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: coroutine 'heartbeat' returns fire-and-forget type 'boost::cobalt::detached': {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:25: warning: coroutine 'heartbeat' returns fire-and-forget type 'boost::cobalt::detached': {{.*}}
  co_await ch;
}

// Negative: the whole body catches everything, errors are handled.
winrt::fire_and_forget on_load(Channel ch) {
  try {
    co_await ch;
  } catch (...) {
  }
}

drogon::AsyncTask handle_guarded(Channel ch) {
  try {
    co_await ch;
  } catch (const std::exception &) {
  }
}

// Named in FireAndForgetTypes only: not recognisable by shape (it has a
// member), so silent by default.
namespace metrics {
struct background {
  struct promise_type {
    background get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  int id = 0;
};
} // namespace metrics

metrics::background flush_metrics(Channel ch) {
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:21: warning: coroutine 'flush_metrics' returns fire-and-forget type 'metrics::background': {{.*}}
  co_await ch;
}

void on_message(Channel ch) {
  forward_messages(ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'forward_messages' starts a fire-and-forget coroutine ('spawn_t'): nothing can await it or observe its errors [coro-detached-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: call to 'forward_messages' starts a fire-and-forget coroutine ('spawn_t'): {{.*}}
  on_click(ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'on_click' starts a fire-and-forget coroutine ('winrt::fire_and_forget'): {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: call to 'on_click' starts {{.*}}
  heartbeat(ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'heartbeat' starts a fire-and-forget coroutine ('boost::cobalt::detached'): {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: call to 'heartbeat' starts {{.*}}
  flush_metrics(ch);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: call to 'flush_metrics' starts a fire-and-forget coroutine ('metrics::background'): {{.*}}
  // A coroutine lambda held in a variable is named after the variable.
  auto relay = [](Channel c) -> winrt::fire_and_forget { co_await c; };
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: coroutine lambda returns fire-and-forget type 'winrt::fire_and_forget': {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:16: warning: coroutine lambda returns {{.*}}
  relay(ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'relay' starts a fire-and-forget coroutine ('winrt::fire_and_forget'): {{.*}}
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: call to 'relay' starts {{.*}}
  // Negative: these handle their own errors.
  on_load(ch);
  handle_guarded(ch);
}

// AllowedSpawnSites: detaching here is the project's policy.
void on_startup(Channel ch) {
  forward_messages(ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'forward_messages' starts {{.*}}
  heartbeat(ch);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'heartbeat' starts {{.*}}
}

// Negatives: not fire-and-forget. A lazy task type (suspends at start), a
// generator, and an eager type that keeps its handle for the caller to join.
struct lazy_task {
  struct promise_type {
    lazy_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

template <typename T> struct generator {
  struct promise_type {
    T value;
    generator get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> handle;
};

struct joinable {
  struct promise_type {
    joinable get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> handle;
  void join() {}
};

lazy_task lazy_work(Channel ch) { co_await ch; }
generator<int> counter() {
  for (int i = 0;; ++i)
    co_yield i;
}
joinable eager_work(Channel ch) { co_await ch; }

void use_them(Channel ch) {
  auto g = counter();
  (void)g;
  joinable j = eager_work(ch);
  j.join();
}
