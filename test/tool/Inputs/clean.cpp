// No blocking call in any coroutine.
#include "task.h"
#include <chrono>
#include <thread>

task idle() { co_return; }

void worker() { std::this_thread::sleep_for(std::chrono::seconds(1)); }
