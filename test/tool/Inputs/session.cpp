// A session handler that sleeps on the executor thread, twice.
#include "task.h"
#include <chrono>
#include <thread>

namespace app {

void throttle() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }

task handle_session(int id) {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  throttle();
  co_return;
}

void plain_function() {
  // Not a coroutine: blocking is fine here.
  std::this_thread::sleep_for(std::chrono::seconds(1));
}

} // namespace app
