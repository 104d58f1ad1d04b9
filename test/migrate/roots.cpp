// --root: a thread entry point, or any function, is where the climb stops
// as it stops at main: its body becomes a coroutine, and the function runs
// it on its io_context.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/roots.cpp
// RUN: %corolint migrate --root=worker %t/roots.cpp -- %std_flags | FileCheck %s --check-prefix=PLAN
// RUN: %corolint migrate --root=worker --fix --quiet %t/roots.cpp -- %std_flags
// RUN: FileCheck %s --check-prefix=FIXED < %t/roots.cpp
// RUN: %clangxx -fsyntax-only %std_flags %t/roots.cpp
// RUN: %corolint migrate --root=worker %t/roots.cpp -- %std_flags | FileCheck %s --check-prefix=AGAIN
//
// A root given a socket by its caller, and a method, are refused.
// RUN: %corolint migrate --root=poll_socket --root=Pump::run %s -- %std_flags | FileCheck %s --check-prefix=REFUSED

#include <asio.hpp>
#include <chrono>
#include <thread>

using asio::ip::tcp;

void poll_once(tcp::socket& s)
{
  char byte;
  asio::read(s, asio::buffer(&byte, 1));
}

void worker(unsigned short port, int rounds)
{
  asio::io_context io;
  tcp::socket s(io);
  s.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  for (int i = 0; i < rounds; ++i)
  {
    poll_once(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void poll_socket(tcp::socket& s)
{
  poll_once(s);
}

struct Pump
{
  tcp::socket* socket;
  void run() { poll_once(*socket); }
};

// PLAN: migration to asio: 3 functions become coroutines, 1 root bridged, 0 refused
// PLAN: root worker ({{.*}}roots.cpp:{{[0-9]+}}): its body becomes the coroutine 'async_worker', which 'worker' runs on 'io' with co_spawn
// PLAN-NEXT:   - 'asio::basic_socket::connect' (line {{[0-9]+}}) becomes its awaitable form
// PLAN-NEXT:   - 'std::this_thread::sleep_for' (line {{[0-9]+}}) becomes its awaitable form
// PLAN-NEXT:   - awaits 'poll_once'
// PLAN-NEXT:   poll_once ({{.*}}): becomes a coroutine
//
// FIXED: asio::awaitable<void> async_worker(asio::io_context& io, unsigned short port, int rounds)
// FIXED: co_await poll_once(s);
// FIXED: void worker(unsigned short port, int rounds)
// FIXED-NEXT: {
// FIXED-NEXT:   asio::io_context io;
// FIXED-NEXT:   asio::co_spawn(io, async_worker(io, port, rounds),
// FIXED:   io.run();
// FIXED-NEXT: }
//
// AGAIN: nothing to migrate
//
// REFUSED: refused (stays synchronous):
// REFUSED-DAG: poll_socket ({{.*}}): takes the asio object 's' from its caller: the bridge's io_context would not run it (make the caller the root)
// REFUSED-DAG: Pump::run ({{.*}}): a root must be a free function: its bridge takes its name and signature
// REFUSED-DAG: poll_once ({{.*}}): called by '{{poll_socket|Pump::run}}' ({{.*}}), which stays synchronous
