//===--- DetachedTaskCheck.cpp - coro-detached-task -----------------------===//

#include "DetachedTaskCheck.h"
#include "AsyncRewrite.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

constexpr unsigned MaxForwardingDepth = 3;

class ThrowFinder : public RecursiveASTVisitor<ThrowFinder> {
public:
  bool Found = false;
  bool VisitCXXThrowExpr(CXXThrowExpr *) {
    Found = true;
    return false;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
};

// A handler that catches everything a coroutine is expected to throw: `...`
// or std::exception by reference, and does not throw again.
bool catchesEverything(const CXXCatchStmt *Handler) {
  if (const VarDecl *Caught = Handler->getExceptionDecl()) {
    QualType T = Caught->getType();
    if (!T->isReferenceType())
      return false;
    const CXXRecordDecl *RD = recordOf(T);
    // Why not the catalog: the root of the standard exception hierarchy is
    // the language runtime's, not an API of a library the catalog describes.
    if (!RD || plainQualifiedName(RD) != "std::exception")
      return false;
  }
  ThrowFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(Handler->getHandlerBlock()));
  return !Finder.Found;
}

// One of the try statement's handlers catches everything.
bool tryCatchesEverything(const CXXTryStmt *Try) {
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
    if (catchesEverything(Try->getHandler(I)))
      return true;
  return false;
}

// The whole body of coroutine FD sits in a try whose handlers catch
// everything: the coroutine reports its own errors.
bool wholeBodyCatches(const FunctionDecl *FD) {
  if (!FD)
    return false;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !isCoroutine(Def))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(
      cast<CoroutineBodyStmt>(Def->getBody())->getBody());
  if (!Body || Body->size() != 1)
    return false;
  const auto *Try = dyn_cast<CXXTryStmt>(Body->body_front());
  return Try && tryCatchesEverything(Try);
}

// The lambda or the called function that makes the coroutine, for
// messages: "'listener'", "the coroutine lambda".
std::string describeSpawned(const Expr *Spawned) {
  Spawned = stripWrappers(Spawned);
  // session(std::move(socket)) on a std::function or another callable
  // object is named after the object.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Spawned);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    if (const ValueDecl *Callable = referencedDecl(Op->getArg(0)))
      return "'" + Callable->getName().str() + "'";
  if (const auto *Call = dyn_cast<CallExpr>(Spawned))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Callee->getIdentifier())
        return "'" + Callee->getName().str() + "'";
  if (const auto *L = dyn_cast<LambdaExpr>(Spawned)) {
    const CXXMethodDecl *Op = L->getCallOperator();
    if (isCoroutine(Op))
      return "the coroutine lambda";
    // [self] { return self->reader(); } spawns reader.
    if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Op->getBody());
        Body && Body->size() == 1)
      if (const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
          Return && Return->getRetValue())
        return describeSpawned(Return->getRetValue());
  }
  return "the coroutine";
}

// The value type T of the awaitable<T> (or task<T>) a spawn runs, to give
// a completion handler the right signature; nullopt when unknown.
// std::async(std::launch::deferred, ...): the work never runs unless
// waited for.
bool launchesDeferred(const CallExpr *Call) {
  if (Call->getNumArgs() <= 1)
    return false;
  const auto *Policy = dyn_cast<DeclRefExpr>(stripWrappers(Call->getArg(0)));
  const auto *Enumerator =
      Policy ? dyn_cast<EnumConstantDecl>(Policy->getDecl()) : nullptr;
  return Enumerator &&
         llvm::any_of(ApiCatalog::deferredLaunches(),
                      [&](const DeferredLaunch &L) {
                        return Enumerator->getName() == L.Deferred;
                      });
}

std::optional<QualType> spawnedValueType(const Expr *Spawned) {
  QualType T = stripWrappers(Spawned)->getType();
  if (const auto *L = dyn_cast<LambdaExpr>(stripWrappers(Spawned)))
    T = L->getCallOperator()->getReturnType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  return Spec->getTemplateArgs()[0].getAsType();
}

