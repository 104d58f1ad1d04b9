//===--- SarifOutput.h - SARIF 2.1.0 ----------------------------*- C++ -*-===//

#ifndef COROLINT_TOOL_SARIFOUTPUT_H
#define COROLINT_TOOL_SARIFOUTPUT_H

#include "Finding.h"
#include "SourceFiles.h"
#include "llvm/Support/JSON.h"

namespace corolint {

struct SarifSettings {
  /// `%SRCROOT%`, absolute: files under it get relative URIs. Empty: every
  /// URI is absolute.
  std::string SourceRoot;
  /// `run.automationDetails.id` is the category and a '/'; empty: none.
  std::string Category;
};

/// One SARIF log with one run: every registered check as a rule (described
/// by its docs page), every finding as a result with fingerprints, notes as
/// related locations and a code flow, fix-its as `fixes`; the files named
/// as `artifacts`. Results are sorted by location, so equal inputs give
/// equal logs.
llvm::json::Value sarifLog(llvm::ArrayRef<Finding> Findings,
                           SourceFiles &Sources, bool ExecutionSuccessful,
                           const SarifSettings &Settings = {});

/// Merges the runs of several corolint SARIF logs (from shards) into one
/// log equal to what one unsharded run would have produced.
llvm::Expected<llvm::json::Value>
mergeSarifLogs(llvm::ArrayRef<llvm::json::Value> Logs);

} // namespace corolint

#endif // COROLINT_TOOL_SARIFOUTPUT_H
