// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags
//
// asio 1.22 and Boost.Asio 1.81, real headers. An asio coroutine shares its
// cancellation state with every operation it awaits (asio binds the
// coroutine's cancellation slot to each one), so a loop of co_awaits can be
// cancelled without naming the state; what cannot is a loop that never
// awaits, and a slot handed to a function that lets it go.
#include <asio.hpp>
#include <boost/asio.hpp>
#include <chrono>
#include <thread>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

bool poll_sensor();
// Arms a watchdog; an unconnected slot means it can never be cancelled.
void arm_watchdog(asio::steady_timer &timer,
                  asio::cancellation_slot slot = {});

// --- Reported ----------------------------------------------------------------

// The state is read once; then a loop that never awaits, nor looks again.
awaitable<void> sample() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none)
    co_return;
  for (;;) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'cs' nor passes it on: it runs until the process ends and cancelling 'sample' cannot stop it [coro-dropped-cancellation]
    if (poll_sensor())
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// A slot given to the function, dropped on the way to the watchdog.
void start_watchdog(asio::steady_timer &timer, asio::cancellation_slot slot) {
  arm_watchdog(timer);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'arm_watchdog' accepts a cancellation token but none is passed: cancelling 'start_watchdog' does not reach it; pass 'slot' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  arm_watchdog(timer, slot);
}

// A slot parameter nobody uses.
void on_accept(tcp::socket &socket, asio::cancellation_slot slot) {
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: cancellation token 'slot' is never used: {{.*}}
  socket.close();
}

// Boost.Asio's spelling.
boost::asio::awaitable<void> boost_sample() {
  auto cs = co_await boost::asio::this_coro::cancellation_state;
  if (cs.cancelled() != boost::asio::cancellation_type::none)
    co_return;
  while (true)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never checks 'cs' nor passes it on: it runs until {{.*}}
    poll_sensor();
}

// --- Not reported --------------------------------------------------------------

// Every iteration awaits an operation, which carries the coroutine's slot.
awaitable<void> echo(tcp::socket socket) {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none)
    co_return;
  char data[1024];
  for (;;) {
    std::size_t n = co_await socket.async_read_some(asio::buffer(data),
                                                    use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

// The loop asks the state each time.
awaitable<void> sample_politely() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  while (cs.cancelled() == asio::cancellation_type::none)
    poll_sensor();
}

// The slot is bound to an operation.
void wait_cancellably(asio::steady_timer &timer,
                      asio::cancellation_slot slot) {
  timer.async_wait(
      asio::bind_cancellation_slot(slot, [](std::error_code) {}));
  arm_watchdog(timer, slot);
}

// An asio coroutine that never asks for its state: nothing to pass on
// explicitly, and what it awaits is cancelled with it.
awaitable<void> session(tcp::socket socket) {
  char data[16];
  while (true)
    co_await socket.async_read_some(asio::buffer(data), use_awaitable);
}
