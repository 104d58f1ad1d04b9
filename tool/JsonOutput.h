//===--- JsonOutput.h - corolint's JSON report ------------------*- C++ -*-===//

#ifndef COROLINT_TOOL_JSONOUTPUT_H
#define COROLINT_TOOL_JSONOUTPUT_H

#include "Finding.h"
#include "llvm/Support/JSON.h"
#include <map>

namespace corolint {

struct RunSummary {
  unsigned FilesAnalysed = 0;
  /// Of those, replayed from the result cache (the text summary says how
  /// many; the reports do not, so they are the same either way).
  unsigned FilesFromCache = 0;
  /// --whole-program: files analysed a second time, with the project index.
  unsigned FilesWithIndex = 0;
  unsigned FilesWithErrors = 0;
  unsigned Findings = 0;
  std::map<std::string, unsigned> FindingsByCheck;
  unsigned SuppressedByBaseline = 0;
  unsigned StaleBaselineEntries = 0;
  unsigned FixesApplied = 0;
  double Seconds = 0;
};

/// JSON text of V: compact, or pretty-printed with Indent spaces (the
/// form every JSON file corolint writes uses, 2).
std::string jsonText(const llvm::json::Value &V, unsigned Indent = 0);

/// The schema is documented in docs/usage.md ("JSON output"); keep the two
/// in step and only ever add fields.
llvm::json::Value jsonReport(llvm::ArrayRef<Finding> Findings,
                             const RunSummary &Summary);

} // namespace corolint

#endif // COROLINT_TOOL_JSONOUTPUT_H
