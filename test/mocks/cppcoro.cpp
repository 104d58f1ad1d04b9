// The cppcoro mock headers compile realistic cppcoro code.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
#include <cppcoro/static_thread_pool.hpp>
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>
#include <string>
#include <type_traits>
#include <vector>

static_assert(
    std::is_same_v<decltype(std::declval<cppcoro::task<int>::promise_type &>()
                                .initial_suspend()),
                   std::suspend_always>,
    "cppcoro::task is lazy");

cppcoro::task<std::string> readConfig() { co_return "cfg"; }
cppcoro::task<int> loadShard(int shard) { co_return shard * 2; }

cppcoro::task<> startServer(cppcoro::static_thread_pool &pool) {
  co_await pool.schedule();
  auto config = readConfig();
  std::string text = co_await config;
  std::vector<cppcoro::task<int>> shards;
  for (int i = 0; i < 4; ++i)
    shards.push_back(loadShard(i));
  std::vector<int> loaded = co_await cppcoro::when_all(std::move(shards));
  auto [a, b] = co_await cppcoro::when_all(loadShard(1), readConfig());
  (void)loaded;
  (void)(a + text.size() + b.size());
}

int main() {
  cppcoro::static_thread_pool pool(2);
  cppcoro::sync_wait(startServer(pool));
  auto shard = loadShard(3);
  int six = cppcoro::sync_wait(shard);
  return six + cppcoro::sync_wait(loadShard(1));
}

// Cancellation: a source's token, a registration, a cancellable timer.
#include <cppcoro/cancellation_registration.hpp>
#include <cppcoro/cancellation_source.hpp>
#include <cppcoro/io_service.hpp>
#include <cppcoro/operation_cancelled.hpp>
cppcoro::task<void> cancellable_tick(cppcoro::io_service &io,
                                     cppcoro::cancellation_token ct) {
  cppcoro::cancellation_registration reg(ct, [&] { io.stop(); });
  try {
    co_await io.schedule_after(std::chrono::milliseconds(5), ct);
  } catch (const cppcoro::operation_cancelled &) {
  }
  ct.throw_if_cancellation_requested();
}
void cancel_tick(cppcoro::io_service &io) {
  cppcoro::cancellation_source source;
  auto t = cancellable_tick(io, source.token());
  source.request_cancellation();
  (void)source.is_cancellation_requested();
}
