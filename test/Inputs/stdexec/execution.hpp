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

// --- Stop tokens (upstream stdexec/stop_token.hpp) -------------------------
class inplace_stop_source;

class inplace_stop_token {
public:
  /// A token with no source: stop can never be requested.
  inplace_stop_token() noexcept = default;
  bool stop_requested() const noexcept;
  bool stop_possible() const noexcept { return __source_ != nullptr; }
  bool operator==(const inplace_stop_token &) const noexcept = default;

private:
  friend class inplace_stop_source;
  explicit inplace_stop_token(const inplace_stop_source *s) noexcept
      : __source_(s) {}
  const inplace_stop_source *__source_ = nullptr;
};

class inplace_stop_source {
public:
  inplace_stop_source() noexcept = default;
  inplace_stop_source(const inplace_stop_source &) = delete;
  inplace_stop_token get_token() const noexcept {
    return inplace_stop_token(this);
  }
  bool request_stop() noexcept { return !std::exchange(__stopped_, true); }
  bool stop_requested() const noexcept { return __stopped_; }

private:
  bool __stopped_ = false;
};

inline bool inplace_stop_token::stop_requested() const noexcept {
  return __source_ && __source_->stop_requested();
}

template <typename Callback> class inplace_stop_callback {
public:
  template <typename C>
  explicit inplace_stop_callback(inplace_stop_token token, C &&cb) noexcept
      : __token_(token), __cb_(std::forward<C>(cb)) {}
  inplace_stop_callback(const inplace_stop_callback &) = delete;

private:
  inplace_stop_token __token_;
  Callback __cb_;
};
template <typename Callback>
inplace_stop_callback(inplace_stop_token, Callback)
    -> inplace_stop_callback<Callback>;

/// The token of an environment that offers none: stop is never requested.
struct never_stop_token {
  static constexpr bool stop_requested() noexcept { return false; }
  static constexpr bool stop_possible() noexcept { return false; }
  bool operator==(const never_stop_token &) const noexcept = default;
};

// --- Environments and queries -----------------------------------------------
struct empty_env {};

struct get_env_t {
  template <typename T> decltype(auto) operator()(const T &t) const noexcept {
    if constexpr (requires { t.get_env(); })
      return t.get_env();
    else
      return empty_env{};
  }
};
inline constexpr get_env_t get_env{};

struct get_stop_token_t {
  /// The environment's stop token, or never_stop_token when it has none.
  template <typename Env> auto operator()(const Env &env) const noexcept {
    if constexpr (requires { env.query(get_stop_token_t{}); })
      return env.query(get_stop_token_t{});
    else
      return never_stop_token{};
  }
};
inline constexpr get_stop_token_t get_stop_token{};

template <typename S>
concept sender = requires { typename std::remove_cvref_t<S>::sender_concept; };

// --- Writing an environment (upstream __env.hpp, __write_env.hpp) ------------
/// An environment with one property: query(Query) answers Value.
template <typename Query, typename Value> struct prop {
  Query __query;
  Value __value;
  constexpr const Value &query(Query) const noexcept { return __value; }
};
template <typename Query, typename Value>
prop(Query, Value) -> prop<Query, Value>;

/// Environments joined: a query is answered by the first one that can.
template <typename... Envs> struct env {
  std::tuple<Envs...> __envs;
  constexpr env(Envs... envs) : __envs(std::move(envs)...) {}

  template <typename Query>
    requires(requires(const Envs &e) { e.query(Query{}); } || ...)
  constexpr decltype(auto) query(Query q) const noexcept {
    return __answer<0>(q);
  }

private:
  template <std::size_t I, typename Query>
  constexpr decltype(auto) __answer(Query q) const noexcept {
    if constexpr (requires { std::get<I>(__envs).query(q); })
      return std::get<I>(__envs).query(q);
    else
      return __answer<I + 1>(q);
  }
};
template <typename... Envs> env(Envs...) -> env<Envs...>;

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

namespace __write {
// The sender write_env returns: connected, its operation sees Env in front
// of the receiver's environment (a stop token Env answers replaces the
// receiver's).
template <typename S, typename Env> struct __sender {
  using sender_concept = sender_t;
  using __values = typename std::remove_cvref_t<S>::__values;
  S __sndr;
  Env __env;
  __values __get() && { return std::move(__sndr).__get(); }
};

template <typename Env> struct __closure {
  Env __env;
  template <sender S> friend auto operator|(S &&s, __closure c) {
    return __sender<std::remove_cvref_t<S>, Env>{std::forward<S>(s),
                                                 std::move(c.__env)};
  }
};

struct write_env_t {
  template <sender S, typename Env> auto operator()(S &&s, Env env) const {
    return __sender<std::remove_cvref_t<S>, Env>{std::forward<S>(s),
                                                 std::move(env)};
  }
  template <typename Env> auto operator()(Env env) const {
    return __closure<Env>{std::move(env)};
  }
};
} // namespace __write
using __write::write_env_t;
inline constexpr write_env_t write_env{};

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
