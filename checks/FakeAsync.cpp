//===--- FakeAsync.cpp - Functions that only offload blocking work --------===//

#include "FakeAsync.h"
#include "AsyncContext.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::corolint {

/// The function an offload runs: a lambda's body, or a named function.
struct FakeAsyncAnalysis::Work {
  const Stmt *Body = nullptr;
  const FunctionDecl *Function = nullptr;
};

namespace {

// The last parameter is a completion handler or token: a callable (a
// template parameter, std::function and its kin, a function pointer) that
// its name or its type's name calls one.
bool takesCompletionHandler(const FunctionDecl *FD) {
  unsigned N = FD->getNumParams();
  if (N == 0)
    return false;
  // In an instantiation, the pattern says it was a template parameter.
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern || Pattern->getNumParams() != N)
    Pattern = FD;
  const ParmVarDecl *Last = Pattern->getParamDecl(N - 1);
  QualType T = Last->getType().getNonReferenceType();
  std::string TypeName;
  if (const auto *Param = T->getAs<TemplateTypeParmType>()) {
    TypeName = Param->getIdentifier() ? Param->getIdentifier()->getName() : "";
  } else if (const CXXRecordDecl *RD = recordOf(T)) {
    TypeName = plainQualifiedName(RD);
    if (ApiCatalog::isCompletionHandlerType(TypeName))
      return true;
    if (!ApiCatalog::isCallableWrapper(TypeName))
      return false;
  } else if (!T->isFunctionPointerType()) {
    return false;
  }
  std::string Names =
      llvm::StringRef(TypeName + " " + Last->getName().str()).lower();
  llvm::StringRef Text(Names);
  return Text.contains("handler") || Text.contains("callback") ||
         Text.contains("token") || Text.contains("completion") ||
         Last->getName() == "cb";
}

// An asio initiating function (`sock.async_read_some(...)`,
// `asio::async_write(...)`): a real asynchronous operation.
bool isAsioInitiation(const Expr *Call) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() ||
      !Callee->getName().starts_with("async_"))
    return false;
  return asioFlavourOf(plainQualifiedName(Callee)) != Framework::None;
}

// std::async(std::launch::deferred, f) runs f on the thread that waits for
// the future, later: nothing is offloaded.
bool isDeferredLaunch(const Expr *Call, const ASTContext &Ctx) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  if (!CE || CE->getNumArgs() == 0)
    return false;
  const Expr *Policy = CE->getArg(0);
  const auto *Enum = Policy->getType()->getAsTagDecl();
  if (!Enum || !Enum->getIdentifier())
    return false;
  std::string Text = writtenText(Policy->getSourceRange(), Ctx);
  return llvm::any_of(ApiCatalog::deferredLaunches(),
                      [&](const DeferredLaunch &L) {
                        return Enum->getName() == L.Enum &&
                               llvm::StringRef(Text).contains(L.Deferred) &&
                               !llvm::StringRef(Text).contains(L.Eager);
                      });
}

} // namespace

bool isNamedAsync(const FunctionDecl *FD) {
  if (!FD->getIdentifier())
    return false;
  llvm::StringRef Name = FD->getName();
  return Name.ends_with("_async") || Name.ends_with("Async") ||
         Name.starts_with("async_");
}

std::optional<std::string> asyncPromiseOf(const FunctionDecl *FD) {
  QualType Returned = FD->getReturnType();
  TaskTypeInfo Task = classifyType(Returned);
  // A fire-and-forget coroutine gives its caller nothing to wait for: it is
  // the caller's own decision to run work in the background (a UI thread
  // handing a save to the pool), not an API presenting blocking work as
  // asynchronous.
  if (Task.IsFireAndForget)
    return std::nullopt;
  if (ApiCatalog::isFutureType(Returned) || Task.isAsync())
    return "returns '" +
           Returned.getAsString(FD->getASTContext().getPrintingPolicy()) + "'";
  if (takesCompletionHandler(FD))
    return std::string("takes a completion handler");
  if (isNamedAsync(FD))
    return std::string("is named as asynchronous");
  return std::nullopt;
}

FakeAsyncAnalysis::FakeAsyncAnalysis(FakeAsyncOptions Opts)
    : Options(std::move(Opts)) {
  for (const std::string &Name : Options.BlockingExecutors)
    Catalog.addBlockingPool(Name);
  for (const ApiCategory &C : ApiCatalog::categories())
    if (C.Kind == ApiKind::Blocking && (C.Default == CategoryDefault::On ||
                                        C.Default == CategoryDefault::Always))
      Categories.insert(C.Id);
}

