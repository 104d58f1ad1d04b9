//===--- BlockingCallCheck.h - coro-blocking-call --------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "AsyncApiUseCheck.h"
#include "Executors.h"
#include "FakeAsync.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// Flags calls that block the thread inside an async context (a coroutine
/// body or a completion handler), directly or through functions of the same
/// translation unit, and rewrites them to their awaitable counterpart where
/// the coroutine's framework has one.
///
/// For the user-facing documentation see docs/checks/coro-blocking-call.md.
class BlockingCallCheck : public AsyncApiUseCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void startContext(const AsyncContext &AC) override;
  bool looksAt(const ExecutionSite &Site, ASTContext &Ctx) override;
  std::optional<ApiMatch> findApi(const Expr *Call, const ExecutionSite &Site,
                                  const Stmt *Body, ASTContext &Ctx) override;
  bool isOpaque(const Expr *Call) override;
  bool keepsUse(const AsyncApiUse &Use, const AsyncContext &AC,
                const ExecutionSite &Site, ASTContext &Ctx) override;
  void planUse(AsyncApiUse &Use, const AsyncContext &AC,
               const ExecutionSite &Site, ASTContext &Ctx) override;
  void render(const AsyncApiUse &Use, const AsyncContext &AC) override;

  bool showsNonBlocking(const Expr *Call, const ApiMatch &Api,
                        const ExecutionSite &Site, ASTContext &Ctx);
  void collectNonBlockingDescriptors(ASTContext &Ctx);

  const std::string RawCategories;
  const std::string RawAsyncReplacements;
  const bool ReportConditionalPaths;
  llvm::StringSet<> EnabledCategories;

  // Per translation unit.
  std::optional<llvm::DenseSet<const ValueDecl *>> NonBlockingDescriptors;
  /// Where the coroutine's hops move it.
  ExecutorFacts Executors{Catalog};
  /// With coro-fake-async enabled, the blocking calls that are its
  /// findings (one finding per defect).
  std::optional<FakeAsyncAnalysis> FakeAsync;

  // Per async context: what the statements walked so far (in the order
  // they are written) established.
  /// A descriptor was awaited ready (or the context is a readiness
  /// handler).
  bool DescriptorReady = false;
  /// The coroutine moved itself onto a pool designated for blocking work.
  bool OnBlockingPool = false;
};

} // namespace clang::tidy::corolint

#endif
