//===--- CheckDocs.h - The check pages embedded at build time ---*- C++ -*-===//
//
// docs/checks/<check>.md is the one source of a check's documentation:
// --explain prints it, SARIF rules carry its summary and full text.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CHECKDOCS_H
#define COROLINT_TOOL_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The markdown page of a check, if one was embedded.
std::optional<llvm::StringRef> checkPage(llvm::StringRef Check);

/// The first paragraph after the page's `# <check>` heading, joined into one
/// line; empty if the page has none.
std::string pageSummary(llvm::StringRef Markdown);

/// The names of all checks registered in this binary, sorted.
std::vector<std::string> registeredChecks();

} // namespace corolint

#endif // COROLINT_TOOL_CHECKDOCS_H
