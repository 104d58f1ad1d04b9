// Mock of stdexec/execution.hpp (NVIDIA stdexec, the P2300 reference) for
// corolint tests: the upstream names and signatures, trivial bodies. Senders
// here carry their values eagerly; what matters is that the types are right:
// sync_wait returns std::optional<std::tuple<Values...>>, start_detached
// returns void, and as upstream both are customisation point objects.
#pragma once
#include <functional>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace stdexec {
struct sender_t {};

template <typename S>
concept sender = requires { typename std::remove_cvref_t<S>::sender_concept; };

namespace __detail {
// A sender that completes with Values...; __values is what sync_wait
// returns inside its optional.
template <typename... Values> struct __value_sender {
  using sender_concept = sender_t;
  using __values = std::tuple<Values...>;
  std::tuple<Values...> __vals;
  __values __get() && { return std::move(__vals); }
};

template <typename F, typename Tuple> auto __apply_then(F &f, Tuple &&t) {
  using R = decltype(std::apply(f, std::forward<Tuple>(t)));
  if constexpr (std::is_void_v<R>) {
    std::apply(f, std::forward<Tuple>(t));
    return __value_sender<>{};
  } else {
    return __value_sender<R>{{std::apply(f, std::forward<Tuple>(t))}};
  }
}

template <typename F> struct __then_closure {
  F __f;
  template <sender S> friend auto operator|(S &&s, __then_closure c) {
    return __apply_then(c.__f, std::forward<S>(s).__get());
  }
};
} // namespace __detail

struct just_t {
  template <typename... Ts> auto operator()(Ts &&...values) const {
    return __detail::__value_sender<std::decay_t<Ts>...>{
        {std::forward<Ts>(values)...}};
  }
};
inline constexpr just_t just{};

struct then_t {
  template <sender S, typename F> auto operator()(S &&s, F f) const {
    return __detail::__apply_then(f, std::forward<S>(s).__get());
  }
  template <typename F> auto operator()(F f) const {
    return __detail::__then_closure<F>{std::move(f)};
  }
};
inline constexpr then_t then{};

struct schedule_t {
  template <typename Scheduler> auto operator()(Scheduler &&sched) const {
    return sched.schedule();
  }
};
inline constexpr schedule_t schedule{};

struct starts_on_t {
  template <typename Scheduler, sender S>
  auto operator()(Scheduler &&, S &&s) const {
    return std::forward<S>(s);
  }
};
inline constexpr starts_on_t starts_on{};

namespace __sync_wait {
struct sync_wait_t {
  /// Blocks the calling thread until the sender completes; an empty
  /// optional means it was stopped.
  template <sender S>
  auto operator()(S &&s) const
      -> std::optional<typename std::remove_cvref_t<S>::__values> {
    return std::forward<S>(s).__get();
  }
};
} // namespace __sync_wait
using __sync_wait::sync_wait_t;
inline constexpr sync_wait_t sync_wait{};

namespace __sync_wait {
struct sync_wait_with_variant_t {
  /// Blocks like sync_wait, for senders with several completion signatures.
  template <sender S> auto operator()(S &&s) const {
    return sync_wait_t{}(std::forward<S>(s));
  }
};
} // namespace __sync_wait
using __sync_wait::sync_wait_with_variant_t;
inline constexpr sync_wait_with_variant_t sync_wait_with_variant{};

namespace __start_detached {
struct start_detached_t {
  /// Starts the sender and lets it go: nobody observes its completion.
  template <sender S> void operator()(S &&s) const {
    (void)std::forward<S>(s).__get();
  }
};
} // namespace __start_detached
using __start_detached::start_detached_t;
inline constexpr start_detached_t start_detached{};

class run_loop {
public:
  struct __scheduler {
    run_loop *__loop;
    __detail::__value_sender<> schedule() const noexcept { return {}; }
    bool operator==(const __scheduler &) const = default;
  };
  __scheduler get_scheduler() noexcept { return {this}; }
  void run() {}
  void finish() {}
};
} // namespace stdexec

// Older code spells the detached start exec::start_detached.
namespace exec {
using stdexec::start_detached;
} // namespace exec
