//===--- ClangTidyCompat.h - clang-tidy's flags in corolint -----*- C++ -*-===//
//
// The flags scripts written for clang-tidy pass (--extra-arg,
// --header-filter, --warnings-as-errors, --line-filter, ...), with
// clang-tidy's meaning, and the two ways corolint is run in place of
// clang-tidy: as CMake's CXX_CLANG_TIDY hook (a whole compile command after
// `--`) and for --dump-config / --verify-config.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CLANGTIDYCOMPAT_H
#define COROLINT_TOOL_CLANGTIDYCOMPAT_H

#include "Finding.h"
#include "Options.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/CommandLine.h"

namespace corolint {

/// The --help group of clang-tidy's flags.
llvm::cl::OptionCategory &clangTidyCategory();

/// Copies the parsed clang-tidy flags into Options; ColorGiven says whether
/// corolint's own --color was given (it wins over --use-color).
llvm::Error applyClangTidyFlags(DriverOptions &Options, bool ColorGiven,
                                Command::Kind &What);

/// The .clang-tidy fields the flags override, as clang-tidy's command line
/// does.
void applyClangTidyOverrides(const DriverOptions &Options,
                             clang::tidy::ClangTidyOptions &Overrides);

/// True when the command after `--` is a whole compile that writes an object
/// file (`c++ ... -c a.cpp -o a.o`), as CMake's CXX_CLANG_TIDY hook passes
/// it. corolint then follows clang-tidy's exit status: findings are warnings
/// and do not fail the compile unless --warnings-as-errors makes them errors.
bool isCompileHook(const DriverOptions &Options);

/// The exit status for these findings (no error occurred).
int findingsExitStatus(const DriverOptions &Options,
                       llvm::ArrayRef<Finding> Findings);

/// --dump-config: the effective configuration of the first file (or of the
/// current directory) in .clang-tidy syntax.
int runDumpConfig(const DriverOptions &Options);

/// --verify-config: unknown checks, globs that match none, unknown check
/// options, in every configuration that applies; 0 when there are none.
int runVerifyConfig(const DriverOptions &Options);

} // namespace corolint

#endif // COROLINT_TOOL_CLANGTIDYCOMPAT_H
