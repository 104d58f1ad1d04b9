// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// The shapes reactor libraries (libcoro, asio's own descriptors) use, found
// in the real-world sweep: I/O on a descriptor that was just awaited ready,
// descriptors made non-blocking where they are created (a constructor of the
// same class), and eight-byte wake-up writes to an eventfd or self-pipe.
// Each negative stands next to the positive that differs from it in one
// thing.
#include <asio.hpp>
#include <cstdint>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using asio::ip::tcp;

// --- Awaiting readiness, then reactor-style I/O -----------------------------

asio::awaitable<ssize_t> read_when_ready(tcp::socket &sock, char *buf,
                                         std::size_t n) {
  co_await sock.async_wait(tcp::socket::wait_read, asio::use_awaitable);
  // Ready: recv returns what is there, or EAGAIN.
  co_return ::recv(sock.native_handle(), buf, n, 0);
}

ssize_t recv_now(int fd, char *buf, std::size_t n) {
  return ::recv(fd, buf, n, 0);
}

asio::awaitable<ssize_t> read_when_ready_through_helper(tcp::socket &sock,
                                                        char *buf,
                                                        std::size_t n) {
  co_await sock.async_wait(tcp::socket::wait_read, asio::use_awaitable);
  co_return recv_now(sock.native_handle(), buf, n);
}

asio::awaitable<ssize_t> read_without_waiting(tcp::socket &sock, char *buf,
                                              std::size_t n) {
  co_return ::recv(sock.native_handle(), buf, n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'recv' (socket I/O) in coroutine 'read_without_waiting' stalls the executor thread
}

asio::awaitable<ssize_t> read_through_helper_without_waiting(tcp::socket &sock,
                                                             char *buf,
                                                             std::size_t n) {
  co_return recv_now(sock.native_handle(), buf, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'recv_now' in coroutine 'read_through_helper_without_waiting' blocks the executor thread: it reaches 'recv' (socket I/O) [coro-blocking-call]
  // CHECK-MESSAGES: :27:10: note: 'recv' blocks here
}

// --- A descriptor made non-blocking in the constructor ---------------------

class listener {
public:
  explicit listener(int port)
      : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)), port_(port) {}

  // The listening socket never blocks: accept returns EAGAIN instead.
  asio::awaitable<int> accept_one() { co_return ::accept(fd_, nullptr, nullptr); }

private:
  int fd_;
  int port_;
};

class configured_listener {
public:
  configured_listener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  }
  asio::awaitable<int> accept_one() { co_return ::accept(fd_, nullptr, nullptr); }

private:
  int fd_;
};

class blocking_listener {
public:
  blocking_listener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {}
  asio::awaitable<int> accept_one() { co_return ::accept(fd_, nullptr, nullptr); }
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: blocking call to 'accept' (socket I/O) in coroutine 'blocking_listener::accept_one' stalls the executor thread

private:
  int fd_;
};

// --- Wake-up writes ----------------------------------------------------------

asio::awaitable<void> wake_poller(int wake_fd) {
  std::uint64_t one = 1;
  // An eventfd counter or a self-pipe byte: never waits for anything.
  ::write(wake_fd, &one, sizeof(one));
  co_return;
}

asio::awaitable<void> write_record(int log_fd, const char *record,
                                   std::size_t n) {
  ::write(log_fd, record, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'write' (file I/O) in coroutine 'write_record' stalls the executor thread
  co_return;
}

struct header {
  std::uint64_t length, checksum;
};

asio::awaitable<void> write_header(int log_fd, const header &h) {
  // Sixteen bytes of a struct are a record, not a wake-up.
  ::write(log_fd, &h, sizeof(h));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'write' (file I/O) in coroutine 'write_header' stalls the executor thread
  co_return;
}
