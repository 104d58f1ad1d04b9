//===--- SyncWaitCheck.h - coro-sync-wait ----------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_SYNCWAITCHECK_H
#define COROLINT_CHECKS_SYNCWAITCHECK_H

#include "AsyncApiUseCheck.h"

namespace clang::tidy::corolint {

/// Flags synchronous waits for asynchronous work inside an async context
/// (future.get(), sync_wait, blockingWait, io_context::run...), directly or
/// through functions of the same translation unit, and rewrites them to
/// co_await where the coroutine's framework can await the operand.
///
/// For the user-facing documentation see docs/checks/coro-sync-wait.md.
class SyncWaitCheck : public AsyncApiUseCheck {
public:
  SyncWaitCheck(StringRef Name, ClangTidyContext *Context);

private:
  void onStartOfTranslationUnit() override;
  /// The catalog's sync wait behind \p Call, unless the code shows it
  /// cannot wait (a poll, a ready future, a deferred std::async).
  std::optional<ApiMatch> findApi(const Expr *Call, const ExecutionSite &Site,
                                  const Stmt *Body, ASTContext &Ctx) override;
  void planUse(AsyncApiUse &Use, const AsyncContext &AC,
               const ExecutionSite &Site, ASTContext &Ctx) override;
  void render(const AsyncApiUse &Use, const AsyncContext &AC) override;

  std::optional<FixItHint> awaitFixIt(const CallExpr *Call, const ApiMatch &Api,
                                      const AsyncContext &AC,
                                      const ExecutionSite &Site,
                                      ASTContext &Ctx);
};

} // namespace clang::tidy::corolint

#endif
