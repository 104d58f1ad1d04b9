// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// Sleeping and waiting on threads or synchronisation primitives inside a
// coroutine: only asio's sleep_for has a rewrite that is valid here; the
// others are reported with advice and no fix-it.
#include <asio.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

struct Job {
  std::mutex m;
  std::condition_variable done;
  bool finished = false;
};

asio::awaitable<void> poll_status(Job &job, std::thread &worker) {
  std::this_thread::sleep_for(250ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'poll_status' stalls the executor thread; use an asynchronous timer instead [coro-blocking-call]
  // CHECK-FIXES: co_await asio::steady_timer(co_await asio::this_coro::executor, 250ms).async_wait(asio::use_awaitable);
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' (sleep)
  usleep(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' (sleep)
  {
    // The lock itself is a short critical section (category 'lock' is off
    // by default); waiting on the condition variable is not.
    std::unique_lock<std::mutex> lock(job.m);
    job.done.wait(lock, [&] { return job.finished; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::condition_variable::wait' (waits for another thread)
  }
  worker.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::thread::join' (waits for another thread)
  co_return;
}

// A coroutine of an unknown framework has no timer corolint could name:
// reported, no fix-it.
struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Task generic_sleeper() {
  std::this_thread::sleep_for(1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'generic_sleeper'
  co_return;
}

// ---- Negatives.

asio::awaitable<void> async_backoff() {
  asio::steady_timer timer(co_await asio::this_coro::executor, 250ms);
  co_await timer.async_wait(asio::use_awaitable);
}

// Plain functions may block: they are not async contexts.
void worker_loop(Job &job) {
  std::this_thread::sleep_for(1ms);
  std::unique_lock<std::mutex> lock(job.m);
  job.done.wait(lock, [&] { return job.finished; });
}

// A thread started from a coroutine runs its body elsewhere.
asio::awaitable<void> start_worker(Job &job) {
  std::thread t([&job] {
    std::this_thread::sleep_for(1s);
    std::lock_guard<std::mutex> lock(job.m);
    job.finished = true;
    job.done.notify_all();
  });
  t.detach();
  co_return;
}

// Notifying and try_lock do not wait.
asio::awaitable<void> notify(Job &job) {
  if (job.m.try_lock()) {
    job.finished = true;
    job.m.unlock();
  }
  job.done.notify_one();
  co_return;
}
