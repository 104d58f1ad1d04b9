// Mock of folly/coro/BlockingWait.h (the newer path of
// folly/experimental/coro/BlockingWait.h).
#pragma once
#include <folly/experimental/coro/BlockingWait.h>
