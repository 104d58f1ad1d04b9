// Mock of async_simple/Try.h for corolint tests.
#pragma once
#include <exception>
#include <optional>
#include <utility>

namespace async_simple {
template <typename T> class Try {
public:
  Try() = default;
  Try(T value) : value_(std::move(value)) {}
  Try(std::exception_ptr error) : error_(std::move(error)) {}
  bool hasError() const { return error_ != nullptr; }
  std::exception_ptr getException() const { return error_; }
  T &value() & {
    if (error_)
      std::rethrow_exception(error_);
    return *value_;
  }

private:
  std::optional<T> value_;
  std::exception_ptr error_;
};
template <> class Try<void> {
public:
  Try() = default;
  Try(std::exception_ptr error) : error_(std::move(error)) {}
  bool hasError() const { return error_ != nullptr; }
  std::exception_ptr getException() const { return error_; }
  void value() {
    if (error_)
      std::rethrow_exception(error_);
  }

private:
  std::exception_ptr error_;
};
} // namespace async_simple
