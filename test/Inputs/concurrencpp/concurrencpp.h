// Mock of concurrencpp/concurrencpp.h for corolint tests: the upstream names
// of what the checks read. result<T> is an eager coroutine type,
// lazy_result<T> a lazy one (it starts when awaited);
// resume_on(executor) moves the coroutine onto that executor; the runtime's
// background_executor() is the pool concurrencpp designates for blocking
// work, thread_pool_executor() the one for CPU work.
#pragma once
#include <corolint-mock/lazy_task.h>
#include <coroutine>
#include <memory>

namespace concurrencpp {
class executor {
public:
  virtual ~executor() = default;
};
class thread_pool_executor : public executor {};

template <typename T = void> class result {
public:
  struct promise_type {
    result get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  T get() { return T(); }
};

template <typename T = void> class lazy_result {
public:
  struct promise_type {
    lazy_result get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() { return T(); }
};

namespace details {
struct resume_on_awaitable {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const { h.resume(); }
  void await_resume() const noexcept {}
};
} // namespace details

template <typename E>
details::resume_on_awaitable resume_on(std::shared_ptr<E> executor) {
  (void)executor;
  return {};
}

class runtime {
public:
  std::shared_ptr<thread_pool_executor> background_executor() const noexcept {
    return background_;
  }
  std::shared_ptr<thread_pool_executor> thread_pool_executor() const noexcept {
    return pool_;
  }

private:
  std::shared_ptr<concurrencpp::thread_pool_executor> background_ =
      std::make_shared<concurrencpp::thread_pool_executor>();
  std::shared_ptr<concurrencpp::thread_pool_executor> pool_ =
      std::make_shared<concurrencpp::thread_pool_executor>();
};
} // namespace concurrencpp
