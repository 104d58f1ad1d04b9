// RUN: %check_corolint %s coro-dropped-cancellation %t -- %std_flags
//
// asio::co_spawn of a child from a cancellable coroutine, on the real asio
// 1.22 and Boost.Asio 1.81 headers. co_spawn cancels the child only through
// the cancellation slot associated with its completion token: an awaited
// token (use_awaitable, as_tuple(use_awaitable)) carries the awaiting coroutine's slot, a
// bound token (bind_cancellation_slot) its own, and `detached` or a lambda
// none, so nothing can cancel the child. That is reported where the parent
// declares a token of its own — it reads its cancellation state or takes a
// slot — and so expects to be cancelled; a coroutine that never looks at its
// cancellation leaves its children's to whoever owns them.
#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <boost/asio.hpp>
#include <exception>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

awaitable<void> session(tcp::socket socket);
awaitable<void> report_failure(std::exception_ptr error);
awaitable<void> heartbeat(asio::cancellation_slot slot);
boost::asio::awaitable<void> boost_session(boost::asio::ip::tcp::socket s);

// --- Reported ----------------------------------------------------------------

// The listener stops when cancelled; the sessions it started do not, and
// nothing can stop them.
awaitable<void> listener(tcp::acceptor acceptor) {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  while (cs.cancelled() == asio::cancellation_type::none) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)),
                   asio::detached);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: 'asio::co_spawn' starts 'session' with a completion token that has no cancellation slot: cancelling 'listener' does not reach it, and nothing else can; co_await it (use_awaitable), or bind the slot of a cancellation signal that 'listener' emits when it is cancelled ('asio::bind_cancellation_slot') [coro-dropped-cancellation]
  }
}

// A lambda completion handler has no slot either; a lambda child is named
// as the coroutine.
awaitable<void> supervisor(tcp::acceptor acceptor) {
  auto cs = co_await asio::this_coro::cancellation_state;
  for (;;) {
    if (cs.cancelled() != asio::cancellation_type::none)
      co_return;
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(
        acceptor.get_executor(),
        [s = std::move(socket)]() mutable -> awaitable<void> {
          co_await session(std::move(s));
        },
        [](std::exception_ptr error) {
          if (error)
            std::rethrow_exception(error);
        });
    // CHECK-MESSAGES: :[[@LINE-9]]:5: warning: 'asio::co_spawn' starts its coroutine with a completion token that has no cancellation slot: cancelling 'supervisor' does not reach it, {{.*}}
  }
}

// A function given a slot binds it: the fix.
void start_session(tcp::socket socket, asio::cancellation_slot slot) {
  auto executor = socket.get_executor();
  asio::co_spawn(executor, session(std::move(socket)), asio::detached);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'asio::co_spawn' starts 'session' with a completion token that has no cancellation slot: cancelling 'start_session' does not reach it, and nothing else can; bind 'slot' to the token with 'asio::bind_cancellation_slot' [coro-dropped-cancellation]
  // CHECK-FIXES: {{^}}  asio::co_spawn(executor, session(std::move(socket)), asio::bind_cancellation_slot(slot, asio::detached));
}

// Boost.Asio's spelling.
boost::asio::awaitable<void>
boost_listener(boost::asio::ip::tcp::acceptor acceptor) {
  auto cs = co_await boost::asio::this_coro::cancellation_state;
  while (cs.cancelled() == boost::asio::cancellation_type::none) {
    auto socket = co_await acceptor.async_accept(boost::asio::use_awaitable);
    boost::asio::co_spawn(acceptor.get_executor(),
                          boost_session(std::move(socket)),
                          boost::asio::detached);
    // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'boost::asio::co_spawn' starts 'boost_session' {{.*}} ('boost::asio::bind_cancellation_slot') [coro-dropped-cancellation]
  }
}

// --- Not reported --------------------------------------------------------------

// Awaited: the child is cancelled with the coroutine awaiting it.
awaitable<void> serve_one(tcp::acceptor &acceptor) {
  auto cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none)
    co_return;
  tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
  co_await asio::co_spawn(acceptor.get_executor(), session(std::move(socket)),
                          use_awaitable);
}

// Bound to the slot of a signal the coroutine owns and emits.
awaitable<void> guarded_listener(tcp::acceptor acceptor,
                                 asio::cancellation_signal &stop_sessions) {
  auto cs = co_await asio::this_coro::cancellation_state;
  while (cs.cancelled() == asio::cancellation_type::none) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(
        acceptor.get_executor(), session(std::move(socket)),
        asio::bind_cancellation_slot(stop_sessions.slot(), asio::detached));
  }
  stop_sessions.emit(asio::cancellation_type::terminal);
}

// The child is given the slot itself.
void start_heartbeat(asio::io_context &io, asio::cancellation_slot slot) {
  asio::co_spawn(io, heartbeat(slot), asio::detached);
}

// A coroutine that never reads its cancellation state: whether its sessions
// outlive it is coro-detached-task's question, not this one.
awaitable<void> plain_listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)),
                   asio::detached);
  }
}

// Reporting a failure from a catch block must happen even when cancelled.
awaitable<void> resilient(tcp::socket socket) {
  auto cs = co_await asio::this_coro::cancellation_state;
  auto executor = socket.get_executor();
  try {
    if (cs.cancelled() == asio::cancellation_type::none)
      co_await session(std::move(socket));
  } catch (...) {
    asio::co_spawn(executor, report_failure(std::current_exception()),
                   asio::detached);
  }
}

// Awaited through a token adapter: still the awaiting coroutine's slot.
awaitable<bool> try_serve(tcp::acceptor &acceptor) {
  auto cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none)
    co_return false;
  tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
  auto [error] = co_await asio::co_spawn(
      acceptor.get_executor(), session(std::move(socket)),
      asio::experimental::as_tuple(use_awaitable));
  co_return !error;
}
