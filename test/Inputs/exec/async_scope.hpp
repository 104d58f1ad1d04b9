// Mock of exec/async_scope.hpp (stdexec) for corolint tests.
#pragma once
#include <stdexec/execution.hpp>
#include <utility>

namespace exec {
/// Owns senders started with spawn(); on_empty() completes when all did.
class async_scope {
public:
  async_scope() noexcept = default;
  async_scope(const async_scope &) = delete;

  template <stdexec::sender S> void spawn(S &&s) {
    (void)std::forward<S>(s).__get();
  }
  template <stdexec::sender S> auto spawn_future(S &&s) {
    return std::forward<S>(s);
  }
  stdexec::__detail::__value_sender<> on_empty() const noexcept { return {}; }
  void request_stop() noexcept {}
};
} // namespace exec
