// Mock of folly/coro/AsyncScope.h (the newer path of
// folly/experimental/coro/AsyncScope.h).
#pragma once
#include <folly/experimental/coro/AsyncScope.h>
