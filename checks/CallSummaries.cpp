//===--- CallSummaries.cpp - APIs reached through the project's calls -----===//

#include "CallSummaries.h"
#include "Names.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::corolint {

static constexpr unsigned MaxSummaryDepth = 6;

void CallSummaries::clear() {
  Summaries.clear();
  InProgress.clear();
}

const ReachedApi *CallSummaries::reachedFrom(const FunctionDecl *FD,
                                             ASTContext &Ctx, ApiFinder Find,
                                             OpaqueCall Opaque) {
  return summarize(FD, Ctx, Find, Opaque, 0);
}

const ReachedApi *CallSummaries::summarize(const FunctionDecl *FD,
                                           ASTContext &Ctx, ApiFinder Find,
                                           OpaqueCall Opaque, unsigned Depth) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  auto It = Summaries.find(FD);
  if (It != Summaries.end())
    return It->second ? &*It->second : nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  // Only the project's own plain functions: a coroutine is an async context
  // of its own, and library internals are the catalog's business.
  if (Depth > MaxSummaryDepth || !FD->hasBody() || isCoroutine(FD) ||
      SM.isInSystemHeader(FD->getLocation()) || InProgress.contains(FD))
    return nullptr;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      MD && MD->getParent()->isLambda())
    return nullptr;

  InProgress.insert(FD);
  std::optional<ReachedApi> Found =
      scan(FD->getBody(), Ctx, Find, Opaque, Depth);
  InProgress.erase(FD);
  // Not a reference taken before the recursion above: it may rehash.
  auto &Slot = Summaries[FD];
  Slot = std::move(Found);
  return Slot ? &*Slot : nullptr;
}

std::optional<ReachedApi> CallSummaries::reachedIn(const Stmt *Body,
                                                   ASTContext &Ctx,
                                                   ApiFinder Find,
                                                   OpaqueCall Opaque) {
  return scan(Body, Ctx, Find, Opaque, 0);
}

std::optional<ReachedApi> CallSummaries::scan(const Stmt *Body, ASTContext &Ctx,
                                              ApiFinder Find, OpaqueCall Opaque,
                                              unsigned Depth) {
  std::optional<ReachedApi> Found;
  // A path on the function's normal path wins over one in a branch: a
  // logger's rarely taken rotation path must not hide the join beside it,
  // nor make every caller "blocking".
  forEachExecutedStmtIn(Body, [&](const ExecutionSite &Site) {
    if ((Found && !Found->Conditional) || !isa<CallExpr, CXXConstructExpr>(Site.S))
      return;
    const auto *Call = cast<Expr>(Site.S);
    bool Conditional = isOnConditionalPath(Site);
    if (Found && Conditional)
      return;
    if (std::optional<ApiMatch> Api = Find(Call, Site, Body)) {
      Found.emplace();
      Found->Chain.push_back(Call);
      Found->Api = *Api;
      Found->Conditional = Conditional;
      return;
    }
    const auto *CE = dyn_cast<CallExpr>(Call);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee || (Opaque && Opaque(Call)))
      return;
    if (const ReachedApi *Inner =
            summarize(Callee, Ctx, Find, Opaque, Depth + 1)) {
      if (Found && Inner->Conditional)
        return;
      Found.emplace(*Inner);
      Found->Chain.insert(Found->Chain.begin(), Call);
      Found->Conditional |= Conditional;
    }
  });
  return Found;
}

void notePath(ClangTidyCheck &Check, const ReachedApi &Path,
              llvm::StringRef Verb) {
  for (size_t I = 0; I < Path.Chain.size(); ++I) {
    const Expr *Step = Path.Chain[I];
    SourceLocation Loc = static_cast<const Stmt *>(Step)->getBeginLoc();
    if (I + 1 == Path.Chain.size()) {
      Check.diag(Loc, "'%0' %1 here", DiagnosticIDs::Note)
          << Path.Api.DisplayName << Verb;
      continue;
    }
    const auto *CE = dyn_cast<CallExpr>(Step);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    Check.diag(Loc, "through the call to '%0' here", DiagnosticIDs::Note)
        << (Callee ? plainQualifiedName(Callee) : std::string("<call>"));
  }
}

} // namespace clang::tidy::corolint
