//===--- AsyncApiUseCheck.cpp - A catalog API used in an async context ----===//

#include "AsyncApiUseCheck.h"
#include "Frameworks.h"
#include "Names.h"
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
      UserApisOption(UserApisOption), Kind(Kind),
      IndexPath(Options.getLocalOrGlobal("ProjectIndex", "")) {
  for (llvm::StringRef Spec : utils::options::parseStringList(RawUserApis))
    Catalog.addUserEntry(Kind, Spec, UserCategory);
  for (llvm::StringRef Allowed :
       utils::options::parseStringList(RawAllowedFunctions))
    Catalog.allow(Allowed);
  if (!IndexPath.empty()) {
    if (auto Loaded = ProjectIndex::shared(IndexPath))
      Index = std::move(*Loaded);
    else
      configurationDiag("%0") << llvm::toString(Loaded.takeError());
  }
}

void AsyncApiUseCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, UserApisOption, RawUserApis);
  Options.store(Opts, "AllowedFunctions", RawAllowedFunctions);
  Options.store(Opts, "Interprocedural", Interprocedural);
  Options.store(Opts, "ProjectIndex", IndexPath);
}

static constexpr llvm::StringLiteral IndexedFunction = "corolint-indexed";

void AsyncApiUseCheck::registerMatchers(MatchFinder *Finder) {
  registerAsyncContextMatchers(Finder, this);
  // Only while the driver builds an index: every function defined outside
  // the system headers.
  if (IndexRecorder::current() && Interprocedural)
    Finder->addMatcher(
        functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
            .bind(IndexedFunction),
        this);
}

void AsyncApiUseCheck::onStartOfTranslationUnit() {
  Summaries.clear();
  ReportedCalls.clear();
  DefinedFunctions.clear();
  Context = nullptr;
  if (Index)
    Summaries.setExternalFinder([this](const FunctionDecl *Callee) {
      return reachedElsewhere(Callee);
    });
  else if (IndexRecorder *Recorder = IndexRecorder::current())
    // --whole-program's first pass: which files an index could change.
    Summaries.setExternalFinder(
        [Recorder](const FunctionDecl *Callee) -> std::optional<ReachedApi> {
          Recorder->noteExternalCall(usrOf(Callee));
          return std::nullopt;
        });
}

void AsyncApiUseCheck::onEndOfTranslationUnit() {
  if (IndexRecorder *Recorder = IndexRecorder::current())
    recordIndex(*Recorder);
}

static SummaryKind summaryKindOf(ApiKind Kind) {
  return Kind == ApiKind::SyncWait ? SummaryKind::SyncWait
                                   : SummaryKind::Blocking;
}

void AsyncApiUseCheck::recordIndex(IndexRecorder &Recorder) {
  if (!Context)
    return;
  ASTContext &Ctx = *Context;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *FD : DefinedFunctions) {
    std::vector<IndexedStep> Steps;
    std::string Framework;
    if (isCoroutine(FD)) {
      Framework = frameworkName(classifyType(FD->getReturnType()).Fw).str();
    } else {
      for (const CallSummaries::StepView &S : Summaries.stepsFor(
               FD, Ctx,
               [&](const Expr *Inner, const ExecutionSite &InnerSite,
                   const Stmt *Body) {
                 return findApi(Inner, InnerSite, Body, Ctx);
               },
               [&](const Expr *Inner) { return isOpaque(Inner); })) {
        IndexedStep Step;
        SourceLocation Loc = SM.getExpansionLoc(
            static_cast<const Stmt *>(S.Call)->getBeginLoc());
        Step.Line = SM.getExpansionLineNumber(Loc);
        Step.Column = SM.getExpansionColumnNumber(Loc);
        if (SM.getFileID(Loc) !=
            SM.getFileID(SM.getExpansionLoc(FD->getLocation())))
          Step.File = SM.getFilename(Loc).str();
        Step.Conditional = S.Conditional;
        if (S.Api) {
          Step.Api = IndexedApi{S.Api->Name, S.Api->DisplayName,
                                S.Api->Entry->Category};
        } else {
          const auto *MD = dyn_cast<CXXMethodDecl>(S.Callee);
          if (MD && MD->getParent()->isLambda())
            continue;
          Step.Callee = usrOf(S.Callee);
          Step.CalleeName = plainQualifiedName(S.Callee);
          if (Step.Callee.empty())
            continue;
        }
        Steps.push_back(std::move(Step));
      }
    }
    Recorder.record(FD, summaryKindOf(Kind), std::move(Steps), Framework);
  }
}

std::optional<ReachedApi>
AsyncApiUseCheck::reachedElsewhere(const FunctionDecl *Callee) const {
  const IndexedReach *Reach = Index->reach(usrOf(Callee), summaryKindOf(Kind));
  if (!Reach)
    return std::nullopt;
  // An API the configuration no longer names is no finding.
  const ApiEntry *Entry = Catalog.entryNamed(Reach->Api.Name, Kind);
  if (!Entry)
    return std::nullopt;
  ReachedApi Path;
  Path.Remote.assign(Reach->Steps.begin(), Reach->Steps.end());
  Path.Api.Entry = Entry;
  Path.Api.Name = Reach->Api.Name;
  Path.Api.DisplayName = Reach->Api.Display;
  Path.Conditional = Reach->Conditional;
  Path.Builds = Reach->Builds;
  return Path;
}

void AsyncApiUseCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>(IndexedFunction)) {
    Context = Result.Context;
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (!FD->isDependentContext() && !FD->isTemplateInstantiation() &&
        !(MD && MD->getParent()->isLambda()))
      DefinedFunctions.push_back(FD);
    return;
  }
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