const FunctionDecl *enclosingNamedFunction(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->getParent()->isLambda() ? nullptr : FD;
}

// The coroutine a spawn runs: the called coroutine, the coroutine lambda,
// or the coroutine a plain lambda returns ([self] { return self->reader(); }).
const FunctionDecl *spawnedCoroutine(const Expr *Spawned, unsigned Depth = 0) {
  Spawned = stripWrappers(Spawned);
  if (const auto *Call = dyn_cast<CallExpr>(Spawned)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    return isCoroutine(Def) ? Def : nullptr;
  }
  const auto *L = dyn_cast<LambdaExpr>(Spawned);
  if (!L)
    return nullptr;
  const CXXMethodDecl *Op = L->getCallOperator();
  if (isCoroutine(Op))
    return Op;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Op->getBody());
  if (Depth >= MaxForwardingDepth || !Body || Body->size() != 1)
    return nullptr;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return && Return->getRetValue()
             ? spawnedCoroutine(Return->getRetValue(), Depth + 1)
             : nullptr;
}

// An asio operation awaited with as_tuple/as_single or redirect_error
// completes with its error as a value instead of throwing it.
bool reportsErrorAsValue(const Expr *Awaited) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Awaited->getType().getNonReferenceType()->getAsCXXRecordDecl());
  if (Spec && Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    QualType Value = Spec->getTemplateArgs()[0].getAsType();
    if (ApiCatalog::isErrorCodeType(Value))
      return true;
    // Why not the catalog: as_tuple's value is a std::tuple, a vocabulary
    // type; the error code it leads with is the catalog's.
    if (const auto *Tuple = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Value->getAsCXXRecordDecl());
        Tuple && plainQualifiedName(Tuple) == "std::tuple" &&
        Tuple->getTemplateArgs().size() > 0 &&
        Tuple->getTemplateArgs()[0].getKind() == TemplateArgument::Pack &&
        Tuple->getTemplateArgs()[0].pack_size() > 0 &&
        ApiCatalog::isErrorCodeType(
            Tuple->getTemplateArgs()[0].pack_begin()->getAsType()))
      return true;
  }
  if (const auto *Call = dyn_cast<CallExpr>(Awaited))
    for (const Expr *Arg : Call->arguments())
      if (const CXXRecordDecl *RD = recordOf(Arg->getType());
          // Why not the catalog: redirect_error's token type, matched by
          // suffix so that both asios are one name here.
          RD && llvm::StringRef(plainQualifiedName(RD))
                    .ends_with("asio::redirect_error_t"))
        return true;
  return false;
}

// The site is in the try block of a try statement that catches everything:
// what it throws does not leave the coroutine.
bool insideCatchingTry(const ExecutionSite &Site) {
  for (size_t I = 0; I < Site.Ancestors.size(); ++I) {
    const auto *Try = dyn_cast<CXXTryStmt>(Site.Ancestors[I]);
    if (Try && Site.childOf(I) == Try->getTryBlock() &&
        tryCatchesEverything(Try))
      return true;
  }
  return false;
}

// An awaited asio operation that is not an awaitable (a deferred operation,
// `async_x(deferred)`) throws when its completion signature starts with an
// error: co_await turns that error into an exception.
bool deferredOperationThrows(QualType Awaited) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Awaited.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() != TemplateArgument::Type)
      continue;
    const auto *Sig = Arg.getAsType()->getAs<FunctionProtoType>();
    if (!Sig || Sig->getNumParams() == 0)
      continue;
    QualType First = Sig->getParamType(0);
    const CXXRecordDecl *RD = recordOf(First);
    // Why not the catalog: std::exception_ptr is how the language carries an
    // exception, the first parameter of a completion signature that throws.
    if (ApiCatalog::isErrorCodeType(First) ||
        (RD && plainQualifiedName(RD) == "std::exception_ptr"))
      return true;
  }
  return false;
}

