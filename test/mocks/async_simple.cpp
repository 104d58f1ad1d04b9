// The async_simple mock headers compile realistic async_simple code; a Lazy
// is awaited as an rvalue, as upstream.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
// RUN: not %clangxx %std_flags -fsyntax-only -I%inputs -DBAD_LVALUE_AWAIT %s 2>&1 | FileCheck %s
// CHECK: error: no member named 'await_ready' in 'async_simple::coro::Lazy<int>'
#include <async_simple/coro/Lazy.h>
#include <async_simple/executors/SimpleExecutor.h>
#include <type_traits>

using async_simple::coro::Lazy;
static_assert(std::is_same_v<decltype(std::declval<Lazy<int>::promise_type &>()
                                          .initial_suspend()),
                             std::suspend_always>);

Lazy<int> readBlock(int n) { co_return n * 512; }

Lazy<void> copyFile() {
  int first = co_await readBlock(0);
  auto next = readBlock(1);
  int second = co_await std::move(next);
#ifdef BAD_LVALUE_AWAIT
  auto third = readBlock(2);
  co_await third;
#endif
  (void)(first + second);
}

int main() {
  async_simple::executors::SimpleExecutor ex(2);
  copyFile().via(&ex).start([](async_simple::Try<void> t) {
    if (t.hasError())
      std::rethrow_exception(t.getException());
  });
  async_simple::coro::syncAwait(copyFile());
  return async_simple::coro::syncAwait(readBlock(1), &ex);
}
