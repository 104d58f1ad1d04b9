// Mock of folly/futures/Promise.h for corolint tests.
#pragma once
#include <folly/futures/Future.h>
