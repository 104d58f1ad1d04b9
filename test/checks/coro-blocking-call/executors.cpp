// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags -isystem %inputs
//
// Where a coroutine runs decides whether blocking starves anything:
// - after co_await concurrencpp::resume_on(runtime.background_executor()),
//   the pool concurrencpp provides for blocking I/O, blocking is its purpose
//   (also through a parameter every call passes that executor); after a hop
//   onto the CPU thread pool, or a hop that is not awaited, it is not;
// - in async_simple, the branch taken when `co_await CurrentExecutor()` is
//   null runs inline on the caller's thread (async_simple's own sleep does
//   this); the branch with an executor does not.
#include <async_simple/Executor.h>
#include <async_simple/coro/Lazy.h>
#include <chrono>
#include <concurrencpp/concurrencpp.h>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

using pool_ptr = std::shared_ptr<concurrencpp::thread_pool_executor>;

concurrencpp::result<void> save_report(pool_ptr background, pool_ptr cpu,
                                       std::string path) {
  co_await concurrencpp::resume_on(background);
  std::ofstream out(path); // the blocking pool: fine
  co_await concurrencpp::resume_on(cpu);
  std::ofstream again(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ofstream::basic_ofstream' (file I/O) in coroutine 'save_report' stalls the executor thread
}

concurrencpp::result<void> load_on(const concurrencpp::runtime &rt,
                                   std::string path) {
  co_await concurrencpp::resume_on(rt.background_executor());
  std::ifstream in(path);
}

concurrencpp::result<void> load_on_cpu_pool(const concurrencpp::runtime &rt,
                                            std::string path) {
  co_await concurrencpp::resume_on(rt.thread_pool_executor());
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' (file I/O) in coroutine 'load_on_cpu_pool' stalls the executor thread
}

concurrencpp::result<void> forgot_to_await(pool_ptr background,
                                           std::string path) {
  concurrencpp::resume_on(background); // not awaited: still where it was
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' (file I/O) in coroutine 'forgot_to_await' stalls the executor thread
  co_return;
}

int main() {
  concurrencpp::runtime rt;
  save_report(rt.background_executor(), rt.thread_pool_executor(), "r.txt")
      .get();
  forgot_to_await(rt.background_executor(), "r.txt").get();
  load_on(rt, "r.txt").get();
  load_on_cpu_pool(rt, "r.txt").get();
}

// save_report's second parameter is not always a blocking pool.
concurrencpp::result<void> copy_file(pool_ptr io, std::string path) {
  co_await concurrencpp::resume_on(io);
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'std::basic_ifstream::basic_ifstream' (file I/O) in coroutine 'copy_file' stalls the executor thread
}

void copy_both(const concurrencpp::runtime &rt) {
  copy_file(rt.background_executor(), "a").get();
  copy_file(rt.thread_pool_executor(), "b").get();
}

async_simple::coro::Lazy<void> pause(std::chrono::milliseconds d) {
  async_simple::Executor *ex = co_await async_simple::CurrentExecutor();
  if (!ex) {
    std::this_thread::sleep_for(d);
    co_return;
  }
  std::this_thread::sleep_for(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'pause' stalls the executor thread
}
