//===--- LineFilter.h - Findings on chosen lines only -----------*- C++ -*-===//
//
// clang-tidy's --line-filter (its JSON, parsed by clang-tidy, and its
// meaning: a file name matches as a suffix, a file without ranges passes
// whole) and corolint's changed-lines filter for pull requests: the lines
// `git diff --merge-base REF` adds (--diff-base=REF) or a unified diff adds
// (--diff-input, as clang-tidy-diff.py reads it). A finding passes when its
// location or one of its notes is on a selected line.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_LINEFILTER_H
#define COROLINT_TOOL_LINEFILTER_H

#include "Finding.h"
#include "Options.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <optional>

namespace corolint {

class LineFilter {
public:
  /// The filter the options ask for; nullopt when they ask for none.
  static llvm::Expected<std::optional<LineFilter>>
  create(const DriverOptions &Options, llvm::StringRef Cwd);

  bool passes(const Finding &F) const;

  /// With a changed-lines filter, only files with changed lines can have
  /// findings, unless a header changed (it is seen through any file that
  /// includes it): then Files is left whole.
  void restrictFiles(std::vector<std::string> &Files) const;

  /// The changed lines of a unified diff whose paths are relative to Root
  /// (git's a/ and b/ prefixes are dropped), by absolute path. Pure
  /// deletions select no line.
  static std::vector<clang::tidy::FileFilter>
  parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef Root);

private:
  bool passes(llvm::StringRef File, unsigned Line) const;

  /// --line-filter, with clang-tidy's rules (an empty list filters nothing).
  std::optional<std::vector<clang::tidy::FileFilter>> Given;
  /// Changed lines by absolute path (an empty list selects nothing).
  std::optional<std::vector<clang::tidy::FileFilter>> Changed;
};

} // namespace corolint

#endif // COROLINT_TOOL_LINEFILTER_H
