//===--- JsonInput.h - Reading JSON artefacts safely ------------*- C++ -*-===//
//
// Baselines, SARIF logs given to `corolint merge` and compile databases are
// CI artefacts that may come from an untrusted pull request. llvm::json's
// parser recurses once per nesting level, so the text is checked for depth
// first: a file of 40,000 `[` is an error, not a stack overflow.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_JSONINPUT_H
#define COROLINT_TOOL_JSONINPUT_H

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace corolint {

/// Deeper than any artefact corolint writes or reads (SARIF nests about ten
/// levels), shallow enough for any thread's stack.
constexpr unsigned MaxJsonDepth = 512;

/// llvm::json::parse, after checking that arrays and objects nest at most
/// MaxJsonDepth deep. Errors name the line and column.
llvm::Expected<llvm::json::Value> parseJsonArtefact(llvm::StringRef Text);

} // namespace corolint

#endif // COROLINT_TOOL_JSONINPUT_H
