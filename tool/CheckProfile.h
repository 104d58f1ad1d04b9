//===--- CheckProfile.h - --enable-check-profile ----------------*- C++ -*-===//
//
// clang-tidy's per-check timers, collected as clang-tidy stores them (one
// JSON file per translation unit under a prefix) and summed over the files
// of the run into one table, so that parallel analyses do not interleave
// their tables on standard error.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CHECKPROFILE_H
#define COROLINT_TOOL_CHECKPROFILE_H

#include "Options.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace corolint {

class CheckProfile {
public:
  /// Where the analyses store their profiles: --store-check-profile, or a
  /// temporary directory that the destructor removes.
  static llvm::Expected<CheckProfile> create(const DriverOptions &Options);
  CheckProfile(CheckProfile &&Other);
  ~CheckProfile();

  const std::string &prefix() const { return Prefix; }
  /// Whether the table is printed (not with --store-check-profile).
  bool printsTable() const { return Temporary; }

  /// The per-check wall, user and system times summed over the stored
  /// profiles, slowest first.
  void printTable(llvm::raw_ostream &OS, unsigned Files) const;

private:
  CheckProfile() = default;
  std::string Prefix;
  bool Temporary = false;
};

} // namespace corolint

#endif // COROLINT_TOOL_CHECKPROFILE_H
