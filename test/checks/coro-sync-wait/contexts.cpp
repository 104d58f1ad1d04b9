// RUN: %check_corolint %s coro-sync-wait %t -- %std_flags -I%inputs
// Where a sync wait is and is not in an async context, and where a fix-it
// is not offered: templates, macros, other frameworks.
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <drogon/utils/coroutine.h>
#include <future>
#include <optional>
#include <stdexec/execution.hpp>
#include <thread>
#include <tuple>
#include <vector>

// The C++26 spelling; libstdc++ 12 does not have it yet.
namespace std::this_thread {
struct sync_wait_t {
  template <stdexec::sender S> auto operator()(S &&s) const {
    return stdexec::sync_wait(static_cast<S &&>(s));
  }
};
inline constexpr sync_wait_t sync_wait{};
} // namespace std::this_thread

cppcoro::task<int> answer() { co_return 42; }
drogon::Task<int> loadProfile() { co_return 7; }

#define WAIT_FOR(task) cppcoro::sync_wait(task)

// --- positives ---------------------------------------------------------------

cppcoro::task<int> viaMacro() {
  int v = WAIT_FOR(answer());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'viaMacro' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int v = WAIT_FOR(answer());
  co_return v;
}

template <typename T> cppcoro::task<T> relay(cppcoro::task<T> inner) {
  // Reported once per instantiation site; not rewritten, since the rewrite
  // is only checked against one set of template arguments.
  T value = cppcoro::sync_wait(inner);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'relay' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: T value = cppcoro::sync_wait(inner);
  co_return value;
}
cppcoro::task<int> relayed() { return relay(answer()); }

drogon::Task<int> profileHandler() {
  // drogon::sync_wait has no rewrite in the catalog: reported only.
  int profile = drogon::sync_wait(loadProfile());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: sync-over-async: 'drogon::sync_wait' in coroutine 'profileHandler' runs the awaited work to completion while holding the executor thread, and deadlocks if that work needs this thread; co_await the task instead [coro-sync-wait]
  co_return profile;
}

cppcoro::task<void> standardSpelling() {
  std::this_thread::sync_wait(stdexec::just());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: sync-over-async: 'std::this_thread::sync_wait' in coroutine 'standardSpelling' {{.*}}; co_await the sender from a coroutine task instead [coro-sync-wait]
  co_return;
}

cppcoro::task<int> inLambdas() {
  // A coroutine lambda is a coroutine of its own.
  auto handler = [](std::future<int> f) -> cppcoro::task<int> {
    co_return f.get();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: sync-over-async: 'std::future::get' in coroutine lambda {{.*}} [coro-sync-wait]
  };
  // A lambda invoked on the spot runs here.
  int now = [] { return cppcoro::sync_wait(answer()); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'inLambdas' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: int now = [] { return cppcoro::sync_wait(answer()); }();
  (void)handler;
  co_return now;
}

cppcoro::task<int> cachedOnce() {
  // co_await is ill-formed in a static initialiser: reported, not rewritten.
  static int cached = cppcoro::sync_wait(answer());
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: sync-over-async: 'cppcoro::sync_wait' in coroutine 'cachedOnce' {{.*}} [coro-sync-wait]
  // CHECK-FIXES: static int cached = cppcoro::sync_wait(answer());
  co_return cached;
}

// --- negatives ---------------------------------------------------------------

cppcoro::task<int> handsOff(std::vector<std::thread> &threads,
                            std::shared_ptr<std::future<int>> shared) {
  threads.emplace_back([] { cppcoro::sync_wait(answer()); });
  threads.emplace_back([shared] { (void)shared->get(); });
  auto later = [] { return cppcoro::sync_wait(answer()); };
  (void)later;
  // Unevaluated operands do not run.
  using Result = decltype(cppcoro::sync_wait(answer()));
  static_assert(sizeof(cppcoro::sync_wait(answer())) == sizeof(int));
  co_return Result{};
}

struct Optionalish {
  std::optional<int> cached;
  int get() const { return cached.value_or(0); }
};

cppcoro::task<int> lookalikes(Optionalish o, std::tuple<int> t) {
  co_return o.get() + std::get<0>(t);
}

int main() {
  std::this_thread::sync_wait(stdexec::just());
  int v = cppcoro::sync_wait(relayed()) + cppcoro::sync_wait(inLambdas());
  return v + drogon::sync_wait(profileHandler());
}
