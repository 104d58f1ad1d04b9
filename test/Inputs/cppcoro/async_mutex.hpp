// Mock of cppcoro/async_mutex.hpp (cppcoro's coroutine-aware mutex).
#pragma once
#include <coroutine>

namespace cppcoro {
class async_mutex;

class async_mutex_lock {
public:
  explicit async_mutex_lock(async_mutex &mutex) noexcept : m_mutex(&mutex) {}
  async_mutex_lock(async_mutex_lock &&other) noexcept;
  ~async_mutex_lock();

private:
  async_mutex *m_mutex;
};

class async_mutex_lock_operation {
public:
  explicit async_mutex_lock_operation(async_mutex &mutex) noexcept
      : m_mutex(mutex) {}
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> awaiter) noexcept;
  void await_resume() const noexcept {}

protected:
  async_mutex &m_mutex;
};

class async_mutex_scoped_lock_operation : public async_mutex_lock_operation {
public:
  using async_mutex_lock_operation::async_mutex_lock_operation;
  [[nodiscard]] async_mutex_lock await_resume() const noexcept {
    return async_mutex_lock{m_mutex};
  }
};

class async_mutex {
public:
  async_mutex() noexcept;
  ~async_mutex();
  bool try_lock() noexcept;
  async_mutex_lock_operation lock_async() noexcept {
    return async_mutex_lock_operation{*this};
  }
  async_mutex_scoped_lock_operation scoped_lock_async() noexcept {
    return async_mutex_scoped_lock_operation{*this};
  }
  void unlock();

private:
  void *m_state;
};
} // namespace cppcoro
