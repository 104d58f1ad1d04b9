//===--- Options.h - The driver's command line, parsed ----------*- C++ -*-===//

#ifndef COROLINT_TOOL_OPTIONS_H
#define COROLINT_TOOL_OPTIONS_H

#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

enum class OutputFormat { Text, Sarif, Json };
enum class ColorMode { Auto, Always, Never };

struct ShardSpec {
  unsigned Index = 1; // 1-based.
  unsigned Count = 1;
};

struct DriverOptions {
  std::vector<std::string> Files;
  std::string BuildPath;
  /// Set when the command line had `--`: the compile command for every file.
  std::optional<std::vector<std::string>> FixedCompilerArgs;

  std::string Checks;
  bool ChecksGiven = false;
  std::string ConfigText;
  bool ConfigGiven = false;
  std::string ConfigFile;

  OutputFormat Format = OutputFormat::Text;
  std::string OutputFile;
  /// SARIF: the directory URIs are relative to (`%SRCROOT%`); empty: found
  /// (SourceRoot.h).
  std::string SarifRoot;
  /// --project-root: findings in headers outside it are not reported.
  std::string ProjectRoot;
  /// SARIF: `run.automationDetails.id`, the category code scanning keeps
  /// apart from other analyses of the same commit.
  std::string SarifCategory;
  ColorMode Color = ColorMode::Auto;

  bool Fix = false;
  bool Diff = false;
  std::string ExportFixes;

  unsigned Jobs = 0; // 0: one per core.
  std::optional<ShardSpec> Shard;
  std::string Baseline;
  std::string WriteBaseline;
  bool AllowCompilerPlugins = false;
  /// The result cache (ResultCache.h): its directory (empty: the default)
  /// and whether it is off.
  std::string CacheDir;
  bool NoCache = false;
  bool Quiet = false;
  std::optional<bool> Progress; // Unset: only on a terminal.

  // clang-tidy's flags, with clang-tidy's meaning (ClangTidyCompat.cpp).
  std::vector<std::string> ExtraArgs;
  std::vector<std::string> ExtraArgsBefore;
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ExcludeHeaderFilter;
  std::optional<bool> SystemHeaders;
  std::optional<std::string> WarningsAsErrors;
  /// --line-filter's JSON; empty: no filter.
  std::string LineFilter;
  /// Findings only on the lines changed since this git revision.
  std::string DiffBase;
  /// Findings only on the lines this unified diff adds (`-`: standard
  /// input), as clang-tidy-diff.py reads it.
  std::string DiffInput;
  /// Apply fix-its even though a file has compile errors (implies --fix).
  bool FixErrors = false;
  /// A finding's fix-it may come from its only note with one (implies --fix).
  bool FixNotes = false;
  bool EnableCheckProfile = false;
  /// Keep each file's check profile as JSON under this prefix.
  std::string StoreCheckProfile;
  std::string VfsOverlay;

  /// `corolint index`: build the project index (docs/index.md) into
  /// IndexOutput instead of reporting findings.
  bool BuildIndex = false;
  std::string IndexOutput;
  /// --index: the checks that follow calls read this project index.
  std::string ProjectIndexFile;
  /// --whole-program: index the database's files while analysing them,
  /// then analyse again the files the index gives findings.
  bool WholeProgram = false;
  /// `corolint migrate`: plan (and with --diff/--fix/--export-fixes,
  /// write) the migration of the blocking call paths to coroutines
  /// (docs/migrate.md) instead of reporting findings.
  bool Migrate = false;
  bool MigratePlan = false;
  std::string MigrateTarget = "asio";
  std::vector<std::string> MigrateRoots;
  bool MigrateKeepSync = false;
  std::string MigrateTwinPrefix = "async_";
};

struct MergeOptions {
  std::vector<std::string> Inputs;
  std::string Output;
  bool Baselines = false;
};

/// What main() should do after parsing.
struct Command {
  enum Kind {
    Analyse,
    ListChecks,
    Explain,
    Merge,
    LineHashes,
    DumpConfig,
    VerifyConfig
  } What = Analyse;
  DriverOptions Driver;
  MergeOptions MergeArgs;
  std::string ExplainCheck;
  /// The file whose line hashes --print-line-hashes prints (a test hook).
  std::string LineHashFile;
};

/// Parses argv; errors are one line each, without the "corolint: error: "
/// prefix.
llvm::Expected<Command> parseCommandLine(int Argc, const char **Argv);

} // namespace corolint

#endif // COROLINT_TOOL_OPTIONS_H