void FakeAsyncAnalysis::clear() {
  Results.clear();
  Summaries.clear();
  Executors.clear();
  Catalog.startTranslationUnit();
}

std::optional<ApiMatch> FakeAsyncAnalysis::blockingApi(const Expr *Call) const {
  if (std::optional<ApiMatch> Api = Catalog.lookup(Call, ApiKind::Blocking)) {
    if (!Categories.contains(Api->Entry->Category))
      return std::nullopt;
    const auto *CE = dyn_cast<CallExpr>(Call);
    if (CE && (Catalog.argumentsSayNonBlocking(Api->Name, CE,
                                               Api->Callee->getASTContext()) ||
               ApiCatalog::isWakeUpWrite(Api->Name, CE)))
      return std::nullopt;
    return Api;
  }
  const auto *CE = dyn_cast<CallExpr>(Call);
  if (const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr)
    return Catalog.lookupBlockingByName(Callee);
  return std::nullopt;
}

std::optional<ReachedApi> FakeAsyncAnalysis::reachedBy(const Expr *Call,
                                                       ASTContext &Ctx) {
  if (std::optional<ApiMatch> Api = blockingApi(Call)) {
    ReachedApi Direct;
    Direct.Chain.push_back(Call);
    Direct.Api = *Api;
    return Direct;
  }
  const FunctionDecl *Callee = followedCallee(Call);
  if (!Callee || Catalog.lookup(Call, ApiKind::SyncWait))
    return std::nullopt;
  const ReachedApi *Inner = Summaries.reachedFrom(
      Callee, Ctx,
      [&](const Expr *Inner, const ExecutionSite &, const Stmt *) {
        return blockingApi(Inner);
      },
      [&](const Expr *Inner) {
        return Catalog.lookup(Inner, ApiKind::SyncWait).has_value();
      });
  if (!Inner)
    return std::nullopt;
  ReachedApi Path = *Inner;
  Path.Chain.insert(Path.Chain.begin(), Call);
  return Path;
}

std::optional<ReachedApi> FakeAsyncAnalysis::workReaches(const Work &W,
                                                         const Expr *Offload,
                                                         ASTContext &Ctx) {
  auto Find = [&](const Expr *Inner, const ExecutionSite &, const Stmt *) {
    return blockingApi(Inner);
  };
  auto Opaque = [&](const Expr *Inner) {
    return Catalog.lookup(Inner, ApiKind::SyncWait).has_value();
  };
  if (W.Body)
    return Summaries.reachedIn(W.Body, Ctx, Find, Opaque);
  if (const ReachedApi *Inner =
          Summaries.reachedFrom(W.Function, Ctx, Find, Opaque))
    return *Inner;
  // A function handed over by name, that the translation unit only
  // declares: its name may say it blocks.
  if (std::optional<ApiMatch> Api = Catalog.lookupBlockingByName(W.Function)) {
    ReachedApi Named;
    Named.Chain.push_back(Offload);
    Named.Api = *Api;
    return Named;
  }
  return std::nullopt;
}

std::optional<FakeAsyncAnalysis::Work>
FakeAsyncAnalysis::workOf(const Expr *Offload) const {
  // The function handed over, seen through temporaries, std::move, a local
  // variable's initialiser and the wrappers that hold it for later
  // (std::packaged_task, std::function, std::bind).
  std::function<std::optional<Work>(const Expr *, int)> Resolve =
      [&](const Expr *E, int Depth) -> std::optional<Work> {
    if (!E || Depth > 6)
      return std::nullopt;
    E = stripWrappers(E);
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return Work{L->getBody(), L->getCallOperator()};
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      return Resolve(Temp->getSubExpr(), Depth + 1);
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      return Resolve(Bind->getSubExpr(), Depth + 1);
    if (const auto *Addr = dyn_cast<UnaryOperator>(E);
        Addr && Addr->getOpcode() == UO_AddrOf)
      return Resolve(Addr->getSubExpr(), Depth + 1);
    if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E)) {
      bool Wrapper = Catalog.lookup(Ctor, ApiKind::WorkWrapper).has_value();
      if (Ctor->getNumArgs() >= 1 &&
          (Wrapper || Ctor->getConstructor()->isCopyOrMoveConstructor()))
        return Resolve(Ctor->getArg(0), Depth + 1);
      return std::nullopt;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool Forwards = Callee && Callee->isInStdNamespace() &&
                      Callee->getIdentifier() &&
                      llvm::is_contained({"move", "forward", "ref", "cref"},
                                         Callee->getName());
      if (Call->getNumArgs() >= 1 &&
          (Forwards || Catalog.lookup(Call, ApiKind::WorkWrapper)))
        return Resolve(Call->getArg(0), Depth + 1);
      return std::nullopt;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl()))
        return Work{nullptr, Fn};
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->isLocalVarDecl() && Var->getInit())
        return Resolve(Var->getInit(), Depth + 1);
    }
    return std::nullopt;
  };
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Offload))
    Args = llvm::ArrayRef(Ctor->getArgs(), Ctor->getNumArgs());
  else if (const auto *Call = dyn_cast<CallExpr>(Offload))
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
  // The first argument that is a function: after the executor, the launch
  // policy, and before the arguments it is called with.
  for (const Expr *Arg : Args)
    if (std::optional<Work> W = Resolve(Arg, 0))
      return W;
  return std::nullopt;
}

