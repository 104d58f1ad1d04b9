// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// Reactor-style I/O: code that waits for readiness (async_wait on a socket)
// and then performs the I/O itself on a ready, or non-blocking, descriptor
// does not block. Modelled on asio's own nonblocking/third_party_lib and
// fd_passing examples.
#include <asio.hpp>
#include <sys/socket.h>
#include <sys/wait.h>

using asio::ip::tcp;

class poller {
public:
  explicit poller(tcp::socket &s) : sock_(s) {}

  // Called only when the socket is readable, and handles would_block.
  void on_readable(std::error_code &ec) {
    std::size_t n = sock_.read_some(asio::buffer(buf_), ec);
    (void)n;
  }

  void start_read() {
    sock_.async_wait(tcp::socket::wait_read, [this](std::error_code ec) {
      if (!ec)
        on_readable(ec);
      if (!ec || ec == asio::error::would_block)
        start_read();
    });
  }

  void start_write() {
    sock_.async_wait(tcp::socket::wait_write, [this](std::error_code ec) {
      if (ec)
        return;
      char byte = 0;
      // Ready for writing: one byte cannot block.
      ::send(sock_.native_handle(), &byte, 1, 0);
    });
  }

private:
  tcp::socket &sock_;
  char buf_[256];
};

// A socket put into non-blocking mode with asio's own switch.
asio::awaitable<std::size_t> try_read(tcp::socket &sock) {
  sock.non_blocking(true);
  char data[64];
  std::error_code ec;
  std::size_t n = sock.read_some(asio::buffer(data), ec);
  co_return ec ? 0 : n;
}

// Reaping children without waiting.
void reap_children(asio::signal_set &signals) {
  signals.async_wait([](std::error_code, int) {
    int status = 0;
    while (waitpid(-1, &status, WNOHANG) > 0) {
    }
  });
}

// ---- Positives: the same calls without the signs of non-blocking use.

void reap_one(asio::signal_set &signals, pid_t child) {
  signals.async_wait([child](std::error_code, int) {
    int status = 0;
    waitpid(child, &status, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'waitpid' (waits for a process) in completion handler of 'async_wait'
  });
}

// A timer's async_wait says nothing about a socket's readiness.
void poll_later(asio::steady_timer &timer, tcp::socket &sock) {
  timer.async_wait([&sock](std::error_code) {
    char data[16];
    sock.read_some(asio::buffer(data));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in completion handler of 'async_wait'
  });
}

asio::awaitable<std::size_t> blocking_read(tcp::socket &sock) {
  char data[64];
  std::size_t n = sock.read_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: blocking call to 'asio::basic_stream_socket::read_some'
  // CHECK-FIXES: std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_return n;
}
