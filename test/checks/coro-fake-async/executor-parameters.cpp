// concurrencpp included as the project's own headers (-I, as the ecosystem
// sweep builds its examples): its executors share one type for blocking and
// CPU work, so a coroutine that hops onto executors it receives as
// parameters leaves the choice to its caller. A caller passing the CPU pool
// where the background executor belongs (main below swaps them) makes the
// read block a CPU thread: coro-blocking-call's finding, not an API
// presenting blocking work as asynchronous.
// RUN: %check_corolint %s coro-fake-async,coro-blocking-call %t -- %std_flags -I %inputs
#include <concurrencpp/concurrencpp.h>
#include <fstream>
#include <memory>
#include <string>

using pool_ptr = std::shared_ptr<concurrencpp::thread_pool_executor>;

concurrencpp::result<void> count_lines(pool_ptr background, pool_ptr cpu,
                                       std::string path) {
  co_await concurrencpp::resume_on(background);
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' (file I/O) in coroutine 'count_lines' stalls the executor thread; {{.*}} [coro-blocking-call]
  co_await concurrencpp::resume_on(cpu);
}

int main() {
  concurrencpp::runtime rt;
  count_lines(rt.thread_pool_executor(), rt.background_executor(), "a.txt")
      .get();
}
