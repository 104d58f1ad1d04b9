//===--- AsyncApiUseCheck.h - A catalog API used in an async context -*- C++
//-*-===//
//
// coro-blocking-call and coro-sync-wait are one check parameterised by the
// kind of catalog API they look for: walk every async context, recognise
// the API at a call or some calls down through the project's own plain
// functions, decide what the finding is, and render it. This base owns the
// walk, the interprocedural summaries, the options both share and the
// one-finding-per-location rule; a check supplies its finder (which API a
// call is, which uses it keeps, the rewrite it plans) and its renderer, as
// clang-tidy's utils::RenamerClangTidyCheck splits the finding of a bad
// name from the message about it.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_ASYNCAPIUSECHECK_H
#define COROLINT_CHECKS_ASYNCAPIUSECHECK_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "CallSummaries.h"
#include "ProjectIndex.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <string>

namespace clang::tidy::corolint {

/// An asio operation whose completion token made the value a call waits
/// on, and the token that would let the coroutine await the operation
/// instead (`op(..., asio::use_future).get()` → `asio::use_awaitable`).
struct CompletionTokenSwap {
  const CallExpr *Operation = nullptr;
  /// The token the operation was given: "asio::use_future".
  std::string Token;
  /// The token to give it instead: "asio::use_awaitable".
  std::string Replacement;
};

/// One use of a catalog API in an async context, decided before anything
/// is rendered: what a finding is about, for the check's renderer, and for
/// any later reader of the same facts (a migration planner).
struct AsyncApiUse {
  /// The call in the async context.
  const Expr *Call = nullptr;
  /// The API used: called directly, or at the end of Path.
  ApiMatch Api;
  /// For a use through the project's own functions: the function the async
  /// context calls, and the calls from there down to the API. Null for a
  /// direct call.
  const FunctionDecl *Helper = nullptr;
  const ReachedApi *Path = nullptr;
  /// The planned rewrite of a direct call into its awaitable counterpart.
  std::optional<FixItHint> Rewrite;
  /// A better completion token for what the call waits on.
  std::optional<CompletionTokenSwap> TokenSwap;

  bool isDirect() const { return Path == nullptr; }
};

/// The shared skeleton of the checks that report a catalog API of one kind
/// used in an async context.
class AsyncApiUseCheck : public ClangTidyCheck {
public:
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

protected:
  /// Reads the options every such check has: \p UserApisOption
  /// ("name[=category]" entries of \p Kind, in \p UserCategory unless
  /// given), AllowedFunctions and Interprocedural.
  AsyncApiUseCheck(StringRef Name, ClangTidyContext *Context, ApiKind Kind,
                   StringRef UserApisOption, StringRef UserCategory);

  // The finder.

  /// Called before the walk of \p AC, for checks whose finder keeps what
  /// the statements walked so far established.
  virtual void startContext(const AsyncContext &AC) {}
  /// Whether the finder looks at \p Site at all; sees every site of the
  /// walk in the order written, calls or not.
  virtual bool looksAt(const ExecutionSite &Site, ASTContext &Ctx) {
    return true;
  }
  /// The API \p Call is, if it is one this check reports. \p Body is the
  /// function body the call is in (the async context's, or a helper's).
  virtual std::optional<ApiMatch> findApi(const Expr *Call,
                                          const ExecutionSite &Site,
                                          const Stmt *Body,
                                          ASTContext &Ctx) = 0;
  /// Calls neither reported nor followed into: another check's APIs.
  virtual bool isOpaque(const Expr *Call) { return false; }
  /// Whether \p Use, at \p Site of \p AC, is a finding.
  virtual bool keepsUse(const AsyncApiUse &Use, const AsyncContext &AC,
                        const ExecutionSite &Site, ASTContext &Ctx) {
    return true;
  }
  /// Adds to a kept use the rewrite and the advice the check plans.
  virtual void planUse(AsyncApiUse &Use, const AsyncContext &AC,
                       const ExecutionSite &Site, ASTContext &Ctx) = 0;

  // The renderer: diag() and FixItHint only.
  virtual void render(const AsyncApiUse &Use, const AsyncContext &AC) = 0;

  /// The location a finding about \p Call is reported at. Not
  /// CallExpr::getBeginLoc, which for `object(args)` points at the
  /// parenthesis.
  static SourceLocation beginOf(const Expr *Call) {
    return static_cast<const Stmt *>(Call)->getBeginLoc();
  }

  const std::string RawUserApis;
  const std::string RawAllowedFunctions;
  const bool Interprocedural;
  ApiCatalog Catalog;

private:
  /// Records this check's steps of every function the translation unit
  /// defines, when the driver builds a project index.
  void recordIndex(IndexRecorder &Recorder);
  /// What a function defined in another translation unit reaches, from
  /// the project index.
  std::optional<ReachedApi> reachedElsewhere(const FunctionDecl *Callee) const;

  const std::string UserApisOption;
  const ApiKind Kind;
  /// The ProjectIndex option (local, else global): the index file, and
  /// the index read from it.
  const std::string IndexPath;
  std::shared_ptr<const ProjectIndex> Index;
  // Per translation unit.
  std::vector<const FunctionDecl *> DefinedFunctions;
  ASTContext *Context = nullptr;
  CallSummaries Summaries;
  /// Where a finding was made: a call in a template is walked once for the
  /// pattern and once per instantiation, and is one defect.
  llvm::DenseSet<SourceLocation> ReportedCalls;
};

} // namespace clang::tidy::corolint

#endif
