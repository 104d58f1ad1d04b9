// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags
// A small asio server that mixes std::future into coroutines: every wait on
// the event loop thread is reported; polls, ready futures, deferred work,
// main() and other threads stay silent.
#include <asio.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>

using asio::ip::tcp;
using namespace std::chrono_literals;

std::string renderPage(const std::string &path);
int loadQuota(int user);

asio::awaitable<std::string> lookupUser(int id) {
  co_return "user" + std::to_string(id);
}

// --- positives ---------------------------------------------------------------

asio::awaitable<void> echoOnce(tcp::socket sock) {
  char data[512];
  std::size_t n =
      sock.async_read_some(asio::buffer(data), asio::use_future).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sync-over-async: 'std::future::get' in coroutine 'echoOnce' blocks the executor thread until the future is ready, and deadlocks if the work behind it needs this thread; co_await the operation with 'asio::use_awaitable' instead of 'asio::use_future' [coro-sync-wait]
  // CHECK-FIXES: co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
  asio::async_write(sock, asio::buffer(data, n), asio::use_future).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'std::future::get' in coroutine 'echoOnce' {{.*}}; co_await the operation with 'asio::use_awaitable' instead of 'asio::use_future' [coro-sync-wait]
  // CHECK-FIXES: co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
  co_return;
}

asio::awaitable<void> renderHandler(tcp::socket sock, std::string path) {
  // The page is rendered on another thread, but this coroutine holds the
  // event loop thread until it is done.
  auto page = std::async(std::launch::async, renderPage, path);
  std::string body = page.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: sync-over-async: 'std::future::get' in coroutine 'renderHandler' blocks the executor thread until the future is ready, and deadlocks if the work behind it needs this thread; co_await the asynchronous operation instead of waiting on its future [coro-sync-wait]
  co_await asio::async_write(sock, asio::buffer(body), asio::use_awaitable);
}

asio::awaitable<void> spawnAndWait(asio::io_context &io) {
  // Deadlocks for sure on a one-thread io_context: lookupUser needs the
  // thread this get() holds.
  std::string name =
      asio::co_spawn(io, lookupUser(7), asio::use_future).get();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sync-over-async: 'std::future::get' {{.*}} instead of 'asio::use_future' [coro-sync-wait]
  // CHECK-FIXES: co_await asio::co_spawn(io, lookupUser(7), asio::use_awaitable);
  auto pending = asio::co_spawn(io, lookupUser(8), asio::use_future);
  pending.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'std::future::wait' in coroutine 'spawnAndWait' {{.*}}; co_await the operation with 'asio::use_awaitable' instead of 'asio::use_future' [coro-sync-wait]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: the future comes from 'asio::use_future' here
  // CHECK-FIXES: {{^}}  pending.wait();
  co_await asio::post(io, asio::use_awaitable);
}

asio::awaitable<int> quotaWithDeadline(int user) {
  auto quota = std::async(std::launch::async, loadQuota, user);
  if (quota.wait_for(50ms) == std::future_status::timeout)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sync-over-async: 'std::future::wait_for' in coroutine 'quotaWithDeadline' blocks the executor thread until the future is ready or the timeout expires, and the work behind it cannot progress meanwhile if it needs this thread; co_await the operation with a timer (or a cancellation) instead of waiting on its future [coro-sync-wait]
    co_return -1;
  std::shared_future<int> shared = quota.share();
  co_return shared.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: sync-over-async: 'std::shared_future::get' in coroutine 'quotaWithDeadline' {{.*}} [coro-sync-wait]
}

asio::awaitable<void> nestedLoop(asio::io_context &io) {
  asio::steady_timer timer(io, 10ms);
  timer.async_wait([](std::error_code) {});
  io.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'asio::io_context::run' in coroutine 'nestedLoop' runs a nested event loop on the executor thread and does not return until that loop runs out of work; co_await the operations instead, since the coroutine already runs on an event loop [coro-sync-wait]
  io.run_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'asio::io_context::run_for' {{.*}} [coro-sync-wait]
  co_return;
}

asio::awaitable<void> joinsThePool(asio::thread_pool &pool) {
  asio::post(pool, [] { renderPage("/"); });
  pool.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'asio::thread_pool::join' in coroutine 'joinsThePool' blocks the executor thread until the pool's work is done, and deadlocks if that work needs this thread; co_await the work posted to the pool (co_spawn it with use_awaitable) instead of joining the pool [coro-sync-wait]
  pool.attach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'asio::thread_pool::attach' in coroutine 'joinsThePool' runs a nested event loop {{.*}} [coro-sync-wait]
  co_return;
}

