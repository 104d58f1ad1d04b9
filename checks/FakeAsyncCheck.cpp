//===--- FakeAsyncCheck.cpp - coro-fake-async -----------------------------===//

#include "FakeAsyncCheck.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

FakeAsyncOptions fakeAsyncOptions(const ClangTidyCheck::OptionsView &Options) {
  FakeAsyncOptions Result;
  for (llvm::StringRef Name :
       utils::options::parseStringList(Options.get("BlockingExecutors", "")))
    if (!Name.trim().empty())
      Result.BlockingExecutors.push_back(Name.trim().str());
  return Result;
}

static FakeAsyncOptions withCpuBound(FakeAsyncOptions Options, bool CpuBound) {
  Options.IncludeCpuBoundOffload = CpuBound;
  return Options;
}

FakeAsyncCheck::FakeAsyncCheck(StringRef Name, ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      RawBlockingExecutors(Options.get("BlockingExecutors", "")),
      IncludeCpuBoundOffload(Options.get("IncludeCpuBoundOffload", false)),
      Analysis(
          withCpuBound(fakeAsyncOptions(Options), IncludeCpuBoundOffload)) {
  // A name that cannot be a qualified name would silently designate
  // nothing, and every finding on that pool would stay.
  for (llvm::StringRef Invalid : invalidQualifiedNames(RawBlockingExecutors))
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.BlockingExecutors'; expected qualified names of "
                      "executor types, variables or functions")
        << Invalid << Name;
}

void FakeAsyncCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingExecutors", RawBlockingExecutors);
  Options.store(Opts, "IncludeCpuBoundOffload", IncludeCpuBoundOffload);
}

void FakeAsyncCheck::registerMatchers(MatchFinder *Finder) {
  // Every function definition of the project, each analysed from its body
  // down; the signature test comes first and is cheap.
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     this);
}

void FakeAsyncCheck::onStartOfTranslationUnit() {
  Analysis.clear();
  Reported.clear();
}

void FakeAsyncCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  const FakeAsyncFinding *F = Analysis.analyze(FD, *Result.Context);
  if (!F || !Reported.insert(FD->getLocation()).second)
    return;
  std::string Name = plainQualifiedName(FD);
  if (!F->Blocking) {
    diag(FD->getLocation(),
         "'%0' %1 but only moves synchronous computation to another thread; "
         "expose the synchronous function and let callers decide where to "
         "run it")
        << Name << F->Promise;
    diag(static_cast<const Stmt *>(F->Offload)->getBeginLoc(),
         "the work moves to another thread here", DiagnosticIDs::Note);
    return;
  }
  // What the body does, by shape: the message, and the note at the hop or
  // the offload (none for inline work).
  const char *Message = nullptr, *Note = nullptr;
  switch (F->Shape) {
  case FakeAsyncShape::Offload:
    Message = "'%0' is fake asynchrony: it %1 but only runs blocking work on "
              "another thread, where '%2' (%3) holds the thread for the "
              "whole wait; expose the synchronous function and let callers "
              "decide where to run it, or use %4";
    Note = "the work moves to another thread here";
    break;
  case FakeAsyncShape::PoolHop:
    Message = "'%0' is fake asynchrony: it %1 but only hops to a thread pool "
              "to call '%2' (%3), which holds a pool thread for the whole "
              "wait; expose the synchronous function and let callers decide "
              "where to run it, or use %4";
    Note = "the coroutine moves to a thread pool here";
    break;
  case FakeAsyncShape::Inline:
    Message = "'%0' is fake asynchrony: it %1 but calls '%2' (%3) on the "
              "caller's thread and returns an already completed result; "
              "expose the synchronous function, or use %4";
    break;
  }
  const ApiMatch &Api = F->Blocking->Api;
  diag(FD->getLocation(), Message)
      << Name << F->Promise << Api.DisplayName
      << ApiCatalog::describeCategory(ApiKind::Blocking, Api.Entry->Category)
      << Api.Entry->Advice;
  if (Note)
    diag(static_cast<const Stmt *>(F->Offload)->getBeginLoc(), Note,
         DiagnosticIDs::Note);
  notePath(*this, *F->Blocking, "blocks", FD->getASTContext());
}

} // namespace clang::tidy::corolint