// Constructing an asio I/O object from more than its executor (an acceptor
// given an endpoint binds and listens, a socket given one opens it) throws
// when that fails, as does any asio constructor not marked noexcept there.
bool opensDescriptor(const CXXConstructExpr *Construct) {
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  unsigned Given = 0;
  for (const Expr *Arg : Construct->arguments())
    Given += !isa<CXXDefaultArgExpr>(Arg);
  if (Given < 2 || !Ctor || Ctor->isCopyOrMoveConstructor())
    return false;
  const auto *Proto = Ctor->getType()->getAs<FunctionProtoType>();
  if (Proto && Proto->isNothrow())
    return false;
  return asioFlavourOf(plainQualifiedName(Ctor->getParent())) !=
         Framework::None;
}

// Whether errors leave coroutine FD as exceptions: it throws, opens an asio
// I/O object, or awaits an asio operation or another coroutine that throws on
// failure. A coroutine
// written against error codes (as_tuple, redirect_error) does not, and
// detaching it loses nothing it means to report.
bool errorsTravelAsExceptions(const FunctionDecl *FD, const ApiCatalog &Catalog,
                              unsigned Depth = 0) {
  std::optional<AsyncContext> Ctx = coroutineContext(FD);
  if (!Ctx)
    return true;
  bool Throws = false;
  forEachExecutedStmt(*Ctx, [&](const ExecutionSite &Site) {
    if (Throws || insideCatchingTry(Site))
      return;
    if (isa<CXXThrowExpr>(Site.S)) {
      Throws = true;
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Site.S);
        Construct && opensDescriptor(Construct)) {
      Throws = true;
      return;
    }
    const auto *Await = dyn_cast<CoawaitExpr>(Site.S);
    if (!Await || !Await->getOperand())
      return;
    const Expr *Awaited = stripWrappers(Await->getOperand());
    if (Catalog.lookup(Awaited, ApiKind::CancelOnly))
      return;
    TaskTypeInfo Info = classifyType(Awaited->getType());
    // this_coro::executor and other non-task awaitables do not fail; a
    // deferred operation fails as its completion signature says.
    if (!Info.IsTask) {
      Throws = deferredOperationThrows(Awaited->getType());
      return;
    }
    if (asioNamespace(Info.Fw).empty()) {
      Throws = true;
      return;
    }
    if (reportsErrorAsValue(Awaited))
      return;
    // A coroutine of the project: look inside.
    if (const auto *Call = dyn_cast<CallExpr>(Awaited))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (const FunctionDecl *Def = Callee->getDefinition();
            Def && isCoroutine(Def) && Depth < MaxForwardingDepth &&
            !Def->getASTContext().getSourceManager().isInSystemHeader(
                Def->getLocation())) {
          Throws = errorsTravelAsExceptions(Def, Catalog, Depth + 1);
          return;
        }
    Throws = true;
  });
  return Throws;
}

} // namespace

DetachedTaskCheck::DetachedTaskCheck(StringRef Name, ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      StrictMode(Options.get("StrictMode", false)),
      RawAllowedSpawnSites(Options.get("AllowedSpawnSites", "")),
      RawDetachFunctions(Options.get("DetachFunctions", "")),
      Types(readTypeModel(Options, *this, Name)) {
  for (const std::string &Site : parsePlainQualifiedNames(RawAllowedSpawnSites))
    AllowedSpawnSites.insert(Site);
  for (llvm::StringRef Spec :
       utils::options::parseStringList(RawDetachFunctions))
    Catalog.addUserEntry(ApiKind::Detach, Spec, "call", "");
}

void DetachedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StrictMode", StrictMode);
  Options.store(Opts, "AllowedSpawnSites", RawAllowedSpawnSites);
  Options.store(Opts, "DetachFunctions", RawDetachFunctions);
  // Both halves of the type model, which this check reads.
  Options.store(Opts, "FireAndForgetTypes", Types.RawFireAndForgetTypes);
  Options.store(Opts, "TaskTypes", Types.RawTaskTypes);
}

