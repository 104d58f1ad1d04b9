// The libcoro mock headers compile realistic libcoro code.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
#include <coro/coro.hpp>
#include <memory>
#include <type_traits>

static_assert(
    std::is_same_v<decltype(std::declval<coro::task<int>::promise_type &>()
                                .initial_suspend()),
                   std::suspend_always>,
    "coro::task is lazy");

coro::task<int> lookup(int key) { co_return key; }

coro::task<void> session(std::shared_ptr<coro::io_scheduler> sched) {
  co_await sched->schedule();
  co_await sched->yield_for(std::chrono::milliseconds(1));
  auto pending = lookup(1);
  int a = co_await pending;
  int b = co_await sched->schedule(lookup(2));
  (void)(a + b);
}

coro::task<int> checksum(coro::thread_pool &pool, int seed) {
  co_await pool.schedule();
  co_return seed * 31;
}

int main() {
  coro::thread_pool pool{coro::thread_pool::options{.thread_count = 2}};
  (void)coro::sync_wait(checksum(pool, 4));
  (void)coro::sync_wait(pool.schedule(lookup(5)));
  auto sched = coro::io_scheduler::make_shared(
      coro::io_scheduler::options{.thread_count = 2});
  sched->spawn(session(sched));
  sched->spawn_detached(session(sched));
  coro::sync_wait(sched->spawn_joinable(session(sched)));
  return coro::sync_wait(lookup(3));
}
