//===--- DroppedCancellationCheck.h - coro-dropped-cancellation -*- C++ -*-===//

#ifndef COROLINT_CHECKS_DROPPEDCANCELLATIONCHECK_H
#define COROLINT_CHECKS_DROPPEDCANCELLATIONCHECK_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "CoroutineCheck.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// Flags a function that has a cancellation token and does not pass it on:
/// a call to a callee that accepts a token (a defaulted token parameter, an
/// empty token given explicitly, or an overload with one more token
/// parameter) made without it; a named token parameter never used; a loop
/// that never observes the token although it runs forever or suspends on
/// every iteration; a lambda with its own token that passes the enclosing
/// function's; a folly task started detached from a folly coroutine; the
/// explicit resets, a sender given a never-stopping token in its
/// environment and an asio child spawned with no cancellation slot. The
/// fix-it passes the function's own token.
///
/// For the user-facing documentation see
/// docs/checks/coro-dropped-cancellation.md.
class DroppedCancellationCheck : public FunctionBodyCheck {
public:
  DroppedCancellationCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

  /// A token the function being checked can pass on.
  struct AvailableToken {
    /// The parameter, local variable, field or getter holding it; null for
    /// a folly coroutine's implicit token.
    const ValueDecl *Decl = nullptr;
    /// What to write to pass it: "st", "req.stop", "ctx.stop_token()",
    /// "co_await folly::coro::co_current_cancellation_token".
    std::string Spelling;
    /// The token's class, by plain qualified name.
    std::string TypeName;
    /// Declared by the function itself (a parameter or an awaited getter),
    /// not reached through a parameter's member or a lambda's capture.
    bool Own = false;
    /// The spelling awaits: usable only where co_await is allowed.
    bool NeedsAwait = false;
  };

private:
  void checkDefinition(const FunctionDecl *FD, ASTContext &Ctx) override;
  bool isTokenType(QualType T) const;
  bool isShield(const FunctionDecl *FD) const;
  void checkFunction(const FunctionDecl *FD, ASTContext &Ctx);

  const std::string RawTokenTypes;
  const std::string RawShieldFunctions;
  std::vector<std::string> TokenTypes;
  llvm::StringSet<> ShieldFunctions;
  ApiCatalog Catalog;
};

} // namespace clang::tidy::corolint

#endif
