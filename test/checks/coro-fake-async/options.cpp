// BlockingExecutors designates the pools an application keeps for blocking
// work — by type, by variable, by the function returning the executor —
// and [[clang::annotate("corolint::blocking-pool")]] does the same on the
// declaration (a pool, its class, or the offloading function itself).
// Offloading there is the pool's purpose: silent for coro-fake-async, and
// for coro-blocking-call after a hop onto it. A pool nobody designated
// keeps its findings.
// RUN: %check_corolint -check-suffixes=DEFAULT,ANY %s coro-fake-async,coro-blocking-call %t -- %std_flags -pthread
// RUN: %check_corolint -check-suffixes=ANY %s coro-fake-async,coro-blocking-call %t \
// RUN:   -config="{CheckOptions: {coro-fake-async.BlockingExecutors: 'app::DiskPool;app::io_pool;::app::blocking_executor'}}" \
// RUN:   -- %std_flags -pthread
#include <asio.hpp>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <string>

namespace app {

std::string read_whole(const std::string &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

class DiskPool : public asio::thread_pool {
public:
  using asio::thread_pool::thread_pool;
};
extern asio::thread_pool io_pool;
extern asio::thread_pool cpu_pool;
asio::thread_pool::executor_type blocking_executor();
[[clang::annotate("corolint::blocking-pool")]] extern asio::thread_pool
    archive_pool;
class [[clang::annotate("corolint::blocking-pool")]] FilePool
    : public asio::thread_pool {
public:
  using asio::thread_pool::thread_pool;
};

template <typename Pool>
std::future<std::string> read_on(Pool &pool, std::string path) {
  auto done = std::make_shared<std::promise<std::string>>();
  asio::post(pool, [done, path] { done->set_value(read_whole(path)); });
  return done->get_future();
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:26: warning: 'app::read_on' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-DEFAULT: :[[@LINE-4]]:3: note: the work moves to another thread here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:51: note: through the call to 'app::read_whole' here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-28]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// Designated by type (and read_async only composes read_on's future).
std::future<std::string> read_async(DiskPool &pool, std::string path) {
  return read_on(pool, std::move(path));
}

std::future<std::string> load_page(DiskPool &disk, std::string path) {
  auto done = std::make_shared<std::promise<std::string>>();
  asio::post(disk, [done, path] { done->set_value(read_whole(path)); });
  return done->get_future();
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:26: warning: 'app::load_page' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-DEFAULT: :[[@LINE-4]]:3: note: the work moves to another thread here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:51: note: through the call to 'app::read_whole' here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-43]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// Designated by variable: a hop onto it, then the read.
asio::awaitable<std::string> load_config(std::string path) {
  co_await asio::post(asio::bind_executor(io_pool, asio::use_awaitable));
  co_return read_whole(path);
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-4]]:30: warning: 'app::load_config' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-DEFAULT: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-4]]:13: note: through the call to 'app::read_whole' here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-53]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// Designated by the function that returns the executor.
std::future<std::string> load_blob(std::string key) {
  auto done = std::make_shared<std::promise<std::string>>();
  asio::post(blocking_executor(),
             [done, key] { done->set_value(read_whole("/blobs/" + key)); });
  return done->get_future();
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-6]]:26: warning: 'app::load_blob' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:3: note: the work moves to another thread here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-5]]:44: note: through the call to 'app::read_whole' here
// CHECK-MESSAGES-DEFAULT: :[[@LINE-65]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// Not fake asynchrony (it writes to a socket after the hop), but the read
// blocks a thread: of a pool nobody designated, coro-blocking-call reports
// it; on the designated pool it is where the read belongs.
asio::awaitable<void> serve_file(asio::ip::tcp::socket &peer,
                                 std::string path) {
  co_await asio::post(asio::bind_executor(io_pool, asio::use_awaitable));
  std::string body = read_whole(path);
  co_await asio::async_write(peer, asio::buffer(body), asio::use_awaitable);
}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:22: warning: call to 'app::read_whole' in coroutine 'serve_file' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O) [coro-blocking-call]
// CHECK-MESSAGES-DEFAULT: :[[@LINE-77]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// Designated by annotation: the pool, its class, the function itself.
std::future<std::string> load_archive(std::string path) {
  auto done = std::make_shared<std::promise<std::string>>();
  asio::post(archive_pool, [done, path] { done->set_value(read_whole(path)); });
  return done->get_future();
}
std::future<std::string> load_file(FilePool &files, std::string path) {
  auto done = std::make_shared<std::promise<std::string>>();
  asio::post(files, [done, path] { done->set_value(read_whole(path)); });
  return done->get_future();
}
[[clang::annotate("corolint::blocking-pool")]] std::future<std::string>
load_thumbnail(std::string path) {
  return std::async(std::launch::async, [path] { return read_whole(path); });
}

// A pool nobody designated.
asio::awaitable<std::string> load_schema(std::string path) {
  co_await asio::post(asio::bind_executor(cpu_pool, asio::use_awaitable));
  co_return read_whole(path);
}
// CHECK-MESSAGES-ANY: :[[@LINE-4]]:30: warning: 'app::load_schema' is fake asynchrony: {{.*}} [coro-fake-async]
// CHECK-MESSAGES-ANY: :[[@LINE-4]]:3: note: the coroutine moves to a thread pool here
// CHECK-MESSAGES-ANY: :[[@LINE-4]]:13: note: through the call to 'app::read_whole' here
// CHECK-MESSAGES-ANY: :[[@LINE-103]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

} // namespace app
