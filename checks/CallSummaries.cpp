//===--- CallSummaries.cpp - APIs reached through the project's calls -----===//

#include "CallSummaries.h"
#include "BottomUp.h"
#include "Names.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::corolint {

const FunctionDecl *followedCallee(const Expr *Call) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!MD || !MD->isVirtual() || MD->hasAttr<FinalAttr>() ||
      MD->getParent()->hasAttr<FinalAttr>())
    return Callee;
  // `Base::f()` names the function that runs.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(CE))
    if (const auto *ME =
            dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
        ME && ME->hasQualifier())
      return Callee;
  return nullptr;
}

void CallSummaries::clear() {
  Steps.clear();
  Summaries.clear();
  Solved.clear();
  Externals.clear();
}

bool CallSummaries::isSummarised(const FunctionDecl *FD,
                                 const SourceManager &SM) const {
  // Only the project's own plain functions: a coroutine is an async context
  // of its own, and library internals are the catalog's business.
  if (!FD->hasBody() || isCoroutine(FD) ||
      SM.isInSystemHeader(FD->getLocation()))
    return false;
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return !(MD && MD->getParent()->isLambda());
}

llvm::SmallVector<CallSummaries::Step, 4>
CallSummaries::collectSteps(const Stmt *Body, ASTContext &Ctx, ApiFinder Find,
                            OpaqueCall Opaque) {
  llvm::SmallVector<Step, 4> Found;
  const SourceManager &SM = Ctx.getSourceManager();
  bool Settled = false;
  forEachExecutedStmtIn(Body, [&](const ExecutionSite &Site) {
    // Nothing after an API the body always reaches changes its summary.
    if (Settled || !isa<CallExpr, CXXConstructExpr>(Site.S))
      return;
    const auto *Call = cast<Expr>(Site.S);
    Step S;
    S.Call = Call;
    S.Conditional = isOnConditionalPath(Site);
    if (std::optional<ApiMatch> Api = Find(Call, Site, Body)) {
      S.Api = std::move(Api);
      Settled = !S.Conditional;
      Found.push_back(std::move(S));
      return;
    }
    const FunctionDecl *Callee = followedCallee(Call);
    if (!Callee || (Opaque && Opaque(Call)))
      return;
    Callee = Callee->getDefinition() ? Callee->getDefinition() : Callee;
    if (SM.isInSystemHeader(Callee->getLocation()))
      return;
    S.Callee = Callee;
    Found.push_back(std::move(S));
  });
  return Found;
}

const llvm::SmallVector<CallSummaries::Step, 4> &
CallSummaries::stepsOf(const FunctionDecl *FD, ASTContext &Ctx, ApiFinder Find,
                       OpaqueCall Opaque) {
  auto It = Steps.find(FD);
  if (It != Steps.end())
    return It->second;
  llvm::SmallVector<Step, 4> Collected =
      collectSteps(FD->getBody(), Ctx, Find, Opaque);
  return Steps[FD] = std::move(Collected);
}

const ReachedApi *CallSummaries::current(const FunctionDecl *Callee) {
  if (auto It = Summaries.find(Callee); It != Summaries.end())
    return It->second ? &*It->second : nullptr;
  if (Callee->hasBody() || !External)
    return nullptr;
  auto [It, Inserted] = Externals.try_emplace(Callee);
  if (Inserted)
    It->second = External(Callee);
  return It->second ? &*It->second : nullptr;
}

static bool passesThrough(const ReachedApi &Path, const FunctionDecl *FD) {
  return llvm::any_of(Path.Chain, [&](const Expr *Call) {
    const FunctionDecl *Callee = followedCallee(Call);
    return Callee && Callee->getCanonicalDecl() == FD->getCanonicalDecl();
  });
}

std::optional<ReachedApi>
CallSummaries::choose(llvm::ArrayRef<Step> FunctionSteps,
                      const FunctionDecl *Self) {
  std::optional<ReachedApi> Found;
  // A path on the function's normal path wins over one in a branch: a
  // logger's rarely taken rotation path must not hide the join beside it,
  // nor make every caller "blocking".
  for (const Step &S : FunctionSteps) {
    if (Found && !Found->Conditional)
      break;
    if (Found && S.Conditional)
      continue;
    if (S.Api) {
      Found.emplace();
      Found->Chain.push_back(S.Call);
      Found->Api = *S.Api;
      Found->Conditional = S.Conditional;
      continue;
    }
    const ReachedApi *Inner = S.Callee ? current(S.Callee) : nullptr;
    if (!Inner || (Found && Inner->Conditional) ||
        (Self && passesThrough(*Inner, Self)))
      continue;
    Found.emplace(*Inner);
    Found->Chain.insert(Found->Chain.begin(), S.Call);
    Found->Conditional |= S.Conditional;
  }
  return Found;
}

/// How much a summary says: nothing, may reach, reaches. Summaries only
/// move up this order while a component is solved.
static int strength(const std::optional<ReachedApi> &Path) {
  return !Path ? 0 : Path->Conditional ? 1 : 2;
}

