//===--- TextOutput.h - clang-style diagnostics -----------------*- C++ -*-===//

#ifndef COROLINT_TOOL_TEXTOUTPUT_H
#define COROLINT_TOOL_TEXTOUTPUT_H

#include "Finding.h"
#include "SourceFiles.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

/// Prints findings as clang does: `file:line:col: warning: message [check]`,
/// the source line, a caret under the flagged range, the fix-it (as an
/// insertion line under the caret when it fits there, otherwise in clang's
/// parseable `fix-it:` form), then the notes.
void printText(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
               SourceFiles &Sources);

} // namespace corolint

#endif // COROLINT_TOOL_TEXTOUTPUT_H
