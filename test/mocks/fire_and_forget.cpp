// The winrt and drogon mock headers: fire-and-forget coroutine types never
// suspend initially and give the caller nothing to await.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
// RUN: not %clangxx %std_flags -fsyntax-only -I%inputs -DBAD_AWAIT_FIRE_AND_FORGET %s 2>&1 | FileCheck %s
// CHECK: error: no member named 'await_ready' in 'drogon::AsyncTask'
#include <drogon/utils/coroutine.h>
#include <type_traits>
#include <winrt/base.h>

using WinrtPromise =
    std::coroutine_traits<winrt::fire_and_forget, int>::promise_type;
static_assert(
    std::is_same_v<decltype(std::declval<WinrtPromise &>().initial_suspend()),
                   std::suspend_never>);
static_assert(
    std::is_same_v<decltype(std::declval<drogon::AsyncTask::promise_type &>()
                                .initial_suspend()),
                   std::suspend_never>);

winrt::fire_and_forget onButtonClicked(int id) {
  (void)id;
  co_await winrt::resume_background();
}
drogon::Task<int> loadProfile() { co_return 7; }
drogon::AsyncTask refreshCache() {
  int profile = co_await loadProfile();
  (void)profile;
}

#ifdef BAD_AWAIT_FIRE_AND_FORGET
drogon::Task<void> waitForIt() { co_await refreshCache(); }
#endif

int main() {
  onButtonClicked(1);
  refreshCache();
  drogon::async_run([]() -> drogon::Task<> { co_return; });
  return drogon::sync_wait(loadProfile());
}
