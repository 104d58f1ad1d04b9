// replication.h - the link that pushes the table to a replica server.
#pragma once

#include "config.h"
#include "store.h"

#include <asio/awaitable.hpp>

namespace kv {

// Keeps a replica up to date: connects, sends a snapshot whenever the table
// changes, and reconnects with exponential backoff when the link drops. Runs
// on the replication thread's io_context.
asio::awaitable<void> replicate(Store &store, Config config);

} // namespace kv
