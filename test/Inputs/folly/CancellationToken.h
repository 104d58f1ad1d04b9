// Mock of folly/CancellationToken.h for corolint tests: the upstream names and
// signatures (CancellationToken, CancellationSource, CancellationCallback),
// trivial bodies. A default-constructed token can never be cancelled.
#pragma once
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace folly {
namespace detail {
struct CancellationState {
  bool requested = false;
};
} // namespace detail

class CancellationToken {
public:
  /// A token that will never have cancellation requested.
  CancellationToken() noexcept = default;
  CancellationToken(const CancellationToken &other) noexcept = default;
  CancellationToken(CancellationToken &&other) noexcept = default;
  CancellationToken &operator=(const CancellationToken &other) noexcept =
      default;
  CancellationToken &operator=(CancellationToken &&other) noexcept = default;

  bool isCancellationRequested() const noexcept {
    return state_ && state_->requested;
  }
  bool canBeCancelled() const noexcept { return state_ != nullptr; }

private:
  friend class CancellationSource;
  explicit CancellationToken(
      std::shared_ptr<detail::CancellationState> state) noexcept
      : state_(std::move(state)) {}
  std::shared_ptr<detail::CancellationState> state_;
};

class CancellationSource {
public:
  CancellationSource()
      : state_(std::make_shared<detail::CancellationState>()) {}
  bool isCancellationRequested() const noexcept { return state_->requested; }
  bool canBeCancelled() const noexcept { return true; }
  CancellationToken getToken() const noexcept {
    return CancellationToken(state_);
  }
  bool requestCancellation() const noexcept {
    bool was = state_->requested;
    state_->requested = true;
    return was;
  }

private:
  std::shared_ptr<detail::CancellationState> state_;
};

class CancellationCallback {
  using VoidFunction = std::function<void()>;

public:
  template <typename Callable,
            std::enable_if_t<std::is_constructible<VoidFunction, Callable>::value,
                             int> = 0>
  CancellationCallback(CancellationToken &&ct, Callable &&callable)
      : token_(std::move(ct)), callback_(std::forward<Callable>(callable)) {}
  template <typename Callable,
            std::enable_if_t<std::is_constructible<VoidFunction, Callable>::value,
                             int> = 0>
  CancellationCallback(const CancellationToken &ct, Callable &&callable)
      : token_(ct), callback_(std::forward<Callable>(callable)) {}
  CancellationCallback(const CancellationCallback &) = delete;
  CancellationCallback &operator=(const CancellationCallback &) = delete;

private:
  CancellationToken token_;
  VoidFunction callback_;
};
} // namespace folly
