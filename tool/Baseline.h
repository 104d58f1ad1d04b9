//===--- Baseline.h - Accepting the findings of legacy code -----*- C++ -*-===//
//
// A baseline records findings by fingerprint: check, file (relative to the
// baseline's directory), enclosing function and the whitespace-collapsed
// flagged code. No line numbers, so unrelated edits do not revive a
// finding; editing the flagged code does. Format: JSON (docs/usage.md).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_BASELINE_H
#define COROLINT_TOOL_BASELINE_H

#include "Finding.h"
#include "llvm/Support/Error.h"
#include <map>

namespace corolint {

struct BaselineEntry {
  std::string Check, File, Function, Code;
  unsigned Count = 1;

  std::string fingerprint() const;
  auto key() const { return std::tie(File, Check, Function, Code); }
};

class Baseline {
public:
  /// Entries of the current findings, with paths relative to Directory.
  static Baseline fromFindings(llvm::ArrayRef<Finding> Findings,
                               llvm::StringRef Directory);
  static llvm::Expected<Baseline> load(llvm::StringRef Path);
  llvm::Error write(llvm::StringRef Path) const;

  /// Removes the findings the baseline covers (each entry covers Count of
  /// them) and returns how many entries went unused.
  unsigned suppress(std::vector<Finding> &Findings, llvm::StringRef Directory,
                    unsigned &Suppressed) const;

  /// Union of shard baselines: a header's findings are seen by every shard
  /// that includes it, so counts take the maximum.
  void mergeFrom(const Baseline &Other);

  size_t size() const { return Entries.size(); }

private:
  std::map<std::string, BaselineEntry> Entries; // By fingerprint.
};

BaselineEntry baselineEntry(const Finding &F, llvm::StringRef Directory);

} // namespace corolint

#endif // COROLINT_TOOL_BASELINE_H