const FakeAsyncFinding *FakeAsyncAnalysis::analyze(const FunctionDecl *FD,
                                                   ASTContext &Ctx) {
  if (!FD)
    return nullptr;
  auto It = Results.find(FD);
  if (It == Results.end())
    It = Results.try_emplace(FD, compute(FD, Ctx)).first;
  return It->second ? &*It->second : nullptr;
}

std::optional<FakeAsyncFinding>
FakeAsyncAnalysis::compute(const FunctionDecl *FD, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
      SM.isInSystemHeader(FD->getLocation()) ||
      ApiCatalog::isFrameworkImplementation(FD) ||
      hasBlockingPoolAnnotation(FD))
    return std::nullopt;
  // A lambda has no name to expose a synchronous function under, and an
  // override keeps the signature its interface dictates.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      MD && (MD->getParent()->isLambda() || MD->size_overridden_methods() > 0))
    return std::nullopt;
  std::optional<std::string> Promise = asyncPromiseOf(FD);
  if (!Promise)
    return std::nullopt;
  bool Coroutine = isCoroutine(FD);
  std::optional<AsyncContext> AC = coroutineContext(FD);
  if (Coroutine && !AC)
    return std::nullopt; // a synchronous generator

  // What the body does, in the order it is written.
  bool RealAsync = false, Awaits = false;
  bool OnPool = false; // after a hop onto a (non-blocking) thread pool
  const Expr *Hop = nullptr;
  const Expr *BlockingOffload = nullptr, *CpuOffload = nullptr;
  std::optional<ReachedApi> OffloadedBlocking, HopBlocking, InlineBlocking;
  llvm::SmallVector<const Expr *, 4> AfterHop, Inline;

  auto ContainsOffload = [&](const Expr *E) {
    bool Found = false;
    forEachExecutedStmtIn(E, [&](const ExecutionSite &Site) {
      Found |= isa<CallExpr, CXXConstructExpr>(Site.S) &&
               Catalog.lookup(cast<Expr>(Site.S), ApiKind::Offload);
    });
    return Found;
  };

  auto Visit = [&](const ExecutionSite &Site) {
    if (RealAsync)
      return;
    if (const auto *Await = dyn_cast<CoawaitExpr>(Site.S)) {
      const Expr *Operand =
          Await->getOperand() ? stripWrappers(Await->getOperand()) : nullptr;
      // Reading the coroutine's own executor does not suspend.
      if (!Operand || ApiCatalog::isNoSuspendAwaitType(Operand->getType()))
        return;
      Awaits = true;
      if (std::optional<HopTarget> Target = Executors.hopOf(Operand, Ctx)) {
        OnPool = *Target == HopTarget::ThreadPool;
        if (OnPool && !Hop)
          Hop = Await;
        return;
      }
      // Awaiting the offload itself (through an adaptor) is no operation
      // of its own; anything else is.
      if (!ContainsOffload(Operand))
        RealAsync = true;
      return;
    }
    if (isa<CoyieldExpr>(Site.S)) {
      RealAsync = true;
      return;
    }
    if (!isa<CallExpr, CXXConstructExpr>(Site.S))
      return;
    const auto *Call = cast<Expr>(Site.S);
    if (isAsioInitiation(Call)) {
      RealAsync = true;
      return;
    }
    if (std::optional<ApiMatch> Offload =
            Catalog.lookup(Call, ApiKind::Offload)) {
      // Work queued to a pool designated for blocking work is where it
      // belongs; a new thread has no executor to designate.
      if (isDeferredLaunch(Call, Ctx) ||
          (Offload->Entry->Category != "thread" &&
           Executors.isBlockingPool(receiverOf(Call), Ctx)))
        return;
      std::optional<Work> W = workOf(Call);
      if (!W)
        return; // a function the translation unit does not show
      std::optional<ReachedApi> Reached = workReaches(*W, Call, Ctx);
      if (Reached && !Reached->Conditional) {
        if (!BlockingOffload) {
          BlockingOffload = Call;
          OffloadedBlocking = std::move(Reached);
        }
      } else if (!Reached && !CpuOffload) {
        CpuOffload = Call;
      }
      return;
    }
    if (Catalog.lookup(Call, ApiKind::ReadyResult)) {
      // make_ready_future(read_all(path)): the value is computed here.
      if (InlineBlocking || Coroutine)
        return;
      for (const Expr *Arg : cast<CallExpr>(Call)->arguments())
        if (std::optional<ReachedApi> Reached = Summaries.reachedIn(
                Arg, Ctx,
                [&](const Expr *Inner, const ExecutionSite &, const Stmt *) {
                  return blockingApi(Inner);
                });
            Reached && !Reached->Conditional) {
          InlineBlocking = std::move(Reached);
          return;
        }
      return;
    }
    if (!Coroutine || isOnConditionalPath(Site))
      return;
    std::optional<ReachedApi> Reached = reachedBy(Call, Ctx);
    if (!Reached || Reached->Conditional)
      return;
    if (OnPool) {
      AfterHop.push_back(Call);
      if (!HopBlocking)
        HopBlocking = std::move(Reached);
    } else if (!Hop) {
      Inline.push_back(Call);
      if (!InlineBlocking)
        InlineBlocking = std::move(Reached);
    }
  };
  if (AC)
    forEachExecutedStmt(*AC, Visit);
  else
    forEachExecutedStmtIn(FD->getBody(), Visit);

  if (RealAsync)
    return std::nullopt;
  FakeAsyncFinding Finding;
  Finding.Promise = *Promise;
  if (BlockingOffload) {
    Finding.Shape = FakeAsyncShape::Offload;
    Finding.Offload = BlockingOffload;
    Finding.Blocking = std::move(OffloadedBlocking);
    return Finding;
  }
  if (Hop && HopBlocking) {
    Finding.Shape = FakeAsyncShape::PoolHop;
    Finding.Offload = Hop;
    Finding.Blocking = std::move(HopBlocking);
    Finding.OwnedCalls = std::move(AfterHop);
    return Finding;
  }
  // Named as asynchronous, yet complete before it returns: a coroutine that
  // never suspends, or a ready future of a value computed here.
  if (isNamedAsync(FD) && InlineBlocking && !Awaits) {
    Finding.Shape = FakeAsyncShape::Inline;
    Finding.Blocking = std::move(InlineBlocking);
    Finding.OwnedCalls = std::move(Inline);
    return Finding;
  }
  if (Options.IncludeCpuBoundOffload && (CpuOffload || Hop)) {
    Finding.Shape =
        CpuOffload ? FakeAsyncShape::Offload : FakeAsyncShape::PoolHop;
    Finding.Offload = CpuOffload ? CpuOffload : Hop;
    return Finding;
  }
  return std::nullopt;
}

bool FakeAsyncAnalysis::ownsBlockingCall(const Expr *Call,
                                         const FunctionDecl *Function,
                                         llvm::ArrayRef<const Expr *> Path,
                                         ASTContext &Ctx) {
  if (const FakeAsyncFinding *F = analyze(Function, Ctx))
    if (F->Blocking && llvm::is_contained(F->OwnedCalls, Call))
      return true;
  // A call of a function reported as fake asynchrony, the call itself or
  // one on the way down to the blocking API, is that function's finding.
  auto ReportedCallee = [&](const Expr *Step) {
    const auto *CE = dyn_cast<CallExpr>(Step);
    const FakeAsyncFinding *F =
        CE ? analyze(CE->getDirectCallee(), Ctx) : nullptr;
    return F && F->Blocking;
  };
  return ReportedCallee(Call) || llvm::any_of(Path, ReportedCallee);
}

} // namespace clang::tidy::corolint