bool DetachedTaskCheck::isFireAndForget(QualType T) const {
  return Types.classify(T).IsFireAndForget;
}

bool DetachedTaskCheck::isAllowedSite(const FunctionDecl *FD) const {
  const FunctionDecl *Named = enclosingNamedFunction(FD);
  if (!Named || AllowedSpawnSites.empty())
    return false;
  return AllowedSpawnSites.contains(plainQualifiedName(Named)) ||
         (Named->getIdentifier() &&
          AllowedSpawnSites.contains(Named->getName()));
}

void DetachedTaskCheck::onStartOfTranslationUnit() {
  Catalog.startTranslationUnit();
  Types.startTranslationUnit();
}

// Every function body of the project, walked from the top: the walk visits
// each statement once, in the innermost function that runs it.
void DetachedTaskCheck::checkDefinition(const FunctionDecl *FD,
                                        ASTContext &Ctx) {
  if (std::optional<FireAndForgetDefinition> Definition =
          findFireAndForgetDefinition(FD))
    render(*Definition);
  checkFunction(FD, Ctx);
}

std::optional<DetachedTaskCheck::FireAndForgetDefinition>
DetachedTaskCheck::findFireAndForgetDefinition(const FunctionDecl *FD) const {
  if (!isCoroutine(FD) || !isFireAndForget(FD->getReturnType()) ||
      ApiCatalog::isFrameworkImplementation(FD))
    return std::nullopt;
  if (!StrictMode && wholeBodyCatches(FD))
    return std::nullopt;
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  FireAndForgetDefinition Definition{FD, MD && MD->getParent()->isLambda(),
                                     recordOf(FD->getReturnType())};
  if (std::optional<PromiseInfo> Promise = promiseOf(FD->getReturnType()))
    if (Promise->SwallowsExceptions && Promise->UnhandledException) {
      Definition.SwallowingHandler = Promise->UnhandledException;
      Definition.Promise = Promise->Promise;
    }
  return Definition;
}

void DetachedTaskCheck::render(const FireAndForgetDefinition &Definition) {
  const FunctionDecl *FD = Definition.Coroutine;
  SourceLocation Loc = Definition.IsLambda
                           ? cast<CXXMethodDecl>(FD)->getParent()->getLocation()
                           : FD->getLocation();
  diag(Loc, "%select{coroutine '%1'|coroutine lambda}0 returns "
            "fire-and-forget type '%2': callers cannot await it or observe "
            "its errors, and nothing ties its lifetime to theirs (the C++ "
            "analogue of 'async void'); return an awaitable task and let "
            "the caller await it or hand it to a scope")
      << Definition.IsLambda
      << (Definition.IsLambda ? "" : FD->getNameAsString())
      << (Definition.Returned ? plainQualifiedName(Definition.Returned) : "");
  if (Definition.SwallowingHandler)
    diag(Definition.SwallowingHandler->getLocation(),
         "'unhandled_exception' of '%0' is empty: exceptions thrown in "
         "the coroutine vanish here",
         DiagnosticIDs::Note)
        << plainQualifiedName(Definition.Promise);
}

