// A header of the project with a coroutine that blocks: its finding is
// reported through every file that includes it.
#pragma once
#include "task.h"
#include "vendor.h"
#include <chrono>
#include <thread>

inline task keep_alive() {
  std::this_thread::sleep_for(std::chrono::milliseconds(vendor_interval()));
  co_return;
}
