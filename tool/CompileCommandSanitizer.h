//===--- CompileCommandSanitizer.h - Untrusted compile commands -*- C++ -*-===//
//
// A compile database can come from an untrusted pull request. Arguments that
// load code into the analyser (compiler plugins) are dropped unless the user
// opts in with --allow-compiler-plugins.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_COMPILECOMMANDSANITIZER_H
#define COROLINT_TOOL_COMPILECOMMANDSANITIZER_H

#include <string>
#include <vector>

namespace corolint {

/// Removes -fplugin=, -fpass-plugin=, -fplugin-arg-*, and -load, -plugin,
/// -add-plugin, -plugin-arg-* given through -Xclang (separate or joined) or
/// directly to cc1, with their values. Dropped arguments are appended to
/// Dropped, as they were spelled.
std::vector<std::string>
stripCompilerPlugins(const std::vector<std::string> &Args,
                     std::vector<std::string> &Dropped);

} // namespace corolint

#endif // COROLINT_TOOL_COMPILECOMMANDSANITIZER_H
