//===--- SyncWaitCheck.h - coro-sync-wait ----------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_SYNCWAITCHECK_H
#define COROLINT_CHECKS_SYNCWAITCHECK_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "CallSummaries.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::corolint {

/// Flags synchronous waits for asynchronous work inside an async context
/// (future.get(), sync_wait, blockingWait, io_context::run...), directly or
/// through functions of the same translation unit, and rewrites them to
/// co_await where the coroutine's framework can await the operand.
///
/// For the user-facing documentation see docs/checks/coro-sync-wait.md.
class SyncWaitCheck : public ClangTidyCheck {
public:
  SyncWaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  /// The catalog's sync wait behind \p Call, unless the code shows it
  /// cannot wait (a poll, a ready future, a deferred std::async).
  std::optional<ApiMatch> syncWaitApi(const CallExpr *Call,
                                      const ExecutionSite &Site,
                                      const Stmt *Scope,
                                      ASTContext &Ctx);
  std::optional<FixItHint> awaitFixIt(const CallExpr *Call, const ApiMatch &Api,
                                      const AsyncContext &AC,
                                      const ExecutionSite &Site,
                                      ASTContext &Ctx);
  void reportDirect(const CallExpr *Call, const ApiMatch &Api,
                    const AsyncContext &AC, const ExecutionSite &Site,
                    ASTContext &Ctx);
  void reportIndirect(const CallExpr *Call, const FunctionDecl *Callee,
                      const ReachedApi &S, const AsyncContext &AC);

  const std::string RawSyncWaitFunctions;
  const std::string RawAllowedFunctions;
  const bool Interprocedural;
  ApiCatalog Catalog;

  // Per translation unit.
  CallSummaries Summaries;
  /// Where a finding was made: a call in a template is walked once for the
  /// pattern and once per instantiation, and is one defect.
  llvm::DenseSet<SourceLocation> ReportedCalls;
};

} // namespace clang::tidy::corolint

#endif
