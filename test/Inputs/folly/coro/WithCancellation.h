// Mock of folly/coro/WithCancellation.h: co_withCancellation is a hidden
// friend of Task (folly/coro/Task.h), found by argument-dependent lookup.
#pragma once
#include <folly/CancellationToken.h>
#include <folly/experimental/coro/Task.h>