void DetachedTaskCheck::checkFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  bool Allowed = isAllowedSite(FD);
  // A framework's own primitives (start(callback), scopes, forwarding
  // co_spawn overloads) launch coroutines and let them go by design; a
  // std::thread it detaches is still reported.
  bool Primitive = ApiCatalog::isFrameworkImplementation(FD);
  // The io_contexts this function runs: a spawn onto one of them whose
  // exception is rethrown by its handler comes out of run() right here.
  // Each maps to whether run() is called inside a try that catches what a
  // rethrowing handler would throw out of it.
  llvm::SmallDenseMap<const ValueDecl *, bool, 2> EventLoops;
  llvm::SmallVector<PendingSpawn, 2> Spawns;

  auto Visit = [&](const ExecutionSite &Site) {
    // An immediately invoked lambda is walked as a function of its own.
    if (Site.InvokedLambda)
      return;
    if (Site.S == Site.FullStmt && !isStatementExpressionValue(Site))
      forEachDroppedValue(Site.S, [&](const DroppedValue &Dropped) {
        // A void result (folly's start(callback)) hands the outcome to
        // the callback instead.
        if (!isa<CallExpr>(Dropped.Value) || Allowed ||
            Dropped.Value->getType()->isVoidType())
          return;
        std::optional<ApiMatch> Api =
            Catalog.lookup(Dropped.Value, ApiKind::Detach);
        if (Api && ((Api->Entry->Category == "discarded" && !Primitive) ||
                    Api->Entry->Category == "future"))
          reportDroppedResult(
              Dropped.Value, *Api,
              Api->Entry->Category == "future" &&
                  launchesDeferred(cast<CallExpr>(Dropped.Value)));
      });

    const auto *Call = dyn_cast<CallExpr>(Site.S);
    if (!Call)
      return;
    // Why not the catalog: of the event loops (SyncWait rows of category
    // loop) only io_context's run family is where main's try block reports
    // a rethrown exception; a pool's attach() is not.
    if (std::optional<ApiMatch> Wait = Catalog.lookup(Call, ApiKind::SyncWait);
        Wait && llvm::StringRef(Wait->Name).contains("io_context::run"))
      if (const Expr *Loop = receiverOf(Call))
        if (const ValueDecl *Context = referencedDecl(Loop))
          EventLoops[Context] |=
              llvm::any_of(Site.Ancestors, [](const Stmt *S) {
                const auto *Try = dyn_cast<CXXTryStmt>(S);
                return Try && tryCatchesEverything(Try);
              });
    if (Allowed)
      return;

    if (Call->isPRValue() && isFireAndForget(Call->getType())) {
      if (!Primitive &&
          (StrictMode || !wholeBodyCatches(Call->getDirectCallee())))
        reportFireAndForgetCall(Call);
      return;
    }

    std::optional<ApiMatch> Api = Catalog.lookup(Call, ApiKind::Detach);
    if (!Api)
      return;
    llvm::StringRef Trigger = Api->Entry->Category;
    if (Trigger == "call") {
      // Inside a framework, its own spawners (libcoro's spawn_detached in
      // condition_variable) are how its primitives work; a std::thread it
      // detaches is not.
      if (!(Primitive && Api->Entry->Fw != Framework::None))
        reportDetachCall(Call, *Api);
      return;
    }
    // asio's SFINAE constraints are defaulted trailing parameters.
    unsigned NumArgs = Call->getNumArgs();
    while (NumArgs > 0 && isa<CXXDefaultArgExpr>(Call->getArg(NumArgs - 1)))
      --NumArgs;
    if (Trigger != "token" || NumArgs < 3 || Primitive)
      return;
    const Expr *Completion = Call->getArg(NumArgs - 1);
    bool IgnoringHandler = false;
    if (!ApiCatalog::isDetachedToken(Completion->getType())) {
      // A handler that never looks at the std::exception_ptr it gets
      // drops the error just as asio::detached does.
      const auto *L = dyn_cast<LambdaExpr>(stripWrappers(Completion));
      const CXXMethodDecl *Op = L ? L->getCallOperator() : nullptr;
      if (!Op || Op->getNumParams() == 0 || Op->getParamDecl(0)->isReferenced())
        return;
      IgnoringHandler = true;
    }
    const FunctionDecl *Coroutine = spawnedCoroutine(Call->getArg(1));
    bool Handled = wholeBodyCatches(Coroutine);
    if (Handled && !StrictMode)
      return;
    Spawns.push_back(PendingSpawn{Call, Coroutine, Api->DisplayName, Completion,
                                  IgnoringHandler, Handled});
  };

  if (std::optional<AsyncContext> Coroutine = coroutineContext(FD))
    forEachExecutedStmt(*Coroutine, Visit);
  else
    forEachExecutedStmtIn(FD->getBody(), Visit);

  for (const PendingSpawn &Spawn : Spawns) {
    const ValueDecl *Context = referencedDecl(Spawn.Call->getArg(0));
    auto Loop = Context ? EventLoops.find(Context) : EventLoops.end();
    if (std::optional<DetachedSpawn> Detached =
            judgeSpawn(Spawn, FD, Loop != EventLoops.end(),
                       Loop != EventLoops.end() && Loop->second))
      renderSpawn(*Detached, Ctx);
  }
}

