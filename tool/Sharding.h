//===--- Sharding.h - Spreading a compile database over CI jobs -*- C++ -*-===//

#ifndef COROLINT_TOOL_SHARDING_H
#define COROLINT_TOOL_SHARDING_H

#include "Options.h"
#include "llvm/ADT/StringRef.h"

namespace corolint {

/// Whether File belongs to the shard. The choice is a stable hash (xxh3) of
/// the path relative to Root (the current directory), so every CI job of a
/// matrix picks disjoint sets covering all files, whatever their order.
bool inShard(llvm::StringRef File, llvm::StringRef Root, ShardSpec Shard);

} // namespace corolint

#endif // COROLINT_TOOL_SHARDING_H
