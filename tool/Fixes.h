//===--- Fixes.h - Applying, diffing and exporting fix-its ------*- C++ -*-===//

#ifndef COROLINT_TOOL_FIXES_H
#define COROLINT_TOOL_FIXES_H

#include "Finding.h"
#include "SourceFiles.h"
#include "llvm/Support/Error.h"
#include <map>

namespace corolint {

/// The new contents of every file the fix-its touch.
struct FixPlan {
  struct FileChange {
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

/// Writes the plan: every file must still hold what was analysed (checked
/// for all files before the first write), and each is replaced atomically
/// (temporary file + rename), keeping its permissions.
llvm::Error applyFixPlan(const FixPlan &Plan);

/// A unified diff (`--- a/file`, `+++ b/file`, 3 lines of context); paths
/// under Root are relative to it, so `patch -p1` applies it from there.
std::string unifiedDiff(const FixPlan &Plan, llvm::StringRef Root);

/// clang-apply-replacements YAML, written by clang-tidy's own exporter.
llvm::Error exportFixes(llvm::StringRef Path, llvm::ArrayRef<Finding> Findings);

} // namespace corolint

#endif // COROLINT_TOOL_FIXES_H
