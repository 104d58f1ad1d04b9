// Writing the store to disk, shared by the server's SNAPSHOT command and
// the offline backup tool.
#pragma once

#include "store.h"

#include <cstddef>
#include <string>

/// Writes every key and value to Path, one "key value" line each; returns
/// the bytes written.
std::size_t save_snapshot(const kv::Store &store, const std::string &path);
