//===--- Fixes.h - Applying, diffing and exporting fix-its ------*- C++ -*-===//

#ifndef COROLINT_TOOL_FIXES_H
#define COROLINT_TOOL_FIXES_H

#include "Finding.h"
#include "SourceFiles.h"
#include "llvm/Support/Error.h"
#include <map>

namespace corolint {

/// The new contents of every file the fix-its touch, by real path (a file
/// reached through a symlink or two spellings is one file).
struct FixPlan {
  struct FileChange {
    /// The path as the findings spell it (diffs show this one).
    std::string Spelled;
    std::string Original;
    std::string Fixed;
    unsigned Edits = 0;
  };
  std::map<std::string, FileChange> Files;
  unsigned fixCount() const;
};

/// Merges the fix-its of all findings per file. The whole set must apply:
/// overlapping edits from different findings are an error, and nothing is
/// planned for any file.
llvm::Expected<FixPlan> planFixes(llvm::ArrayRef<Finding> Findings,
                                  SourceFiles &Sources);

/// Writes the plan, all or nothing (docs/usage.md, "What --fix promises"):
/// every file is locked (flock; a concurrent corolint --fix waits, then
/// finds the file changed), must still hold what was analysed, and is
/// replaced atomically by a file with its owner, group and mode. A file
/// found changed while committing puts back the files already replaced.
/// Termination signals are deferred until the plan is written or undone.
llvm::Error applyFixPlan(const FixPlan &Plan);

/// A unified diff (`--- a/file`, `+++ b/file`, 3 lines of context); paths
/// under Root are relative to it, so `patch -p1` applies it from there.
std::string unifiedDiff(const FixPlan &Plan, llvm::StringRef Root);

/// clang-apply-replacements YAML, written by clang-tidy's own exporter.
llvm::Error exportFixes(llvm::StringRef Path, llvm::ArrayRef<Finding> Findings);

} // namespace corolint

#endif // COROLINT_TOOL_FIXES_H
