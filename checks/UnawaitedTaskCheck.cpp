//===--- UnawaitedTaskCheck.cpp - coro-unawaited-task ---------------------===//

#include "UnawaitedTaskCheck.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

// "task 'asio::awaitable' returned by 'read_header'".
std::string describeValue(const Expr *Value, const TaskTypeInfo &Info) {
  const CXXRecordDecl *RD = recordOf(Value->getType());
  std::string Text = Info.IsTask ? "task" : "awaitable";
  if (RD)
    Text += " '" + plainQualifiedName(RD) + "'";
  if (const auto *Call = dyn_cast<CallExpr>(Value))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier())
        Text += " returned by '" + Callee->getName().str() + "'";
  return Text;
}

// `co_await` binds tighter than these.
bool needsParensUnderCoAwait(const Expr *E) {
  if (isa<BinaryOperator, ConditionalOperator, BinaryConditionalOperator>(E))
    return true;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->isInfixBinaryOp();
  return false;
}

} // namespace

UnawaitedTaskCheck::UnawaitedTaskCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      Types(readTypeModel(Options, *this, Name)),
      RawIgnoredTypes(Options.get("IgnoredTypes", "")) {
  for (const std::string &Type : parsePlainQualifiedNames(RawIgnoredTypes))
    IgnoredTypes.insert(Type);
}

void UnawaitedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  // Both halves of the type model, which this check reads.
  Options.store(Opts, "TaskTypes", Types.RawTaskTypes);
  Options.store(Opts, "FireAndForgetTypes", Types.RawFireAndForgetTypes);
  Options.store(Opts, "IgnoredTypes", RawIgnoredTypes);
}

std::optional<TaskTypeInfo>
UnawaitedTaskCheck::unawaitedTaskType(QualType T) const {
  if (T.isNull() || T->isReferenceType())
    return std::nullopt;
  TaskTypeInfo Info = Types.classify(T);
  // Generators and eager fire-and-forget types have nothing to await; the
  // latter are coro-detached-task's business.
  if (!Info.IsAwaitable || Info.IsFireAndForget)
    return std::nullopt;
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD || IgnoredTypes.contains(plainQualifiedName(RD)))
    return std::nullopt;
  return Info;
}

void UnawaitedTaskCheck::onStartOfTranslationUnit() {
  Catalog.startTranslationUnit();
  Types.startTranslationUnit();
}

// A lazy task dropped in a plain function never runs either, so every
// function body of the project is walked, each statement once, in the
// innermost function that runs it.
void UnawaitedTaskCheck::checkDefinition(const FunctionDecl *FD,
                                         ASTContext &Ctx) {
  // A framework's own primitives make and drop tasks by design.
  if (ApiCatalog::isFrameworkImplementation(FD))
    return;
  auto Visit = [&](const ExecutionSite &Site) {
    // An immediately invoked lambda is walked as a function of its own.
    if (Site.S != Site.FullStmt || Site.InvokedLambda ||
        isStatementExpressionValue(Site))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(Site.S)) {
      for (const UnawaitedTask &Task : findUnusedVariables(DS))
        render(Task);
      return;
    }
    forEachDroppedValue(Site.S, [&](const DroppedValue &Dropped) {
      if (std::optional<UnawaitedTask> Task =
              findDropped(Dropped, Site, FD, Ctx))
        render(*Task);
    });
  };
  if (std::optional<AsyncContext> Coroutine = coroutineContext(FD))
    forEachExecutedStmt(*Coroutine, Visit);
  else
    forEachExecutedStmtIn(FD->getBody(), Visit);
}

bool UnawaitedTaskCheck::isDetachingCall(const Expr *E) const {
  if (!isa<CallExpr>(E))
    return false;
  std::optional<ApiMatch> Api = Catalog.lookup(E, ApiKind::Detach);
  return Api && Api->Entry->Category == "discarded";
}

