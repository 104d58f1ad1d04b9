//===--- DetachedTaskCheck.h - coro-detached-task --------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_DETACHEDTASKCHECK_H
#define COROLINT_CHECKS_DETACHEDTASKCHECK_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "CoroutineCheck.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// Flags work that is started and let go, so that nobody observes its
/// completion or its errors: co_spawn with a detached token, detached
/// threads, start_detached, dropped futures of folly's start(), calls and
/// definitions of fire-and-forget coroutines, and std::async whose future
/// is dropped (a hidden synchronous wait).
///
/// For the user-facing documentation see docs/checks/coro-detached-task.md.
class DetachedTaskCheck : public FunctionBodyCheck {
public:
  DetachedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void checkDefinition(const FunctionDecl *FD, ASTContext &Ctx) override;
  /// A detaching spawn whose report waits until the whole function is
  /// walked: whether a rethrowing handler is the right fix depends on
  /// whether the same function runs the event loop.
  struct PendingSpawn {
    const CallExpr *Call;
    /// The coroutine definition spawned, when it is known.
    const FunctionDecl *Coroutine;
    std::string SpawnName;
    const Expr *Completion;
    bool IgnoringHandler;
    bool Handled;
  };

  void checkFunction(const FunctionDecl *FD, ASTContext &Ctx);
  /// A coroutine definition returning a fire-and-forget type.
  struct FireAndForgetDefinition {
    const FunctionDecl *Coroutine;
    bool IsLambda;
    const CXXRecordDecl *Returned;
    /// The promise's empty unhandled_exception, where errors vanish.
    const CXXMethodDecl *SwallowingHandler = nullptr;
    const CXXRecordDecl *Promise = nullptr;
  };
  std::optional<FireAndForgetDefinition>
  findFireAndForgetDefinition(const FunctionDecl *FD) const;
  void render(const FireAndForgetDefinition &Definition);
  bool isFireAndForget(QualType T) const;
  bool isAllowedSite(const FunctionDecl *FD) const;
  /// What a detaching spawn means for the errors of the work it lets go.
  enum class SpawnVerdict {
    HandlesOwnErrors,      ///< The coroutine catches everything itself.
    ReportsErrorsAsValues, ///< It is written against error codes.
    DropsErrorsAtTopLevel, ///< Dropped where the event loop is run.
    DropsErrors,           ///< Dropped anywhere else.
  };
  /// A spawn's facts, decided before they are rendered.
  struct DetachedSpawn {
    PendingSpawn Spawn;
    SpawnVerdict Verdict;
    /// The function runs the event loop inside a try block that catches
    /// what a rethrowing handler throws out of it.
    bool CatchesRun = false;
    /// The planned rewrite: a completion handler that rethrows.
    std::optional<FixItHint> RethrowingHandler;
  };

  std::optional<DetachedSpawn> judgeSpawn(const PendingSpawn &Spawn,
                                          const FunctionDecl *Site,
                                          bool RunsItsEventLoop,
                                          bool CatchesRun) const;
  void renderSpawn(const DetachedSpawn &Spawn, ASTContext &Ctx);
  void reportDetachCall(const Expr *Call, const ApiMatch &Api);
  void reportDroppedResult(const Expr *Call, const ApiMatch &Api,
                           bool DeferredFuture);
  void reportFireAndForgetCall(const CallExpr *Call);

  const bool StrictMode;
  const std::string RawAllowedSpawnSites;
  const std::string RawDetachFunctions;
  const TypeModel Types;
  llvm::StringSet<> AllowedSpawnSites;
  ApiCatalog Catalog;
};

} // namespace clang::tidy::corolint

#endif
