// corolint-clangd in a real editor: Neovim's built-in LSP client opens this
// file, receives corolint's diagnostics, asks for their code actions and
// applies the quick fixes; the written file must compile.
//
// clangd only runs clang-tidy checks it has timed as fast unless
// `FastCheckFilter` says otherwise: under the default (Strict) the coro-*
// checks are silently skipped, Loose and None run them.
//
// REQUIRES: nvim
// RUN: rm -rf %t %t.xdg && mkdir -p %t/default %t/loose %t/none %t/tidyfile
// RUN: sed -e 's#^// *[A-Z]*\(-[A-Z]*\)*:.*#//#' %s > %t/session.cpp
// RUN: echo %std_flags | tr ' ' '\n' > %t/compile_flags.txt
// RUN: cp %t/session.cpp %t/compile_flags.txt %t/default/
// RUN: cp %t/session.cpp %t/compile_flags.txt %t/loose/
// RUN: cp %t/session.cpp %t/compile_flags.txt %t/none/
// RUN: cp %t/session.cpp %t/compile_flags.txt %t/tidyfile/
// RUN: printf 'Diagnostics:\n  ClangTidy:\n    Add: [coro-*]\n' > %t/default/.clangd
// RUN: printf 'Diagnostics:\n  ClangTidy:\n    Add: [coro-*]\n    FastCheckFilter: Loose\n' > %t/loose/.clangd
// RUN: printf 'Diagnostics:\n  ClangTidy:\n    Add: [coro-*]\n    FastCheckFilter: None\n' > %t/none/.clangd
//
// RUN: %nvim_lsp_quickfix %t/default/session.cpp
// RUN: FileCheck %s --check-prefix=STRICT < %t/default/session.cpp.lsp
// STRICT: NO COROLINT DIAGNOSTICS
// RUN: diff %t/session.cpp %t/default/session.cpp
//
// RUN: %nvim_lsp_quickfix %t/loose/session.cpp
// RUN: FileCheck %s --check-prefix=LSP --implicit-check-not=DIAG \
// RUN:   --implicit-check-not=QUICKFIX --implicit-check-not=APPLY \
// RUN:   --implicit-check-not=FINAL < %t/loose/session.cpp.lsp
// RUN: FileCheck %s --check-prefix=FIXED < %t/loose/session.cpp
// RUN: %clangxx -fsyntax-only %std_flags %t/loose/session.cpp
//
// RUN: %nvim_lsp_quickfix %t/none/session.cpp
// RUN: FileCheck %s --check-prefix=LSP --implicit-check-not=DIAG \
// RUN:   --implicit-check-not=QUICKFIX --implicit-check-not=APPLY \
// RUN:   --implicit-check-not=FINAL < %t/none/session.cpp.lsp
// RUN: diff %t/loose/session.cpp %t/none/session.cpp
//
// A project's .clang-tidy (checks and options) applies in the editor too;
// .clangd only has to lift the filter.
// RUN: printf 'Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n' > %t/tidyfile/.clangd
// RUN: printf "Checks: '-*,coro-blocking-call'\nCheckOptions:\n  coro-blocking-call.Categories: socket\n" > %t/tidyfile/.clang-tidy
// RUN: %nvim_lsp_quickfix %t/tidyfile/session.cpp
// RUN: FileCheck %s --check-prefix=TIDYFILE --implicit-check-not=DIAG \
// RUN:   --implicit-check-not=QUICKFIX --implicit-check-not=APPLY \
// RUN:   --implicit-check-not=FINAL < %t/tidyfile/session.cpp.lsp
// TIDYFILE: DIAG {{[0-9]+}}:21 [coro-blocking-call] Blocking call to 'asio::basic_stream_socket::read_some' (socket I/O)
// TIDYFILE: QUICKFIX {{[0-9]+}}:21 change 'Sock.read_some
// TIDYFILE: APPLY {{[0-9]+}}:21 change 'Sock.read_some
// TIDYFILE: WRITTEN
#include <asio.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using asio::ip::tcp;
using namespace std::chrono_literals;

static void auditLog(const std::string &Line);

