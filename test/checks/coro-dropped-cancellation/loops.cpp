// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags -I%inputs
//
// Which loops suspend on every iteration (CoroutineFlow's
// suspendsOnEveryIteration: every path around the loop's back edge passes a
// co_await or co_yield), in cppcoro coroutines whose token is explicit: such
// a loop that never names the token cannot be cancelled between iterations.
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/io_service.hpp>
#include <cppcoro/task.hpp>
#include <chrono>
#include <vector>

using namespace std::chrono_literals;

struct Item {
  int id;
};
cppcoro::task<void> upload(Item item);
cppcoro::task<std::vector<Item>> fetch_all();
bool more();
bool urgent();

// --- Reported ----------------------------------------------------------------

// A do-while whose body awaits.
cppcoro::task<void> drain(cppcoro::io_service &io,
                          cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  do {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration and cancelling 'drain' cannot stop it [coro-dropped-cancellation]
    co_await io.schedule();
  } while (more());
}

// A range-for over a batch: each upload is awaited, none can be stopped.
cppcoro::task<void> upload_all(std::vector<Item> batch,
                               cppcoro::cancellation_token ct) {
  if (ct.is_cancellation_requested())
    co_return;
  for (const Item &item : batch)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration {{.*}}
    co_await upload(item);
}

// The await is in the condition.
cppcoro::task<void> refill(std::vector<Item> &out,
                           cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  while ((co_await fetch_all()).size() > 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' {{.*}}
    out.push_back(Item{0});
}

// Only the outermost of nested loops is reported.
cppcoro::task<void> rounds(cppcoro::io_service &io,
                           cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  while (more()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' {{.*}}
    co_await io.schedule();
    while (more())
      co_await io.schedule();
  }
}

// Both branches await: every path around the loop suspends.
cppcoro::task<void> alternate(cppcoro::io_service &io,
                              cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  while (more()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration {{.*}}
    if (urgent())
      co_await io.schedule();
    else
      co_await upload(Item{1});
  }
}

// A break before the await leaves the loop: every iteration that comes
// round again has suspended.
cppcoro::task<void> upload_until_invalid(std::vector<Item> batch,
                                         cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  for (const Item &item : batch) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration {{.*}}
    if (item.id == 0)
      break;
    co_await upload(item);
  }
}

// --- Not reported --------------------------------------------------------------

// A continue before the await comes round again without suspending.
cppcoro::task<void> upload_valid(std::vector<Item> batch,
                                 cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  for (const Item &item : batch) {
    if (item.id == 0)
      continue;
    co_await upload(item);
  }
}

// Only one branch awaits.
cppcoro::task<void> maybe_yield(cppcoro::io_service &io,
                                cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  while (more())
    if (urgent())
      co_await io.schedule();
}

// A retry loop whose back-off drops the token: the call is the finding, and
// its fix makes the loop cancellable.
cppcoro::task<void> retry(cppcoro::io_service &io,
                          cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  for (int attempt = 0; attempt < 3; ++attempt)
    co_await io.schedule_after(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'cppcoro::io_service::schedule_after' accepts a cancellation token but none is passed: {{.*}}
  // CHECK-FIXES: {{^}}    co_await io.schedule_after(10ms, ct);
}

// The range is awaited once; the body does not suspend.
cppcoro::task<int> total(cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  int sum = 0;
  for (const Item &item : co_await fetch_all())
    sum += item.id;
  co_return sum;
}

// The inner loop may run zero times: the outer one does not suspend on
// every iteration, and it ends.
cppcoro::task<void> batches(cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  while (more()) {
    std::vector<Item> items;
    for (const Item &item : items)
      if (item.id > 0)
        co_await upload(item);
  }
}

// A loop in a lambda belongs to the lambda, which has no token.
cppcoro::task<void> later(cppcoro::io_service &io,
                          cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  auto spin = [&io]() -> cppcoro::task<void> {
    while (more())
      co_await io.schedule();
  };
  co_await spin();
}

// --- Templates -------------------------------------------------------------------

// An instantiated template is answered on its instantiation's control flow,
// once: the continue is seen there.
template <typename Batch>
cppcoro::task<void> upload_valid_of(Batch batch,
                                    cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  for (const Item &item : batch) {
    if (item.id == 0)
      continue;
    co_await upload(item);
  }
}
template <typename Batch>
cppcoro::task<void> upload_all_of(Batch batch,
                                  cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  for (const Item &item : batch)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration and cancelling 'upload_all_of' cannot stop it [coro-dropped-cancellation]
    co_await upload(item);
}
cppcoro::task<void> upload_batches(std::vector<Item> batch,
                                   cppcoro::cancellation_token ct) {
  co_await upload_valid_of(batch, ct);
  co_await upload_all_of(batch, ct);
}

// A template never instantiated is answered from its statements.
template <typename Batch>
cppcoro::task<void> upload_later(Batch batch,
                                 cppcoro::cancellation_token ct) {
  ct.throw_if_cancellation_requested();
  for (const auto &item : batch)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'ct' nor passes it on: it suspends on every iteration and cancelling 'upload_later' cannot stop it [coro-dropped-cancellation]
    co_await upload(item);
}
