//===--- Driver.h - corolint's commands -------------------------*- C++ -*-===//

#ifndef COROLINT_TOOL_DRIVER_H
#define COROLINT_TOOL_DRIVER_H

#include "Options.h"

namespace corolint {

/// Exit statuses: the contract other tools script against.
enum ExitStatus { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

int runAnalysis(const DriverOptions &Options);
int runListChecks(const DriverOptions &Options);
int runExplain(llvm::StringRef Check);
int runMerge(const MergeOptions &Options);
int runPrintLineHashes(llvm::StringRef File);

/// Prints `corolint: error: <Message>` on standard error.
void reportError(llvm::StringRef Message);
void reportWarning(llvm::StringRef Message);

} // namespace corolint

#endif // COROLINT_TOOL_DRIVER_H
