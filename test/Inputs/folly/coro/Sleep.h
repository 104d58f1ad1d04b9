// Mock of folly/coro/Sleep.h (the newer path of
// folly/experimental/coro/Sleep.h).
#pragma once
#include <folly/experimental/coro/Sleep.h>