std::optional<DetachedTaskCheck::DetachedSpawn>
DetachedTaskCheck::judgeSpawn(const PendingSpawn &Spawn,
                              const FunctionDecl *Site, bool RunsItsEventLoop,
                              bool CatchesRun) const {
  DetachedSpawn Detached{Spawn, SpawnVerdict::DropsErrors, CatchesRun, {}};
  // A coroutine written against error codes (as_tuple, redirect_error) that
  // opens no descriptor of its own (an acceptor built in main's try block)
  // has nothing it means to report in the exception asio::detached drops.
  bool ErrorsAsValues = !Spawn.Handled && Spawn.Coroutine &&
                        !errorsTravelAsExceptions(Spawn.Coroutine, Catalog);
  if (Spawn.Handled || ErrorsAsValues) {
    if (!StrictMode)
      return std::nullopt;
    Detached.Verdict = ErrorsAsValues ? SpawnVerdict::ReportsErrorsAsValues
                                      : SpawnVerdict::HandlesOwnErrors;
    return Detached;
  }
  // The rethrowing handler is right where the exception comes out of the
  // event loop run by the same plain function (main, a server's run()); in
  // a coroutine or a per-connection helper it would turn one failed
  // session into a dead server.
  if (!RunsItsEventLoop || isCoroutine(Site) || !enclosingNamedFunction(Site))
    return Detached;
  Detached.Verdict = SpawnVerdict::DropsErrorsAtTopLevel;
  // Rethrowing is an improvement only where a try around run() reports
  // the exception; without one it would turn a lost error into
  // std::terminate, so the message alone says what to do.
  std::optional<QualType> Value = spawnedValueType(Spawn.Call->getArg(1));
  SourceRange R = Spawn.Completion->getSourceRange();
  if (Value && CatchesRun && !Spawn.IgnoringHandler && R.isValid() &&
      !R.getBegin().isMacroID() && !R.getEnd().isMacroID()) {
    // Why not the catalog: fix-it text, the standard way to rethrow.
    std::string Handler = (*Value)->isVoidType()
                              ? "[](std::exception_ptr e) { if (e) "
                                "std::rethrow_exception(e); }"
                              : "[](std::exception_ptr e, const auto &) { "
                                "if (e) std::rethrow_exception(e); }";
    Detached.RethrowingHandler = FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(R), Handler);
  }
  return Detached;
}

