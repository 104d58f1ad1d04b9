// Mock of boost/cobalt/detached.hpp (Boost.Cobalt) for corolint tests: an
// eager coroutine type that gives its caller nothing to await.
#pragma once
#include <coroutine>
#include <exception>

namespace boost::cobalt {
struct detached {
  struct promise_type {
    detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { throw; }
  };
};
} // namespace boost::cobalt
