// Mock of exec/static_thread_pool.hpp (stdexec) for corolint tests.
#pragma once
#include <cstdint>
#include <stdexec/execution.hpp>

namespace exec {
class static_thread_pool {
public:
  struct scheduler {
    stdexec::__detail::__value_sender<> schedule() const noexcept { return {}; }
    bool operator==(const scheduler &) const = default;
  };
  static_thread_pool() = default;
  explicit static_thread_pool(std::uint32_t threadCount) : n_(threadCount) {}
  scheduler get_scheduler() noexcept { return {}; }
  void request_stop() noexcept {}

private:
  std::uint32_t n_ = 1;
};
} // namespace exec
