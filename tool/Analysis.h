//===--- Analysis.h - Running the checks on one file ------------*- C++ -*-===//
//
// One translation unit, one ClangTidyContext: the context is not
// thread-safe, so parallel analysis gives every file its own.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_ANALYSIS_H
#define COROLINT_TOOL_ANALYSIS_H

#include "Config.h"
#include "Finding.h"
#include "ProjectIndex.h"
#include "ResultCache.h"
#include "SourceFiles.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <set>
#include <string>

namespace corolint {

struct FileResult {
  std::string File;
  std::vector<Finding> Findings;
  std::vector<CompileError> CompileErrors;
  /// Set when the file could not be analysed for another reason.
  std::string Failure;
  /// Compiler plugin arguments removed from its compile command.
  std::vector<std::string> DroppedPluginArgs;
  /// Every file the translation unit read (for the result cache).
  std::vector<Dependency> Dependencies;
  /// Replayed from the result cache (or, for an index, from the old one).
  bool FromCache = false;
  /// With AnalysisSettings::RecordIndex: what each compile command of the
  /// file defines, in the database's order.
  std::vector<clang::tidy::corolint::IndexedUnit> IndexUnits;
  /// With RecordIndex: the functions defined in other files that the
  /// file's async contexts reach (their USRs).
  std::set<std::string> ExternalCalls;
};

struct AnalysisSettings {
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  const Config *Configuration = nullptr;
  SourceFiles *Sources = nullptr;
  bool AllowCompilerPlugins = false;
  /// clang-tidy's flags: extra arguments, --vfsoverlay, --fix-notes.
  const DriverOptions *Options = nullptr;
  /// With --enable-check-profile: where each file's profile is stored.
  std::string ProfilePrefix;
  /// Null: no result cache.
  const ResultCache *Cache = nullptr;
  /// Record the project index's facts (corolint index).
  bool RecordIndex = false;
};

/// The stack of the thread each file is analysed on.
constexpr unsigned AnalysisStackSize = 1u << 30;

/// Analyses File on a thread of its own with AnalysisStackSize of stack.
FileResult analyseFile(const std::string &File,
                       const AnalysisSettings &Settings);

/// The path as the rest of the driver spells it: absolute (relative paths
/// are taken from Directory) and without `.`/`..` components.
std::string normalisePath(llvm::StringRef Path, llvm::StringRef Directory);

} // namespace corolint

#endif // COROLINT_TOOL_ANALYSIS_H
