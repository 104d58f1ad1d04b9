//===--- BlockingCallCheck.h - coro-blocking-call --------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "CallSummaries.h"
#include "Executors.h"
#include "FakeAsync.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// Flags calls that block the thread inside an async context (a coroutine
/// body or a completion handler), directly or through functions of the same
/// translation unit, and rewrites them to their awaitable counterpart where
/// the coroutine's framework has one.
///
/// For the user-facing documentation see docs/checks/coro-blocking-call.md.
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  std::optional<ApiMatch>
  blockingApi(const Expr *Call, const ExecutionSite &Site, ASTContext &Ctx);
  bool showsNonBlocking(const Expr *Call, const ApiMatch &Api,
                        const ExecutionSite &Site, ASTContext &Ctx);
  void collectNonBlockingDescriptors(ASTContext &Ctx);
  void reportDirect(const Expr *Call, const ApiMatch &Api,
                    const AsyncContext &AC, const ExecutionSite &Site,
                    ASTContext &Ctx);
  void reportIndirect(const Expr *Call, const FunctionDecl *Callee,
                      const ReachedApi &S, const AsyncContext &AC);

  const std::string RawBlockingFunctions;
  const std::string RawAllowedFunctions;
  const std::string RawCategories;
  const std::string RawAsyncReplacements;
  const bool Interprocedural;
  const bool ReportConditionalPaths;
  ApiCatalog Catalog;
  llvm::StringSet<> EnabledCategories;

  // Per translation unit.
  CallSummaries Summaries;
  /// Where a finding was made: a call in a template is walked once for the
  /// pattern and once per instantiation, and is one defect.
  llvm::DenseSet<SourceLocation> ReportedCalls;
  std::optional<llvm::DenseSet<const ValueDecl *>> NonBlockingDescriptors;
  /// Where the coroutine's hops move it.
  ExecutorFacts Executors{Catalog};
  /// With coro-fake-async enabled, the blocking calls that are its
  /// findings (one finding per defect).
  std::optional<FakeAsyncAnalysis> FakeAsync;
};

} // namespace clang::tidy::corolint

#endif
