// Mock of boost/cobalt/run.hpp (Boost.Cobalt) for corolint tests: runs a task
// on a new event loop on the calling thread and blocks until it completes.
#pragma once
#include <boost/cobalt/task.hpp>

namespace boost::cobalt {
template <typename T> T run(task<T> t) {
  return corolint_mock::run_to_completion(t.handle_());
}
} // namespace boost::cobalt
