// Mock of folly/coro/Collect.h (the newer path of
// folly/experimental/coro/Collect.h).
#pragma once
#include <folly/experimental/coro/Collect.h>
