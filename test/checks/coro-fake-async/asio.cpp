// asio 1.22: pool hops of a coroutine (a token bound to a thread_pool's
// executor), work posted to a thread_pool with a promise, completion
// handlers. Real asynchronous operations — after a hop, through use_future
// — and a hop that only passes through the pool are not fake asynchrony.
// RUN: %check_corolint %s coro-fake-async %t -- %std_flags -pthread
#include <asio.hpp>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <unistd.h>

using asio::ip::tcp;

namespace reports {

std::string read_whole(const std::string &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The coroutine resumes on a pool thread, then only reads a file there.
asio::awaitable<std::string> load_template(asio::thread_pool &pool,
                                           std::string path) {
  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  co_return read_whole(path);
}
// CHECK-MESSAGES: :[[@LINE-5]]:30: warning: 'reports::load_template' is fake asynchrony: it returns 'asio::awaitable<std::string>' but only hops to a thread pool to call 'std::basic_ifstream::basic_ifstream' (file I/O), which holds a pool thread for the whole wait; {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: through the call to 'reports::read_whole' here
// CHECK-MESSAGES: :[[@LINE-13]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// The same with dispatch onto the pool's executor, and sleeping there.
asio::awaitable<void> throttle(asio::thread_pool::executor_type pool) {
  co_await asio::dispatch(asio::bind_executor(pool, asio::use_awaitable));
  ::usleep(1000);
}
// CHECK-MESSAGES: :[[@LINE-4]]:23: warning: 'reports::throttle' is fake asynchrony: it returns 'asio::awaitable<void>' but only hops to a thread pool to call 'usleep' (sleep), which holds a pool thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use an asynchronous timer [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'usleep' blocks here

// Work posted to the pool, its result handed back through a promise.
std::future<std::string> render_async(asio::thread_pool &pool,
                                      std::string path) {
  auto done = std::make_shared<std::promise<std::string>>();
  asio::post(pool, [done, path] { done->set_value(read_whole(path)); });
  return done->get_future();
}
// CHECK-MESSAGES: :[[@LINE-6]]:26: warning: 'reports::render_async' is fake asynchrony: it returns 'std::future<std::string>' but only runs blocking work on another thread, where 'std::basic_ifstream::basic_ifstream' (file I/O) {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-5]]:51: note: through the call to 'reports::read_whole' here
// CHECK-MESSAGES: :[[@LINE-34]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// A completion handler, called from the pool with the blocking result.
template <typename Handler>
void async_render(asio::thread_pool &pool, std::string path,
                  Handler handler) {
  asio::post(pool.get_executor(), [path, handler]() mutable {
    handler(read_whole(path));
  });
}
// CHECK-MESSAGES: :[[@LINE-6]]:6: warning: 'reports::async_render' is fake asynchrony: it takes a completion handler but only runs blocking work on another thread, where 'std::basic_ifstream::basic_ifstream' (file I/O) {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: through the call to 'reports::read_whole' here
// CHECK-MESSAGES: :[[@LINE-47]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// --- Silent --------------------------------------------------------------

// A hop onto the pool followed by real asynchronous I/O is not "only
// offloading": the pool thread does not sit blocked.
asio::awaitable<void> publish(asio::thread_pool &pool, tcp::socket &peer,
                              std::string path) {
  co_await asio::post(asio::bind_executor(pool, asio::use_awaitable));
  std::string body = read_whole(path);
  co_await asio::async_write(peer, asio::buffer(body), asio::use_awaitable);
}

// Without a bound token, the coroutine resumes on its own executor: the
// read below runs on the event loop (coro-blocking-call's finding), not on
// the pool.
asio::awaitable<std::string> yield_then_read(asio::thread_pool &pool,
                                             std::string path) {
  co_await asio::post(pool, asio::use_awaitable);
  co_return read_whole(path);
}

// A real asynchronous operation behind a future.
std::future<std::size_t> send_async(tcp::socket &sock, const std::string &msg) {
  return asio::async_write(sock, asio::buffer(msg), asio::use_future);
}

// Posting pure computation for parallelism.
std::future<std::size_t> count_lines_async(asio::thread_pool &pool,
                                           std::string text) {
  auto done = std::make_shared<std::promise<std::size_t>>();
  asio::post(pool, [done, text] {
    done->set_value(std::count(text.begin(), text.end(), '\n'));
  });
  return done->get_future();
}

// Reading the coroutine's own executor is no operation; the hop to the
// pool happens inside a helper, so this coroutine only awaits it.
asio::awaitable<std::string> cached_template(asio::thread_pool &pool,
                                             std::string path) {
  auto ex = co_await asio::this_coro::executor;
  (void)ex;
  co_return co_await load_template(pool, path);
}

// A handler posted to an I/O executor runs on the event loop: blocking
// there is coro-blocking-call's finding, not an offload to a pool.
template <typename Handler>
void async_stat(asio::io_context &io, std::string path, Handler handler) {
  asio::post(io, [path, handler]() mutable { handler(read_whole(path)); });
}

} // namespace reports

int main() {
  asio::io_context io;
  asio::thread_pool pool(2);
  reports::async_render(pool, "a.tmpl", [](std::string) {});
  reports::async_stat(io, "a.tmpl", [](std::string) {});
  asio::co_spawn(io, reports::load_template(pool, "a.tmpl"), asio::detached);
  io.run();
}