void DetachedTaskCheck::renderSpawn(const DetachedSpawn &Detached,
                                    ASTContext &Ctx) {
  const PendingSpawn &Spawn = Detached.Spawn;
  std::string What = describeSpawned(Spawn.Call->getArg(1));
  std::string How = Spawn.IgnoringHandler
                        ? "a completion handler that ignores "
                          "the std::exception_ptr"
                        : "'" + spelledText(Spawn.Completion, Ctx) + "'";
  if (How == "''")
    How = "a detached completion token";
  switch (Detached.Verdict) {
  case SpawnVerdict::HandlesOwnErrors:
  case SpawnVerdict::ReportsErrorsAsValues:
    diag(Spawn.Call->getBeginLoc(),
         "'%0' with %1 lets %2 go: it %select{handles its own "
         "exceptions|reports its errors as values}3, but nothing owns it "
         "or waits for it before shutdown")
        << Spawn.SpawnName << How << What
        << (Detached.Verdict == SpawnVerdict::ReportsErrorsAsValues)
        << Spawn.Call->getSourceRange();
    return;
  case SpawnVerdict::DropsErrorsAtTopLevel: {
    auto Diag = diag(Spawn.Call->getBeginLoc(),
                     "'%0' with %1 drops any exception thrown by %2, so "
                     "the program carries on as if nothing had failed; use a "
                     "completion handler that %select{reports it, or "
                     "rethrows it into a try block around run()|rethrows it "
                     "out of the event loop}3")
                << Spawn.SpawnName << How << What << Detached.CatchesRun
                << Spawn.Call->getSourceRange();
    if (Detached.RethrowingHandler)
      Diag << *Detached.RethrowingHandler;
    return;
  }
  case SpawnVerdict::DropsErrors:
    diag(Spawn.Call->getBeginLoc(),
         "'%0' with %1 drops any exception thrown by %2 and nothing waits "
         "for it; handle the std::exception_ptr in the completion handler "
         "(log it), or catch inside the coroutine")
        << Spawn.SpawnName << How << What << Spawn.Call->getSourceRange();
    return;
  }
}

// What to use instead of letting the work go: the catalog's advice for the
// API, else its framework's task scope.
static std::string ownedAlternative(const ApiMatch &Api) {
  if (!Api.Entry->Advice.empty())
    return Api.Entry->Advice;
  llvm::StringRef Scope = ApiCatalog::taskScopeAdvice(Api.Entry->Fw);
  return Scope.empty()
             ? "a scope that owns the work and is joined before shutdown"
             : Scope.str();
}

void DetachedTaskCheck::reportDetachCall(const Expr *Call,
                                         const ApiMatch &Api) {
  std::string Advice = ownedAlternative(Api);
  diag(Call->getBeginLoc(),
       "'%0' lets the work go: nothing waits for it or observes its "
       "errors, and it may outlive what it uses; use %1 instead")
      << Api.DisplayName << Advice << Call->getSourceRange();
}

void DetachedTaskCheck::reportDroppedResult(const Expr *Call,
                                            const ApiMatch &Api,
                                            bool DeferredFuture) {
  if (Api.Entry->Category == "future") {
    if (DeferredFuture) {
      diag(Call->getBeginLoc(),
           "the future returned by '%0' with std::launch::deferred is "
           "discarded: the work never runs")
          << Api.DisplayName << Call->getSourceRange();
      return;
    }
    diag(Call->getBeginLoc(),
         "the future returned by '%0' is discarded: its destructor blocks "
         "until the work finishes, so this is a hidden synchronous wait, "
         "not fire-and-forget; keep the future and wait for it where the "
         "result is needed")
        << Api.DisplayName << Call->getSourceRange();
    return;
  }
  std::string Advice = ownedAlternative(Api);
  diag(Call->getBeginLoc(),
       "the result of '%0' is discarded: the task runs detached and "
       "nothing observes its errors or waits for it; use %1")
      << Api.DisplayName << Advice << Call->getSourceRange();
}

void DetachedTaskCheck::reportFireAndForgetCall(const CallExpr *Call) {
  const CXXRecordDecl *Returned = recordOf(Call->getType());
  // Named as the user wrote the callee: `refresh()`, `handler()` for a
  // lambda or function object held in `handler`; never "'coroutine'".
  std::string Name = describeSpawned(Call);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Name == "the coroutine" && Op && Op->getNumArgs() > 0 &&
      isa<LambdaExpr>(stripWrappers(Op->getArg(0))))
    Name = "a coroutine lambda";
  diag(static_cast<const Stmt *>(Call)->getBeginLoc(),
       "call to %0 starts a fire-and-forget coroutine ('%1'): nothing "
       "can await it or observe its errors")
      << Name << (Returned ? plainQualifiedName(Returned) : "")
      << Call->getSourceRange();
}

} // namespace clang::tidy::corolint
