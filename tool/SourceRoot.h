//===--- SourceRoot.h - What SARIF URIs are relative to ---------*- C++ -*-===//
//
// SARIF results name files relative to `%SRCROOT%` so that a log made in
// one checkout matches the repository anywhere. The root is the same for
// every shard of a run: it depends on the options, the current directory
// and the whole compile database, never on the files a shard analyses.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_SOURCEROOT_H
#define COROLINT_TOOL_SOURCEROOT_H

#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"

namespace corolint {

/// `--sarif-root`, else the top level of the git work tree around Cwd
/// (honouring GIT_CEILING_DIRECTORIES as git does), else the deepest
/// directory holding the compile database's directory and all its files,
/// else Cwd. Absolute, without a trailing separator.
std::string sarifSourceRoot(const DriverOptions &Options,
                            const clang::tooling::CompilationDatabase &DB,
                            llvm::StringRef Cwd);

} // namespace corolint

#endif // COROLINT_TOOL_SOURCEROOT_H
