// Mock of cppcoro/cancellation_token.hpp for corolint tests: the upstream
// names and signatures, trivial bodies. A default-constructed token can never
// be cancelled.
#pragma once
#include <cppcoro/operation_cancelled.hpp>
#include <memory>

namespace cppcoro {
class cancellation_source;
namespace detail {
struct cancellation_state {
  bool requested = false;
};
} // namespace detail

class cancellation_token {
public:
  /// Construct to a cancellation token that can't be cancelled.
  cancellation_token() noexcept = default;
  cancellation_token(const cancellation_token &other) noexcept = default;
  cancellation_token(cancellation_token &&other) noexcept = default;
  ~cancellation_token() = default;
  cancellation_token &operator=(const cancellation_token &other) noexcept =
      default;
  cancellation_token &operator=(cancellation_token &&other) noexcept = default;
  void swap(cancellation_token &other) noexcept { state_.swap(other.state_); }

  bool can_be_cancelled() const noexcept { return state_ != nullptr; }
  bool is_cancellation_requested() const noexcept {
    return state_ && state_->requested;
  }
  /// Throws cppcoro::operation_cancelled if cancellation was requested.
  void throw_if_cancellation_requested() const {
    if (is_cancellation_requested())
      throw operation_cancelled{};
  }

private:
  friend class cancellation_source;
  explicit cancellation_token(
      std::shared_ptr<detail::cancellation_state> state) noexcept
      : state_(std::move(state)) {}
  std::shared_ptr<detail::cancellation_state> state_;
};
} // namespace cppcoro