asio::awaitable<void> serveClient(tcp::socket Sock) {
  char Data[4096];
  for (;;) {
    std::size_t N = Sock.read_some(asio::buffer(Data));
// LSP: DIAG [[@LINE-1]]:21 [coro-blocking-call] Blocking call to 'asio::basic_stream_socket::read_some' (socket I/O) in coroutine 'serveClient' stalls the executor thread; use 'async_read_some' instead
// LSP: QUICKFIX [[@LINE-2]]:21 change 'Sock.read_some(asio::buffer(Data))' to 'co_await Sock.async_read_some(asio::buffer(Data), …'
// FIXED: std::size_t N = co_await Sock.async_read_some(asio::buffer(Data), asio::use_awaitable);
    if (N == 0)
      co_return;
    auditLog("request");
// LSP: DIAG [[@LINE-1]]:5 [coro-blocking-call] Call to 'auditLog' in coroutine 'serveClient' blocks the executor thread: it reaches 'std::this_thread::sleep_for' (sleep)
    co_await asio::async_write(Sock, asio::buffer(Data, N), asio::use_awaitable);
  }
}

asio::awaitable<void> connectWithRetry(tcp::socket &Sock, tcp::endpoint Peer) {
  for (int Attempt = 0;; ++Attempt) {
    asio::error_code Ec;
    co_await Sock.async_connect(Peer,
                                asio::redirect_error(asio::use_awaitable, Ec));
    if (!Ec || Attempt == 5)
      co_return;
    std::this_thread::sleep_for(100ms);
// LSP: DIAG [[@LINE-1]]:5 [coro-blocking-call] Blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'connectWithRetry' stalls the executor thread; use an asynchronous timer instead
// LSP: QUICKFIX [[@LINE-2]]:5 change 'std::this_thread::sleep_for(100ms)' to 'co_await asio::steady_timer(co_await asio::this_co…'
// FIXED: co_await asio::steady_timer(co_await asio::this_coro::executor, 100ms).async_wait(asio::use_awaitable);
    std::this_thread::sleep_for(1ms); // NOLINT(coro-blocking-call): measured
  }
}

// The rest is correct async code for coro-blocking-call; coro-detached-task
// sees the exceptions its detached spawns drop.
asio::awaitable<void> listen(tcp::acceptor Acceptor) {
  for (;;) {
    tcp::socket Sock = co_await Acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(Acceptor.get_executor(), serveClient(std::move(Sock)),
                   asio::detached);
// LSP: DIAG [[@LINE-2]]:5 [coro-detached-task] 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'serveClient' and nothing waits for it
  }
}

static void auditLog(const std::string &Line) {
  std::this_thread::sleep_for(1ms); // Rate limit: fine on a plain thread.
  std::fprintf(stderr, "%s\n", Line.c_str());
}

int main() try {
  asio::io_context Io;
  asio::co_spawn(Io, listen(tcp::acceptor(Io, {tcp::v4(), 7000})),
                 asio::detached);
// LSP: DIAG [[@LINE-2]]:3 [coro-detached-task] 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'listen', so the program carries on as if nothing had failed; use a completion handler that rethrows it out of the event loop (fix available)
// LSP: QUICKFIX [[@LINE-3]]:3 change 'asio::detached' to '[](std::exception_ptr e) { if (e) std::rethrow_exc…'
// FIXED: [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  std::thread Auditor([] { auditLog("auditor up"); });
  Io.run();
  Auditor.join();
} catch (const std::exception &E) {
  std::fprintf(stderr, "%s\n", E.what());
  return 1;
}
// The quick fixes are applied in order, and only the call clangd cannot
// rewrite is left.
// LSP: APPLY {{[0-9]+}}:21 change 'Sock.read_some
// LSP: APPLY {{[0-9]+}}:5 change 'std::this_thread::sleep_for(100ms)'
// LSP: APPLY {{[0-9]+}}:3 change 'asio::detached'
// LSP: FINAL {{[0-9]+}}:5 [coro-blocking-call] Call to 'auditLog'
// LSP: FINAL {{[0-9]+}}:5 [coro-detached-task] 'asio::co_spawn' with 'asio::detached' drops any exception thrown by 'serveClient'
// LSP: WRITTEN
