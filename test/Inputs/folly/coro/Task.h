// Mock of folly/coro/Task.h (the newer path of folly/experimental/coro/Task.h).
#pragma once
#include <folly/experimental/coro/Task.h>
