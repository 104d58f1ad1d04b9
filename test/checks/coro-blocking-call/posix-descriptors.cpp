// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// Raw descriptor calls: blocking on a blocking descriptor, harmless on a
// non-blocking one. Coroutine libraries built on epoll/io_uring call read,
// recv and accept on non-blocking descriptors all the time; corolint stays
// silent when the code shows the descriptor is non-blocking.
#include <asio.hpp>
#include <cerrno>
#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

asio::awaitable<int> blocking_fd_session(int fd) {
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'read' (file I/O) in coroutine 'blocking_fd_session' stalls the executor thread; use an asynchronous stream, or a non-blocking descriptor instead [coro-blocking-call]
  ::send(fd, buf, n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'send' (socket I/O)
  int client = ::accept(fd, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call to 'accept' (socket I/O)
  co_return client;
}

asio::awaitable<void> lookup(const char *host) {
  addrinfo *result = nullptr;
  getaddrinfo(host, "443", nullptr, &result);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'getaddrinfo' (DNS lookup)
  freeaddrinfo(result);
  co_return;
}

// ---- Negatives: the code shows the descriptor does not block.

// MSG_DONTWAIT makes this one call non-blocking.
asio::awaitable<ssize_t> peek(int fd) {
  char buf[64];
  co_return ::recv(fd, buf, sizeof buf, MSG_DONTWAIT | MSG_PEEK);
}

// EAGAIN handled right after the call.
asio::awaitable<ssize_t> drain(int fd, char *buf, size_t len) {
  ssize_t n = ::read(fd, buf, len);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    co_return 0;
  co_return n;
}

// The same handling inside the condition.
asio::awaitable<void> flush(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t n = ::write(fd, buf, len);
    if (n < 0) {
      if (errno == EAGAIN)
        co_await asio::post(co_await asio::this_coro::executor,
                            asio::use_awaitable);
      continue;
    }
    buf += n;
    len -= static_cast<size_t>(n);
  }
}

// Descriptors made non-blocking with fcntl or created with SOCK_NONBLOCK.
struct Connection {
  int fd;
  explicit Connection(int f) : fd(f) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  asio::awaitable<ssize_t> read_some(char *buf, size_t len) {
    co_return ::read(fd, buf, len);
  }
};

asio::awaitable<int> accept_loop(int port) {
  int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  (void)port;
  co_return ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK);
}

// Blocking descriptor I/O in plain functions is fine.
ssize_t read_all(int fd, char *buf, size_t len) { return ::read(fd, buf, len); }

// A project function that happens to be called `read` is not POSIX read.
struct Config {};
int read(Config &) { return 0; }
asio::awaitable<int> reload(Config &c) { co_return read(c); }
