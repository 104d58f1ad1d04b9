// Defaults: the 'lock' category is off, user APIs are unknown.
// RUN: %check_corolint -check-suffix=DEFAULT %s coro-blocking-call %t -- %std_flags
//
// BlockingFunctions adds APIs (with a category), AllowedFunctions removes
// them, Categories selects which are reported, AsyncReplacements teaches a
// rewrite, Interprocedural=false keeps to direct calls.
// RUN: %check_corolint -check-suffix=CONFIGURED %s coro-blocking-call %t \
// RUN:   -config="{CheckOptions: { \
// RUN:     coro-blocking-call.BlockingFunctions: 'legacy::Db::query=database;legacy::flush_metrics', \
// RUN:     coro-blocking-call.AllowedFunctions: 'std::this_thread::sleep_for', \
// RUN:     coro-blocking-call.Categories: 'database;lock;file', \
// RUN:     coro-blocking-call.AsyncReplacements: 'legacy::Db::query=co_await {recv}async_query({lead}{token})', \
// RUN:     coro-blocking-call.Interprocedural: false}}" \
// RUN:   -- %std_flags
#include <asio.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace legacy {
struct Db {
  std::string query(const std::string &sql);
  template <typename Token> auto async_query(const std::string &sql, Token &&t) {
    return asio::async_initiate<Token, void(std::error_code, std::string)>(
        [](auto handler, std::string) {
          std::move(handler)(std::error_code(), std::string());
        },
        t, sql);
  }
};
void flush_metrics();
} // namespace legacy

std::mutex stats_mutex;
int hits;

// Annotated by the library author: found with no configuration.
[[clang::annotate("corolint::blocking:database")]] int
legacy_count_rows(const char *table);
// A library may also declare a catalogued name harmless in its own build.
namespace fastio {
[[clang::annotate("corolint::nonblocking")]] void flush_metrics();
}

static void touch_file() { std::fopen("/tmp/x", "w"); }

asio::awaitable<void> handler(legacy::Db &db) {
  std::string rows = db.query("select 1");
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:22: warning: blocking call to 'legacy::Db::query' (database round trip)
  // CHECK-FIXES-CONFIGURED: std::string rows = co_await db.async_query("select 1", asio::use_awaitable);
  legacy::flush_metrics();
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:3: warning: blocking call to 'legacy::flush_metrics' (annotated)
  fastio::flush_metrics();
  legacy_count_rows("users");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'legacy_count_rows' (database round trip)
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-2]]:3: warning: blocking call to 'legacy_count_rows' (database round trip)
  {
    std::lock_guard<std::mutex> lock(stats_mutex);
    // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:33: warning: blocking call to 'std::lock_guard::lock_guard' (lock acquisition)
    ++hits;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' (sleep)
  // CHECK-FIXES-DEFAULT: co_await asio::steady_timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1)).async_wait(asio::use_awaitable);
  touch_file();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: call to 'touch_file' in coroutine 'handler' blocks the executor thread: it reaches 'fopen' (file I/O)
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-22]]:28: note: 'fopen' blocks here
  co_return;
}
