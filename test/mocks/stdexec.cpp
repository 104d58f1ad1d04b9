// The stdexec mock headers compile realistic stdexec code; sync_wait's result
// type is std::optional<std::tuple<...>> as upstream.
// RUN: %clangxx %std_flags -fsyntax-only -I%inputs %s
// RUN: not %clangxx %std_flags -fsyntax-only -I%inputs -DBAD_RESULT_TYPE %s 2>&1 | FileCheck %s
// CHECK: error: no viable conversion from 'std::optional<{{.*}}>' (aka 'std::optional<std::tuple<int>>') to 'int'
#include <exec/async_scope.hpp>
#include <exec/static_thread_pool.hpp>
#include <exec/task.hpp>
#include <optional>
#include <stdexec/execution.hpp>
#include <tuple>
#include <type_traits>

static_assert(
    std::is_same_v<decltype(std::declval<exec::task<int>::promise_type &>()
                                .initial_suspend()),
                   std::suspend_always>,
    "exec::task is lazy");
static_assert(std::is_same_v<decltype(stdexec::sync_wait(stdexec::just(1))),
                             std::optional<std::tuple<int>>>);

exec::task<int> queryDb(int key) { co_return key + 1; }

exec::task<void> serve(exec::static_thread_pool::scheduler sched) {
  co_await stdexec::schedule(sched);
  int row = co_await queryDb(1);
  int echoed = co_await stdexec::just(row);
  co_await stdexec::just();
  int doubled = co_await (stdexec::just(echoed) |
                          stdexec::then([](int i) { return i * 2; }));
  (void)doubled;
}

int main() {
  exec::static_thread_pool pool(4);
  exec::async_scope scope;
  scope.spawn(
      stdexec::starts_on(pool.get_scheduler(), serve(pool.get_scheduler())));
  stdexec::start_detached(stdexec::just(1));
  exec::start_detached(serve(pool.get_scheduler()));
  stdexec::sync_wait(scope.on_empty());
  auto [v] = stdexec::sync_wait(queryDb(2)).value();
  std::optional<std::tuple<int>> r = stdexec::sync_wait(
      stdexec::then(stdexec::just(2), [](int i) { return i * 2; }));
#ifdef BAD_RESULT_TYPE
  int notAnInt = stdexec::sync_wait(stdexec::just(2));
#endif
  stdexec::run_loop loop;
  stdexec::sync_wait(stdexec::schedule(loop.get_scheduler()));
  return v + std::get<0>(*r);
}

// Stop tokens: a source, a callback, the token of a receiver's environment
// (never_stop_token when it has none).
struct TokenEnv {
  stdexec::inplace_stop_token token;
  stdexec::inplace_stop_token query(stdexec::get_stop_token_t) const noexcept {
    return token;
  }
};
struct TokenReceiver {
  TokenEnv env;
  TokenEnv get_env() const noexcept { return env; }
};
struct NoEnvReceiver {};
static_assert(std::is_same_v<decltype(stdexec::get_stop_token(
                                 stdexec::get_env(NoEnvReceiver{}))),
                             stdexec::never_stop_token>);
bool stop_tokens() {
  stdexec::inplace_stop_source source;
  TokenReceiver receiver{{source.get_token()}};
  auto st = stdexec::get_stop_token(stdexec::get_env(receiver));
  bool stopped = false;
  stdexec::inplace_stop_callback on_stop(st, [&] { stopped = true; });
  source.request_stop();
  return st.stop_requested() && stopped;
}

// Writing an environment: a sender run under prop{get_stop_token,
// never_stop_token{}} sees a token that is never stopped; the pipe form too;
// write_env's sender is awaitable in an exec::task.
static_assert(std::is_same_v<
              decltype(stdexec::get_stop_token(stdexec::prop{
                  stdexec::get_stop_token, stdexec::never_stop_token{}})),
              stdexec::never_stop_token>);
static_assert(
    std::is_same_v<decltype(stdexec::get_stop_token(stdexec::env{
                       stdexec::prop{stdexec::get_stop_token,
                                     stdexec::inplace_stop_token{}},
                       TokenEnv{}})),
                   stdexec::inplace_stop_token>);
exec::task<int> unstoppable_flush(stdexec::inplace_stop_token st) {
  int written = co_await stdexec::write_env(
      queryDb(3),
      stdexec::prop{stdexec::get_stop_token, stdexec::never_stop_token{}});
  co_await (stdexec::just() |
            stdexec::write_env(stdexec::prop{stdexec::get_stop_token, st}));
  co_return written;
}
