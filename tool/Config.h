//===--- Config.h - Check selection and CheckOptions ------------*- C++ -*-===//
//
// Wraps clang-tidy's options providers: defaults (coro-*), .clang-tidy files
// found upwards from each file, --config/--config-file, and --checks on top.
// A malformed configuration is an error, not a message clang-tidy prints and
// then ignores.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CONFIG_H
#define COROLINT_TOOL_CONFIG_H

#include "Options.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace corolint {

class Config {
public:
  static llvm::Expected<Config> create(const DriverOptions &Options);

  /// A fresh provider: clang-tidy's providers cache and are not thread-safe,
  /// so every analysis thread makes its own.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> makeProvider() const;

  /// Reads every .clang-tidy file that applies to Files; the first malformed
  /// one is an error naming it.
  llvm::Error checkConfigFiles(llvm::ArrayRef<std::string> Files) const;

  /// The checks enabled for File.
  std::vector<std::string> enabledChecks(llvm::StringRef File) const;

  /// Whether the configuration for File names a header filter of its own
  /// (HeaderFilterRegex in a .clang-tidy or --config, or --header-filter).
  bool setsHeaderFilter(llvm::StringRef File) const;

private:
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  std::optional<clang::tidy::ClangTidyOptions> Explicit;
};

/// Every positive glob of --checks must name at least one registered check.
llvm::Error validateCheckGlobs(llvm::StringRef Globs);

} // namespace corolint

#endif // COROLINT_TOOL_CONFIG_H
