// The corolint module as a plugin of Debian's stock clang-tidy-22: it must
// list its checks, report exactly what the corolint driver reports, honour
// NOLINT and .clang-tidy like any other module, and its fixes must compile.
//
// RUN: rm -rf %t && mkdir -p %t
// Keep line numbers; blank the expectations so they cannot match themselves.
// RUN: sed -e 's#^// *[A-Z]*\(-[A-Z]*\)*:.*#//#' %s > %t/session.cpp
//
// Every check the module registers is listed, with no test edit per check.
// RUN: %clang_tidy --load=%libdir/libcorolint-tidy.so --checks='-*,coro-*' --list-checks \
// RUN:   > %t/list.out
// RUN: FileCheck %s --check-prefix=LIST < %t/list.out
// LIST: Enabled checks:
// LIST: coro-blocking-call
// RUN: grep -o 'coro-[a-z0-9-]*' %t/list.out | sort > %t/plugin.checks
// RUN: grep -o '"coro-[a-z0-9-]*"' %src_root/checks/CorolintModule.cpp | tr -d '"' | sort > %t/module.checks
// RUN: diff %t/module.checks %t/plugin.checks
//
// RUN: %clang_tidy --load=%libdir/libcorolint-tidy.so --checks='-*,coro-*' %t/session.cpp \
// RUN:   -- %std_flags > %t/tidy.out
// RUN: FileCheck %s --check-prefix=TIDY --implicit-check-not=warning: < %t/tidy.out
// RUN: not %corolint %t/session.cpp -- %std_flags > %t/corolint.out
// RUN: grep ': warning: ' %t/tidy.out | sort > %t/tidy.warnings
// RUN: grep ': warning: ' %t/corolint.out | sort > %t/corolint.warnings
// RUN: diff %t/tidy.warnings %t/corolint.warnings
// RUN: not %clang_tidy --load=%libdir/libcorolint-tidy.so --checks='-*,coro-*' \
// RUN:   --warnings-as-errors='coro-*' %t/session.cpp -- %std_flags | FileCheck %s --check-prefix=WERROR
// WERROR: session.cpp:{{[0-9]+}}:21: error: blocking call to 'asio::basic_stream_socket::read_some'
//
// Options and check selection come from the project's .clang-tidy.
// RUN: printf "Checks: '-*,coro-blocking-call'\nCheckOptions:\n  coro-blocking-call.Categories: socket\n" > %t/.clang-tidy
// RUN: %clang_tidy --load=%libdir/libcorolint-tidy.so --dump-config %t/session.cpp \
// RUN:   | FileCheck %s --check-prefix=DUMP
// DUMP: coro-blocking-call.Categories: socket
// DUMP: coro-blocking-call.Interprocedural: 'true'
// RUN: %clang_tidy --load=%libdir/libcorolint-tidy.so %t/session.cpp -- %std_flags \
// RUN:   | FileCheck %s --check-prefix=CONFIG --implicit-check-not=warning:
//
// clang-tidy's --fix applies the module's fix-its, and the result compiles.
// RUN: rm %t/.clang-tidy
// RUN: %clang_tidy --load=%libdir/libcorolint-tidy.so --checks='-*,coro-*' --fix %t/session.cpp -- %std_flags
// RUN: FileCheck %s --check-prefix=FIXED < %t/session.cpp
// RUN: %clangxx -fsyntax-only %std_flags %t/session.cpp
#include <asio.hpp>
#include <chrono>
#include <string>
#include <thread>

using asio::ip::tcp;

static std::string loadGreeting(const std::string &Path);

asio::awaitable<void> session(tcp::socket sock) {
  char data[1024];
  for (;;) {
    std::size_t n = sock.read_some(asio::buffer(data));
// TIDY: session.cpp:[[@LINE-1]]:21: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'session' stalls the executor thread; use 'async_read_some' instead [coro-blocking-call]
// CONFIG: session.cpp:[[@LINE-2]]:21: warning: blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'session'
// FIXED: std::size_t n = co_await sock.async_read_some(asio::buffer(data), asio::use_awaitable);
    std::this_thread::sleep_for(std::chrono::milliseconds(1)); // NOLINT(coro-blocking-call)
    // NOLINTNEXTLINE(coro-*)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    // NOLINTBEGIN(coro-blocking-call)
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
    std::this_thread::yield();
    // NOLINTEND(coro-blocking-call)
    // A NOLINT for another check does not silence this one.
    std::this_thread::sleep_for(std::chrono::milliseconds(3)); // NOLINT(bugprone-unused-return-value)
// TIDY: session.cpp:[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'session' stalls the executor thread; use an asynchronous timer instead [coro-blocking-call]
// FIXED: co_await asio::steady_timer(co_await asio::this_coro::executor, std::chrono::milliseconds(3)).async_wait(asio::use_awaitable); // NOLINT(bugprone-unused-return-value)
    std::string greeting = loadGreeting("motd.txt");
// TIDY: session.cpp:[[@LINE-1]]:28: warning: call to 'loadGreeting' in coroutine 'session' blocks the executor thread: it reaches 'std::this_thread::sleep_for' (sleep) [coro-blocking-call]
    co_await asio::async_write(sock, asio::buffer(greeting), asio::use_awaitable);
    co_await asio::async_write(sock, asio::buffer(data, n), asio::use_awaitable);
  }
}

asio::awaitable<void> listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket sock = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(sock)),
                   asio::detached);
  }
}

// Plain helper: blocks, and is called from the coroutine above.
static std::string loadGreeting(const std::string &Path) {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
// TIDY: session.cpp:[[@LINE-1]]:3: note: 'std::this_thread::sleep_for' blocks here
// TIDY: session.cpp:[[@LINE-9]]:5: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'session' and nothing waits for it; handle the std::exception_ptr in the completion handler (log it), or catch inside the coroutine [coro-detached-task]
  return "hello from " + Path + "\n";
}

// Not a coroutine: blocking is fine on a thread of its own.
void warmUp() { loadGreeting("warmup.txt"); }

int main() {
  asio::io_context io;
  asio::co_spawn(io, listener(tcp::acceptor(io, {tcp::v4(), 5555})),
                 asio::detached);
// TIDY: session.cpp:[[@LINE-2]]:3: warning: 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'listener', so the program carries on as if nothing had failed; use a completion handler that reports it, or rethrows it into a try block around run() [coro-detached-task]
  std::thread warm(warmUp);
  io.run();
  warm.join();
}
