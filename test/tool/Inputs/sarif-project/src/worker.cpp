// A worker that sleeps on the executor thread: a direct call, no chain.
#include "task.h"
#include <chrono>
#include <thread>

namespace app {

task work() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}

} // namespace app