// A completion handler runs on the event loop thread too.
void onAccept(asio::io_context &io, tcp::acceptor &acceptor,
              std::future<int> &quota) {
  acceptor.async_accept([&](std::error_code ec, tcp::socket) {
    if (!ec && quota.get() > 0)
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: sync-over-async: 'std::future::get' in completion handler of 'async_accept' blocks the executor thread until the future is ready, and deadlocks if the work behind it needs this thread; continue in a completion handler (or a coroutine) instead of waiting [coro-sync-wait]
      asio::post(io, [&] { io.run_one(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: sync-over-async: 'asio::io_context::run_one' in completion handler of 'post' {{.*}} [coro-sync-wait]
  });
}

// No co_await in a catch block or an immediately invoked lambda: reported,
// not rewritten.
asio::awaitable<void> fallbacks(tcp::socket &sock) {
  char data[16];
  try {
    co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
  } catch (const std::exception &) {
    sock.async_write_some(asio::buffer("ERR\n", 4), asio::use_future).get();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: sync-over-async: 'std::future::get' in coroutine 'fallbacks' {{.*}} [coro-sync-wait]
    // CHECK-FIXES: sock.async_write_some(asio::buffer("ERR\n", 4), asio::use_future).get();
  }
  std::size_t n = [&] {
    return sock.async_read_some(asio::buffer(data), asio::use_future).get();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: sync-over-async: 'std::future::get' in coroutine 'fallbacks' {{.*}} [coro-sync-wait]
    // CHECK-FIXES: return sock.async_read_some(asio::buffer(data), asio::use_future).get();
  }();
  (void)n;
}

// Through the project's own plain functions.
int quotaNow(int user) {
  return std::async(std::launch::async, loadQuota, user).get();
}
int quotaOrZero(int user) { return user > 0 ? quotaNow(user) : 0; }

asio::awaitable<void> admit(tcp::socket sock, int user) {
  if (quotaOrZero(user) == 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sync-over-async: call to 'quotaOrZero' in coroutine 'admit' waits synchronously for asynchronous work: it reaches 'std::future::get', which blocks the executor thread until the future is ready, and deadlocks if the work behind it needs this thread [coro-sync-wait]
    // CHECK-MESSAGES: :[[@LINE-5]]:47: note: through the call to 'quotaNow' here
    // CHECK-MESSAGES: :[[@LINE-8]]:10: note: 'std::future::get' waits here
    sock.close();
  co_return;
}

// Futures of every shape: void, references, members, packaged tasks.
class Connection {
public:
  asio::awaitable<void> close() {
    drained_.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: sync-over-async: 'std::future::get' in coroutine 'Connection::close' {{.*}} [coro-sync-wait]
    flushed_.wait();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: sync-over-async: 'std::shared_future::wait' in coroutine 'Connection::close' {{.*}} [coro-sync-wait]
    int &slot = slot_.get_future().get();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: sync-over-async: 'std::future::get' in coroutine 'Connection::close' {{.*}} [coro-sync-wait]
    // A member future polled first is ready.
    if (drained_.wait_for(0s) == std::future_status::ready)
      drained_.get();
    (void)slot;
    co_return;
  }

private:
  std::future<void> drained_;
  std::shared_future<void> flushed_;
  std::promise<int &> slot_;
};

asio::awaitable<int> runTask(std::packaged_task<int()> &task) {
  co_return task.get_future().get();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: sync-over-async: 'std::future::get' in coroutine 'runTask' {{.*}} [coro-sync-wait]
}

// --- negatives ---------------------------------------------------------------

asio::awaitable<void> awaitsEverything(tcp::socket sock) {
  char data[512];
  std::size_t n =
      co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
  std::string name = co_await lookupUser(1);
  (void)name;
}

asio::awaitable<int> pollsInstead(asio::io_context &io, int user) {
  auto quota = std::async(std::launch::async, loadQuota, user);
  asio::steady_timer timer(io);
  // Polling asks whether the future is ready; the get() after the loop
  // cannot block.
  while (quota.wait_for(0s) != std::future_status::ready) {
    timer.expires_after(1ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
  int value = quota.get();
  auto again = std::async(std::launch::async, loadQuota, user);
  if (again.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    value += again.get();
  auto third = std::async(std::launch::async, loadQuota, user);
  if (third.wait_until(std::chrono::steady_clock::now()) !=
      std::future_status::ready)
    co_return value;
  value += third.get();
  auto fourth = std::async(std::launch::async, loadQuota, user);
  if (fourth.wait_until(std::chrono::steady_clock::time_point::min()) ==
          std::future_status::ready ||
      fourth.wait_until(std::chrono::system_clock::time_point{}) ==
          std::future_status::ready)
    value += 1;
  value += fourth.wait_for(std::chrono::milliseconds::zero()) ==
                   std::future_status::ready
               ? fourth.get()
               : 0;
  co_return value;
}

asio::awaitable<int> deferredWork(int user) {
  // A deferred std::async runs loadQuota inline in get(): it waits for no
  // other thread (whether loadQuota blocks is coro-blocking-call's concern).
  auto lazy = std::async(std::launch::deferred, loadQuota, user);
  co_return lazy.get();
}

asio::awaitable<void> notFutures(std::shared_ptr<std::string> name,
                                 std::unique_ptr<int> count,
                                 std::optional<int> limit,
                                 std::tuple<int, int> pair) {
  std::string *raw = name.get();
  int *c = count.get();
  int first = std::get<0>(pair);
  int lim = limit.value_or(0);
  (void)raw, (void)c, (void)first, (void)lim;
  co_return;
}

asio::awaitable<void> handsOffToThreads(asio::io_context &io,
                                        asio::thread_pool &pool) {
  auto quota = std::make_shared<std::future<int>>(
      std::async(std::launch::async, loadQuota, 1));
  // Runs on a pool thread, not on the event loop.
  asio::post(pool, [quota] { (void)quota->get(); });
  // Runs on its own thread.
  std::thread worker([&io] { io.run(); });
  worker.detach();
  // Defined here, called elsewhere.
  auto later = [quota] { return quota->get(); };
  (void)later;
  bool valid = quota->valid();
  (void)valid;
  // poll() never waits.
  io.poll();
  co_return;
}

void workerThread(std::future<int> quota, std::promise<int> done) {
  done.set_value(quota.get());
}

int main() {
  asio::io_context io;
  asio::co_spawn(io, lookupUser(1), asio::detached);
  auto quota = std::async(std::launch::async, loadQuota, 3);
  std::promise<int> done;
  std::thread worker(workerThread, std::move(quota), std::move(done));
  io.run();
  worker.join();
  return quotaNow(1);
}
