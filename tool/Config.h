//===--- Config.h - Check selection and CheckOptions ------------*- C++ -*-===//
//
// Wraps clang-tidy's options providers: defaults (coro-*), .clang-tidy files
// found upwards from each file, --config/--config-file, and --checks on top.
// A malformed configuration is an error, not a message clang-tidy prints and
// then ignores. A configuration whose Checks name no coro-* check (a
// .clang-tidy written for clang-tidy: '-*,bugprone-*') leaves corolint's
// checks as they were; its other settings apply (docs/usage.md).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CONFIG_H
#define COROLINT_TOOL_CONFIG_H

#include "Options.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace corolint {

/// Where one check's state (enabled or not) was decided.
struct CheckState {
  std::string Check;
  bool Enabled = false;
  /// A .clang-tidy path, `--config`, the --config-file path, `--checks`, or
  /// `corolint's default (coro-*)`.
  std::string DecidedBy;
  /// The source's rank: later sources override earlier ones.
  unsigned Priority = 0;
};

/// What applies to one file: each check's state, and the configuration
/// sources whose Checks were ignored because they name no coro-* check.
struct CheckSelection {
  std::vector<CheckState> States;
  std::vector<std::string> Ignored;
  bool anyEnabled() const;
};

class Config {
public:
  static llvm::Expected<Config> create(const DriverOptions &Options);

  /// A fresh provider: clang-tidy's providers cache and are not thread-safe,
  /// so every analysis thread makes its own.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> makeProvider() const;

  /// Reads every .clang-tidy file that applies to Files; the first malformed
  /// one is an error naming it. Then checks the CheckOptions: an unknown
  /// coro-* option, or a value the check rejects (`StrictMode: maybe`), is
  /// an error naming the configuration source, the option and what it
  /// expects.
  llvm::Error checkConfigFiles(llvm::ArrayRef<std::string> Files) const;

  /// Each check's state for File and where it was decided.
  CheckSelection selection(llvm::StringRef File) const;
  /// For every file with no check enabled, one line saying why (distinct
  /// lines only); empty when every file has a check to run.
  std::vector<std::string>
  filesWithoutChecks(llvm::ArrayRef<std::string> Files) const;

  /// The checks enabled for File.
  std::vector<std::string> enabledChecks(llvm::StringRef File) const;

  /// Whether the configuration for File names a header filter of its own
  /// (HeaderFilterRegex in a .clang-tidy or --config, or --header-filter).
  bool setsHeaderFilter(llvm::StringRef File) const;

private:
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
  makeFileProvider(std::string *FirstError) const;

  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  std::optional<clang::tidy::ClangTidyOptions> Explicit;
  /// How errors name the explicit configuration: `--config` or the file.
  std::string ExplicitName;
};

/// Every positive glob of --checks must name at least one registered check.
llvm::Error validateCheckGlobs(llvm::StringRef Globs);

} // namespace corolint

#endif // COROLINT_TOOL_CONFIG_H
