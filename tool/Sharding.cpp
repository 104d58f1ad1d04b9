//===--- Sharding.cpp - Spreading a compile database over CI jobs ---------===//

#include "Sharding.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace corolint {

bool inShard(llvm::StringRef File, llvm::StringRef Root, ShardSpec Shard) {
  llvm::SmallString<256> Prefix(Root);
  if (!Prefix.ends_with("/"))
    Prefix += "/";
  llvm::StringRef Key = File;
  if (!Root.empty())
    Key.consume_front(Prefix);
  return llvm::xxh3_64bits(Key) % Shard.Count == Shard.Index - 1;
}

} // namespace corolint