std::optional<UnawaitedTask>
UnawaitedTaskCheck::findDropped(const DroppedValue &Dropped,
                                const ExecutionSite &Site,
                                const FunctionDecl *FD, ASTContext &Ctx) const {
  const Expr *Value = Dropped.Value;
  // Only a value made by this statement is dropped by it: `task = make()`
  // and calls returning a reference hand back an object that lives on.
  // What `co_await x` yields is the result of awaited work, not a task
  // that was never awaited.
  if (!Value->isPRValue() || isa<CoawaitExpr, CoyieldExpr>(Value))
    return std::nullopt;
  std::optional<TaskTypeInfo> Info = unawaitedTaskType(Value->getType());
  if (!Info)
    return std::nullopt;
  // Detaching APIs that return a handle (folly's start()) are reported by
  // coro-detached-task.
  if (isDetachingCall(Value))
    return std::nullopt;
  UnawaitedTask Task;
  Task.Value = Value;
  Task.Type = *Info;
  Task.VoidCast = Dropped.VoidCast;
  if (Dropped.VoidCast)
    // Casting an eager awaitable to void is an explicit choice; a lazy
    // task cast to void is still a task that never runs.
    return Info->IsLazy ? std::optional<UnawaitedTask>(Task) : std::nullopt;

  SourceRange R = Value->getSourceRange();
  if (isCoroutine(FD) && Site.CanAwait && R.isValid() &&
      !R.getBegin().isMacroID() && !R.getEnd().isMacroID() &&
      isAwaitableIn(Value->getType(), FD)) {
    bool Parens = needsParensUnderCoAwait(Value);
    Task.AwaitOpen = FixItHint::CreateInsertion(
        R.getBegin(), Parens ? "co_await (" : "co_await ");
    if (Parens)
      Task.AwaitClose = FixItHint::CreateInsertion(
          Lexer::getLocForEndOfToken(R.getEnd(), 0, Ctx.getSourceManager(),
                                     Ctx.getLangOpts()),
          ")");
  }
  return Task;
}

llvm::SmallVector<UnawaitedTask, 1>
UnawaitedTaskCheck::findUnusedVariables(const DeclStmt *DS) const {
  llvm::SmallVector<UnawaitedTask, 1> Found;
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || isa<DecompositionDecl>(VD) || !VD->isLocalVarDecl() ||
        VD->isStaticLocal() || VD->isReferenced() ||
        VD->hasAttr<UnusedAttr>() || !VD->hasInit())
      continue;
    std::optional<TaskTypeInfo> Info = unawaitedTaskType(VD->getType());
    if (!Info)
      continue;
    // The task must be made here: a copy of a shared task or a moved-from
    // one is owned elsewhere as well.
    const Expr *Init = VD->getInit()->IgnoreImplicit();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init))
      Init = Cleanups->getSubExpr()->IgnoreImplicit();
    if (!isa<CallExpr>(Init) || isDetachingCall(Init))
      continue;
    UnawaitedTask Task;
    Task.Variable = VD;
    Task.Type = *Info;
    Found.push_back(Task);
  }
  return Found;
}

void UnawaitedTaskCheck::render(const UnawaitedTask &Task) {
  const TaskTypeInfo &Info = Task.Type;
  if (const VarDecl *VD = Task.Variable) {
    diag(VD->getLocation(),
         "%select{awaitable|task}0 '%1' ('%2') is never awaited, returned or "
         "passed on: %select{its completion and errors are never "
         "observed|a lazy task that is dropped never runs}3")
        << Info.IsTask << VD->getName()
        << plainQualifiedName(recordOf(VD->getType())) << Info.IsLazy;
    return;
  }
  const Expr *Value = Task.Value;
  std::string What = describeValue(Value, Info);
  if (Task.VoidCast) {
    diag(Value->getBeginLoc(),
         "'(void)' discards %0: a lazy task that is never awaited never "
         "runs")
        << What << Value->getSourceRange();
    return;
  }
  std::string Advice;
  if (!Task.AwaitOpen)
    Advice = ("; " + ApiCatalog::taskRunnerAdvice(Info.Fw)).str();
  auto Diag =
      Info.IsLazy
          ? diag(Value->getBeginLoc(),
                 "%0 is never awaited: a lazy task that is dropped never "
                 "runs%1")
          : diag(Value->getBeginLoc(),
                 "%0 is never awaited: its completion and errors are never "
                 "observed%1");
  Diag << What << Advice << Value->getSourceRange();
  if (Task.AwaitOpen)
    Diag << *Task.AwaitOpen;
  if (Task.AwaitClose)
    Diag << *Task.AwaitClose;
}

} // namespace clang::tidy::corolint