void CallSummaries::solve(const FunctionDecl *FD, ASTContext &Ctx,
                          ApiFinder Find, OpaqueCall Opaque) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Successors = [&](const FunctionDecl *Node) {
    llvm::SmallVector<const FunctionDecl *, 8> Next;
    for (const Step &S : stepsOf(Node, Ctx, Find, Opaque))
      if (S.Callee && isSummarised(S.Callee, SM))
        Next.push_back(S.Callee);
    return Next;
  };
  auto IsSolved = [&](const FunctionDecl *Node) { return Solved.lookup(Node); };
  forEachComponentBottomUp(
      FD, Successors, IsSolved,
      [&](llvm::ArrayRef<const FunctionDecl *> Component) {
        for (const FunctionDecl *Member : Component)
          Summaries.try_emplace(Member);
        solveComponent(Component, [&](const FunctionDecl *Member) {
          std::optional<ReachedApi> Next =
              choose(stepsOf(Member, Ctx, Find, Opaque), Member);
          std::optional<ReachedApi> &Slot = Summaries[Member];
          // Only a stronger summary replaces the current one: the fixed
          // point is reached in at most two rounds per member, and a path
          // never grows by going round the cycle again.
          if (strength(Next) <= strength(Slot))
            return false;
          Slot = std::move(Next);
          return true;
        });
        for (const FunctionDecl *Member : Component)
          Solved[Member] = true;
      });
}

const ReachedApi *CallSummaries::reachedFrom(const FunctionDecl *FD,
                                             ASTContext &Ctx, ApiFinder Find,
                                             OpaqueCall Opaque) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  if (!isSummarised(FD, Ctx.getSourceManager())) {
    if (FD->hasBody() ||
        Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
      return nullptr;
    return current(FD);
  }
  solve(FD, Ctx, Find, Opaque);
  return current(FD);
}

llvm::SmallVector<CallSummaries::StepView, 4>
CallSummaries::stepsFor(const FunctionDecl *FD, ASTContext &Ctx, ApiFinder Find,
                        OpaqueCall Opaque) {
  llvm::SmallVector<StepView, 4> Out;
  for (const Step &S : stepsOf(FD, Ctx, Find, Opaque))
    Out.push_back({S.Call, S.Conditional, S.Api ? &*S.Api : nullptr, S.Callee});
  return Out;
}

std::optional<ReachedApi> CallSummaries::reachedIn(const Stmt *Body,
                                                   ASTContext &Ctx,
                                                   ApiFinder Find,
                                                   OpaqueCall Opaque) {
  llvm::SmallVector<Step, 4> BodySteps = collectSteps(Body, Ctx, Find, Opaque);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Step &S : BodySteps)
    if (S.Callee && isSummarised(S.Callee, SM))
      solve(S.Callee, Ctx, Find, Opaque);
  return choose(BodySteps, nullptr);
}

/// The location of \p Step in its file, which this translation unit may
/// not have read yet; invalid if the file is gone.
static SourceLocation locationOf(const RemoteStep &Step, SourceManager &SM) {
  llvm::Expected<FileEntryRef> File = SM.getFileManager().getFileRef(Step.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return {};
  }
  FileID ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(ID, Step.Line, Step.Column);
}

void notePath(ClangTidyCheck &Check, const ReachedApi &Path,
              llvm::StringRef Verb, ASTContext &Ctx) {
  for (size_t I = 0; I < Path.Chain.size(); ++I) {
    const Expr *Step = Path.Chain[I];
    SourceLocation Loc = static_cast<const Stmt *>(Step)->getBeginLoc();
    if (I + 1 == Path.Chain.size() && Path.Remote.empty()) {
      Check.diag(Loc, "'%0' %1 here", DiagnosticIDs::Note)
          << Path.Api.DisplayName << Verb;
      continue;
    }
    const FunctionDecl *Callee = followedCallee(Step);
    Check.diag(Loc, "through the call to '%0' here", DiagnosticIDs::Note)
        << (Callee ? plainQualifiedName(Callee) : std::string("<call>"));
  }
  SourceManager &SM = Ctx.getSourceManager();
  for (const RemoteStep &Step : Path.Remote) {
    bool Last = &Step == &Path.Remote.back();
    SourceLocation Loc = locationOf(Step, SM);
    // A file the index names but that is gone: the step is still worth
    // reading, at the call that leads there.
    std::string Where;
    if (Loc.isInvalid()) {
      Loc = static_cast<const Stmt *>(Path.Chain.back())->getBeginLoc();
      Where = " (at " + Step.File + ":" + std::to_string(Step.Line) + ")";
    }
    if (Last && !Path.Builds.empty())
      Where += " (" + Path.Builds + ")";
    if (Step.Callee.empty())
      Check.diag(Loc, "'%0' %1 here%2", DiagnosticIDs::Note)
          << Path.Api.DisplayName << Verb << Where;
    else
      Check.diag(Loc, "through the call to '%0' here%1", DiagnosticIDs::Note)
          << Step.Callee << Where;
  }
}

} // namespace clang::tidy::corolint
