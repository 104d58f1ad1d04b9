// Mock of cppcoro/cancellation_registration.hpp for corolint tests: a
// callback run when the token's cancellation is requested.
#pragma once
#include <cppcoro/cancellation_token.hpp>
#include <functional>
#include <type_traits>
#include <utility>

namespace cppcoro {
class cancellation_registration {
public:
  template <typename FUNC,
            typename = std::enable_if_t<
                std::is_constructible_v<std::function<void()>, FUNC &&>>>
  cancellation_registration(cancellation_token token, FUNC &&callback)
      : token_(std::move(token)), callback_(std::forward<FUNC>(callback)) {}
  cancellation_registration(const cancellation_registration &) = delete;
  cancellation_registration &
  operator=(const cancellation_registration &) = delete;
  ~cancellation_registration() = default;

private:
  cancellation_token token_;
  std::function<void()> callback_;
};
} // namespace cppcoro
