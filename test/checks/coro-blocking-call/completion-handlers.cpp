// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// Completion handlers run on the event loop thread just as coroutines do.
// There is no co_await in a handler, so no fix-it: the message says what to
// use instead.
#include <asio.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

using asio::ip::tcp;

class session : public std::enable_shared_from_this<session> {
public:
  explicit session(tcp::socket s) : sock_(std::move(s)) {}
  void start() {
    auto self = shared_from_this();
    sock_.async_read_some(asio::buffer(buf_), [this, self](std::error_code ec,
                                                          std::size_t n) {
      if (ec)
        return;
      std::ofstream log("/var/log/session.log", std::ios::app);
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: blocking call to 'std::basic_ofstream::basic_ofstream' (file I/O) in completion handler of 'async_read_some' stalls the executor thread; use asynchronous file I/O, or a thread pool that hands the result back instead [coro-blocking-call]
      asio::write(sock_, asio::buffer(buf_, n));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call to 'asio::write' (socket I/O) in completion handler of 'async_read_some'
      start();
    });
  }

private:
  tcp::socket sock_;
  char buf_[512];
};

void schedule_on_loop(asio::io_context &io) {
  asio::post(io, [] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in completion handler of 'post'
  });
}

asio::awaitable<void> serve(tcp::socket s) { co_return; }

void spawn_with_completion(asio::io_context &io, tcp::socket s) {
  asio::co_spawn(io, serve(std::move(s)), [](std::exception_ptr e) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in completion handler of 'co_spawn'
    if (e)
      std::rethrow_exception(e);
  });
}

// ---- Negatives.

// A pool's threads may block: handlers posted there do not run on the loop.
void offload_to_pool(asio::thread_pool &pool) {
  asio::post(pool, [] {
    std::ofstream out("/tmp/report.txt");
    out << "done\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  });
  asio::post(pool.get_executor(), [] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  });
}

// Handlers that only start more asynchronous work.
void echo_async(std::shared_ptr<tcp::socket> sock,
                std::shared_ptr<std::array<char, 512>> buf) {
  sock->async_read_some(asio::buffer(*buf), [sock, buf](std::error_code ec,
                                                        std::size_t n) {
    if (!ec)
      asio::async_write(*sock, asio::buffer(*buf, n),
                        [sock, buf](std::error_code, std::size_t) {});
  });
}

// A lambda stored for later is not a handler of anything here.
void keep_callback(std::function<void()> &slot) {
  slot = [] { std::this_thread::sleep_for(std::chrono::milliseconds(1)); };
}
