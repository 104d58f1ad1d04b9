// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// A generator runs synchronously on its consumer's thread: reading a file
// line by line in a generator is the consumer's business, not an executor
// stall. A coroutine that both awaits and yields is asynchronous.
#include <asio.hpp>
#include <coroutine>
#include <exception>
#include <fstream>
#include <string>
#include <thread>

template <typename T> struct generator {
  struct promise_type {
    T current;
    generator get_return_object() {
      return generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      current = std::move(v);
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> handle;
};

generator<std::string> lines(const char *path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    co_yield line;
}

// An async stream that awaits and yields: an async context.
template <typename T> struct async_stream {
  struct promise_type {
    T current;
    async_stream get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) {
      current = std::move(v);
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

async_stream<int> ticks() {
  for (int i = 0;; ++i) {
    co_await std::suspend_always{};
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'ticks'
    co_yield i;
  }
}
