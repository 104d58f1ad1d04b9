// Mock of cppcoro/cancellation_source.hpp for corolint tests.
#pragma once
#include <cppcoro/cancellation_token.hpp>

namespace cppcoro {
class cancellation_source {
public:
  cancellation_source()
      : state_(std::make_shared<detail::cancellation_state>()) {}
  bool can_be_cancelled() const noexcept { return true; }
  cancellation_token token() const noexcept {
    return cancellation_token(state_);
  }
  void request_cancellation() { state_->requested = true; }
  bool is_cancellation_requested() const noexcept { return state_->requested; }

private:
  std::shared_ptr<detail::cancellation_state> state_;
};
} // namespace cppcoro
