//===--- AsyncRewrite.h - Turning a blocking call into co_await -*- C++ -*-===//
//
// Expands the rewrite templates of ApiCatalog.def for a concrete call, and
// decides whether a `co_await` may be inserted where the call stands.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_ASYNCREWRITE_H
#define COROLINT_CHECKS_ASYNCREWRITE_H

#include "AsyncContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>

namespace clang::tidy::corolint {

/// Source text of \p E as written; empty if it comes from a macro.
std::string spelledText(const Expr *E, const ASTContext &Ctx);

/// Replaces each {key} of \p Template by its value in \p Values; nullopt if
/// a key has no value (the template does not fit).
std::optional<std::string> expandPlaceholders(
    llvm::StringRef Template,
    llvm::ArrayRef<std::pair<llvm::StringRef, std::string>> Values);

/// Expands \p Template (see ApiCatalog.def) for \p Call in a coroutine of
/// framework \p Fw. Returns nullopt when the template does not fit the call
/// (macro arguments, an implicit object, a missing asio namespace).
/// \p TextOf, when given, spells the object and the arguments instead of
/// their source text (the migration engine rewrites calls inside them).
std::optional<std::string>
expandRewrite(llvm::StringRef Template, const Expr *Call, Framework Fw,
              const ASTContext &Ctx,
              llvm::function_ref<std::string(const Expr *)> TextOf = nullptr);

/// Whether asio's default `use_awaitable` token works in \p Ctx: an
/// asio::awaitable coroutine on the default any_io_executor.
bool acceptsDefaultAsioToken(const AsyncContext &Ctx);

/// A fix-it replacing \p Call by \p Replacement (an expression starting
/// with co_await), parenthesised where the surrounding expression would
/// otherwise bind tighter. None if the call is in a macro.
/// \p Ancestors are the statements around the call, outermost first (an
/// ExecutionSite's), read to decide on the parentheses.
std::optional<FixItHint>
replaceCallFixIt(const Expr *Call, llvm::StringRef Replacement,
                 llvm::ArrayRef<const Stmt *> Ancestors);

} // namespace clang::tidy::corolint

#endif
