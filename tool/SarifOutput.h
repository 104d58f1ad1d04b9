//===--- SarifOutput.h - SARIF 2.1.0 ----------------------------*- C++ -*-===//

#ifndef COROLINT_TOOL_SARIFOUTPUT_H
#define COROLINT_TOOL_SARIFOUTPUT_H

#include "Finding.h"
#include "SourceFiles.h"
#include "llvm/Support/JSON.h"

namespace corolint {

/// One SARIF log with one run: every registered check as a rule (described
/// by its docs page), every finding as a result, fix-its as `fixes`.
/// Results are sorted by location, so equal inputs give equal logs.
llvm::json::Value sarifLog(llvm::ArrayRef<Finding> Findings,
                           SourceFiles &Sources, bool ExecutionSuccessful);

/// Merges the runs of several corolint SARIF logs (from shards) into one
/// log equal to what one unsharded run would have produced.
llvm::Expected<llvm::json::Value>
mergeSarifLogs(llvm::ArrayRef<llvm::json::Value> Logs);

} // namespace corolint

#endif // COROLINT_TOOL_SARIFOUTPUT_H
