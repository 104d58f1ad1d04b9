//===--- AsyncApiUseCheck.cpp - A catalog API used in an async context ----===//

#include "AsyncApiUseCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

AsyncApiUseCheck::AsyncApiUseCheck(StringRef Name, ClangTidyContext *Context,
                                   ApiKind Kind, StringRef UserApisOption,
                                   StringRef UserCategory)
    : ClangTidyCheck(Name, Context),
      RawUserApis(Options.get(UserApisOption, "")),
      RawAllowedFunctions(Options.get("AllowedFunctions", "")),
      Interprocedural(Options.get("Interprocedural", true)),
      UserApisOption(UserApisOption) {
  for (llvm::StringRef Spec : utils::options::parseStringList(RawUserApis))
    Catalog.addUserEntry(Kind, Spec, UserCategory);
  for (llvm::StringRef Allowed :
       utils::options::parseStringList(RawAllowedFunctions))
    Catalog.allow(Allowed);
}

void AsyncApiUseCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, UserApisOption, RawUserApis);
  Options.store(Opts, "AllowedFunctions", RawAllowedFunctions);
  Options.store(Opts, "Interprocedural", Interprocedural);
}

void AsyncApiUseCheck::registerMatchers(MatchFinder *Finder) {
  registerAsyncContextMatchers(Finder, this);
}

void AsyncApiUseCheck::onStartOfTranslationUnit() {
  Summaries.clear();
  ReportedCalls.clear();
}

void AsyncApiUseCheck::check(const MatchFinder::MatchResult &Result) {
  std::optional<AsyncContext> AC = asyncContextFromMatch(Result);
  if (!AC)
    return;
  ASTContext &Ctx = *Result.Context;
  auto Report = [&](AsyncApiUse Use, const ExecutionSite &Site) {
    if (!keepsUse(Use, *AC, Site, Ctx) ||
        !ReportedCalls.insert(beginOf(Use.Call)).second)
      return;
    planUse(Use, *AC, Site, Ctx);
    render(Use, *AC);
  };
  startContext(*AC);
  forEachExecutedStmt(*AC, [&](const ExecutionSite &Site) {
    if (!looksAt(Site, Ctx) || !isa<CallExpr, CXXConstructExpr>(Site.S))
      return;
    const auto *Call = cast<Expr>(Site.S);
    if (isOpaque(Call))
      return;
    if (std::optional<ApiMatch> Api = findApi(Call, Site, AC->Body, Ctx)) {
      AsyncApiUse Use;
      Use.Call = Call;
      Use.Api = std::move(*Api);
      Report(std::move(Use), Site);
      return;
    }
    if (!Interprocedural)
      return;
    const FunctionDecl *Callee = followedCallee(Call);
    if (!Callee)
      return;
    const ReachedApi *Path = Summaries.reachedFrom(
        Callee, Ctx,
        [&](const Expr *Inner, const ExecutionSite &InnerSite,
            const Stmt *Body) { return findApi(Inner, InnerSite, Body, Ctx); },
        [&](const Expr *Inner) { return isOpaque(Inner); });
    if (!Path)
      return;
    AsyncApiUse Use;
    Use.Call = Call;
    Use.Api = Path->Api;
    Use.Helper = Callee;
    Use.Path = Path;
    Report(std::move(Use), Site);
  });
}

} // namespace clang::tidy::corolint
