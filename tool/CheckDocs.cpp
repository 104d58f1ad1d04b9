//===--- CheckDocs.cpp - The check pages embedded at build time -----------===//

#include "CheckDocs.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>

namespace corolint {
namespace {

struct EmbeddedPage {
  llvm::StringRef Check;
  llvm::StringRef Markdown;
};

const EmbeddedPage Pages[] = {
#include "CheckDocs.inc"
    {"", ""}, // Keeps the array non-empty before any page exists.
};

} // namespace

std::optional<llvm::StringRef> checkPage(llvm::StringRef Check) {
  for (const EmbeddedPage &Page : Pages)
    if (!Check.empty() && Page.Check == Check)
      return Page.Markdown;
  return std::nullopt;
}

std::string pageSummary(llvm::StringRef Markdown) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Markdown.split(Lines, '\n');
  std::string Summary;
  bool AfterHeading = false;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (!AfterHeading) {
      AfterHeading = Line.starts_with("# ");
      continue;
    }
    if (Line.empty()) {
      if (!Summary.empty())
        break;
      continue;
    }
    if (Line.starts_with("#"))
      break;
    if (!Summary.empty())
      Summary += ' ';
    Summary += Line.str();
  }
  return Summary;
}

std::vector<std::string> registeredChecks() {
  clang::tidy::ClangTidyCheckFactories Factories;
  for (const auto &Module : clang::tidy::ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Entry : Factories)
    Names.push_back(Entry.getKey().str());
  llvm::sort(Names);
  return Names;
}

} // namespace corolint
