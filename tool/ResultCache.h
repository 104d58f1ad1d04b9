//===--- ResultCache.h - Findings of unchanged files, replayed --*- C++ -*-===//
//
// A file whose inputs are the same as on an earlier run has the same
// findings: the cache stores them, with the list of every file the
// translation unit read and the hash of each file's contents, so a rerun
// hashes that list instead of parsing (the way ninja's depfiles work: the
// dependencies come from the cold run, not from preprocessing again).
//
// The key is everything else the result depends on: corolint's own
// executable, the LLVM version, the compile command(s), the effective
// configuration, the driver flags that change what is analysed, and the
// include-path environment. A dependency whose contents differ is a miss.
// Entries are written atomically (temporary file + rename), so runs sharing
// a directory never see half an entry; an entry that does not parse or
// names another key is ignored and rewritten. docs/usage.md ("The result
// cache") is the user's page.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_RESULTCACHE_H
#define COROLINT_TOOL_RESULTCACHE_H

#include "Finding.h"
#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

class Config;
class SourceFiles;
struct FileResult;

/// One file a translation unit read, as clang read it.
struct Dependency {
  std::string Path; // Absolute, as the driver spells paths.
  uint64_t Size = 0;
  uint64_t ContentHash = 0; // xxh3_64bits of the contents.
};

class ResultCache {
public:
  /// The cache the options ask for: none with --no-cache (and with
  /// --enable-check-profile or --vfsoverlay, whose results it cannot key),
  /// else --cache-dir, else $XDG_CACHE_HOME/corolint or ~/.cache/corolint.
  /// An explicit --cache-dir that cannot be created is an error; the
  /// default one only turns the cache off, with a warning.
  static llvm::Expected<std::optional<ResultCache>>
  open(const DriverOptions &Options);

  /// Everything but the dependencies that File's result depends on (also
  /// the project index's key of a file's units).
  static std::string keyFor(const std::string &File,
                     const clang::tooling::CompilationDatabase &Compilations,
                     const Config &Configuration,
                     const DriverOptions &Options);

  /// The stored result when every dependency still has the contents it was
  /// analysed with. The contents read to check the files that carry a
  /// finding are recorded in Sources (fixes and line hashes need them).
  std::optional<FileResult> lookup(llvm::StringRef Key,
                                   SourceFiles &Sources) const;

  /// Stores a result. Only clean analyses are stored: a failure or a
  /// compile error may come from a file that is missing now and not later
  /// (a dependency the list cannot name). Errors are ignored: the cache
  /// is an optimisation, never a reason for a run to fail.
  void store(llvm::StringRef Key, const FileResult &Result) const;

  /// Removes old entries as the pruning policy says (llvm::pruneCache:
  /// entries unused for a week, or beyond 75% of the free space).
  void prune() const;

  const std::string &directory() const { return Directory; }

private:
  explicit ResultCache(std::string Directory) : Directory(Directory) {}
  std::string entryPath(llvm::StringRef Key) const;

  std::string Directory;
};

} // namespace corolint

#endif // COROLINT_TOOL_RESULTCACHE_H
