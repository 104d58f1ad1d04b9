//===--- AsyncContext.cpp - Where code runs on the executor ---------------===//

#include "AsyncContext.h"
#include "ApiCatalog.h"
#include "Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

static constexpr llvm::StringLiteral CoroutineBinding = "corolint-coroutine";
static constexpr llvm::StringLiteral HandlerCallBinding = "corolint-handler-call";
static constexpr llvm::StringLiteral FunctionBodyBinding =
    "corolint-function-body";

// The lambda an argument passes, seen through the temporaries, conversions
// and copies Sema wraps around it.
static const LambdaExpr *lambdaArgument(const Expr *Arg) {
  for (int Depth = 0; Arg && Depth < 8; ++Depth) {
    if (const auto *L = dyn_cast<LambdaExpr>(Arg))
      return L;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Arg))
      Arg = Construct->getNumArgs() > 0 ? Construct->getArg(0) : nullptr;
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Arg))
      Arg = Cast->getSubExpr();
    else if (isa<MaterializeTemporaryExpr, ImplicitCastExpr,
                 CXXBindTemporaryExpr, ExprWithCleanups, ParenExpr>(Arg))
      Arg = cast<Expr>(*Arg->child_begin());
    else
      return nullptr;
  }
  return nullptr;
}

namespace {
AST_MATCHER(CallExpr, hasLambdaArgument) {
  return llvm::any_of(Node.arguments(),
                      [](const Expr *Arg) { return lambdaArgument(Arg); });
}
} // namespace

bool isCoroutine(const FunctionDecl *FD) {
  return FD && isa_and_nonnull<CoroutineBodyStmt>(FD->getBody());
}

std::string AsyncContext::describe() const {
  if (Kind == AsyncContextKind::CompletionHandler)
    return Initiator.empty() ? "completion handler"
                             : "completion handler of '" + Initiator + "'";
  if (IsLambda)
    return "coroutine lambda";
  std::string Name = Function->getNameAsString();
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Function))
    Name = MD->getParent()->getNameAsString() + "::" + Name;
  return "coroutine '" + Name + "'";
}

void registerAsyncContextMatchers(MatchFinder *Finder,
                                  MatchFinder::MatchCallback *Callback) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(coroutineBodyStmt()))
                         .bind(CoroutineBinding),
                     Callback);
  // A completion handler is a lambda handed to an asio initiator: decided
  // from the call down (asyncContextFromMatch), never by climbing from the
  // lambda through a parent map.
  Finder->addMatcher(callExpr(hasLambdaArgument()).bind(HandlerCallBinding),
                     Callback);
}

void registerFunctionBodyMatcher(MatchFinder *Finder,
                                 MatchFinder::MatchCallback *Callback) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind(FunctionBodyBinding),
                     Callback);
}

const FunctionDecl *
matchedFunctionBody(const MatchFinder::MatchResult &Result) {
  return Result.Nodes.getNodeAs<FunctionDecl>(FunctionBodyBinding);
}

namespace {

Framework asioFrameworkOf(const FunctionDecl *FD, std::string &Name) {
  Name = plainQualifiedName(FD);
  return asioFlavourOf(Name);
}

// A pool or system executor runs the work on another thread, where blocking
// does not stall the event loop.
bool isOffLoopExecutor(QualType T) {
  // A project's pool class derived from asio's is one too.
  if (ApiCatalog::isThreadPoolType(T))
    return true;
  std::string Spelled = T.getCanonicalType().getAsString();
  return llvm::StringRef(Spelled).contains("thread_pool") ||
         llvm::StringRef(Spelled).contains("system_executor") ||
         llvm::StringRef(Spelled).contains("system_context");
}

std::optional<AsyncContext> handlerContext(const LambdaExpr *L,
                                           const CallExpr *Call,
                                           unsigned ArgIndex) {
  if (isCoroutine(L->getCallOperator()))
    return std::nullopt; // Found as a coroutine in its own right.
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  std::string QualifiedName;
  Framework Fw = asioFrameworkOf(Callee, QualifiedName);
  if (Fw == Framework::None)
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  bool IsHandler = false;
  if (Name.starts_with("async_")) {
    // async_initiate/async_compose take the operation's implementation,
    // which is not a completion handler.
    IsHandler = Name != "async_initiate" && Name != "async_compose";
  } else if (Name == "co_spawn") {
    // co_spawn(executor, awaitable, completion): the completion runs on
    // the executor when the coroutine finishes.
    // (asio adds a defaulted constraint parameter after the token.)
    unsigned Written = Call->getNumArgs();
    while (Written > 0 && isa<CXXDefaultArgExpr>(Call->getArg(Written - 1)))
      --Written;
    IsHandler = Written >= 3 && ArgIndex == Written - 1;
  } else if (Name == "post" || Name == "dispatch" || Name == "defer") {
    IsHandler = Call->getNumArgs() >= 2 &&
                !isOffLoopExecutor(Call->getArg(0)->getType());
  }
  if (!IsHandler)
    return std::nullopt;
  AsyncContext Result;
  Result.Kind = AsyncContextKind::CompletionHandler;
  Result.Function = L->getCallOperator();
  Result.IsLambda = true;
  Result.Body = L->getBody();
  Result.Fw = Fw;
  Result.Initiator = Name.str();
  if (Name == "async_wait")
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXRecordDecl *Waiter =
          recordOf(MC->getImplicitObjectArgument()->getType());
      Result.WaitsForReadiness = ApiCatalog::isReadinessWaiter(Waiter, Fw);
    }
  return Result;
}

} // namespace

namespace {

class CoawaitFinder : public RecursiveASTVisitor<CoawaitFinder> {
public:
  bool Found = false;
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCoawaitExpr(CoawaitExpr *) { return !(Found = true); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *) {
    return !(Found = true);
  }
};

// A generator (std::generator, cppcoro::generator, any promise with
// yield_value whose body never awaits) runs synchronously on its consumer's
// thread, wherever that is: it is not an async context of its own.
bool isSynchronousGenerator(const CoroutineBodyStmt *Body) {
  const VarDecl *Promise = Body->getPromiseDecl();
  const CXXRecordDecl *PromiseType =
      Promise ? Promise->getType()->getAsCXXRecordDecl() : nullptr;
  if (!PromiseType || !PromiseType->hasDefinition())
    return false;
  const IdentifierInfo &YieldValue =
      PromiseType->getASTContext().Idents.get("yield_value");
  if (PromiseType->lookup(DeclarationName(&YieldValue)).empty())
    return false;
  CoawaitFinder Finder;
  Finder.TraverseStmt(Body->getBody());
  return !Finder.Found;
}

} // namespace

std::optional<AsyncContext> coroutineContext(const FunctionDecl *FD) {
  if (!isCoroutine(FD))
    return std::nullopt;
  const auto *Body = cast<CoroutineBodyStmt>(FD->getBody());
  if (isSynchronousGenerator(Body))
    return std::nullopt;
  AsyncContext Ctx;
  Ctx.Kind = AsyncContextKind::Coroutine;
  Ctx.Function = FD;
  Ctx.Body = Body->getBody();
  Ctx.Fw = classifyType(FD->getReturnType()).Fw;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    Ctx.IsLambda = MD->getParent()->isLambda();
  return Ctx;
}

std::optional<AsyncContext>
asyncContextFromMatch(const MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>(CoroutineBinding))
    return coroutineContext(FD);
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>(HandlerCallBinding))
    for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I)
      if (const LambdaExpr *L = lambdaArgument(Call->getArg(I)))
        if (std::optional<AsyncContext> Handler = handlerContext(L, Call, I))
          return Handler;
  return std::nullopt;
}

namespace {

class ExecutedStmtWalker : public RecursiveASTVisitor<ExecutedStmtWalker> {
  using Base = RecursiveASTVisitor<ExecutedStmtWalker>;

public:
  ExecutedStmtWalker(bool CanAwait,
                     llvm::function_ref<void(const ExecutionSite &)> Visit)
      : BaseCanAwait(CanAwait), Visit(Visit) {}

  bool shouldVisitImplicitCode() const { return false; }
  bool shouldVisitLambdaBody() const { return false; }

  // Overriding TraverseStmt makes RecursiveASTVisitor recurse instead of
  // queueing children, so the stack is the path from the body down.
  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    Ancestors.push_back(S);
    bool Ok = Base::TraverseStmt(S);
    Ancestors.pop_back();
    return Ok;
  }

  bool VisitStmt(Stmt *S) {
    llvm::ArrayRef<const Stmt *> Above = Ancestors;
    if (!Above.empty() && Above.back() == S)
      Above = Above.drop_back();
    Visit(ExecutionSite{S, BaseCanAwait && CatchDepth == 0 && InvokedDepth == 0,
                        FullStmt ? FullStmt : S, Block, InvokedLambda, Above});
    return true;
  }

  bool TraverseCompoundStmt(CompoundStmt *CS) {
    if (!WalkUpFromCompoundStmt(CS))
      return false;
    const Stmt *SavedFull = FullStmt;
    const CompoundStmt *SavedBlock = Block;
    for (Stmt *Child : CS->body()) {
      FullStmt = Child;
      Block = CS;
      if (!TraverseStmt(Child))
        return false;
    }
    FullStmt = SavedFull;
    Block = SavedBlock;
    return true;
  }

  // co_await is ill-formed in the initialiser of a static or thread_local
  // variable.
  bool TraverseVarDecl(VarDecl *VD) {
    bool NoAwait = VD->isStaticLocal() || VD->getTLSKind() != VarDecl::TLS_None;
    CatchDepth += NoAwait;
    bool Ok = Base::TraverseVarDecl(VD);
    CatchDepth -= NoAwait;
    return Ok;
  }

  bool TraverseCXXCatchStmt(CXXCatchStmt *S) {
    ++CatchDepth;
    bool Ok = Base::TraverseCXXCatchStmt(S);
    --CatchDepth;
    return Ok;
  }

  // A lambda's body runs wherever the lambda is called, which is not here
  // unless it is called on the spot; its captures are initialised here.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    if (!WalkUpFromLambdaExpr(L))
      return false;
    for (unsigned I = 0, N = L->capture_size(); I < N; ++I)
      if (L->isInitCapture(L->capture_begin() + I))
        if (!TraverseStmt(L->capture_init_begin()[I]))
          return false;
    return true;
  }

  bool TraverseCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Call && Call->getNumArgs() > 0)
      if (auto *L = dyn_cast<LambdaExpr>(Call->getArg(0)->IgnoreImplicit())) {
        if (!WalkUpFromCXXOperatorCallExpr(Call) || !TraverseLambdaExpr(L))
          return false;
        ++InvokedDepth;
        const LambdaExpr *SavedLambda = InvokedLambda;
        InvokedLambda = L;
        bool Ok = TraverseStmt(L->getBody());
        InvokedLambda = SavedLambda;
        --InvokedDepth;
        if (!Ok)
          return false;
        for (unsigned I = 1; I < Call->getNumArgs(); ++I)
          if (!TraverseStmt(Call->getArg(I)))
            return false;
        return true;
      }
    return Base::TraverseCXXOperatorCallExpr(Call);
  }

  // Declarations nested in the body run elsewhere.
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }
  bool TraverseCXXMethodDecl(CXXMethodDecl *) { return true; }

  // Unevaluated operands.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc, bool = true) { return true; }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc, bool = true) {
    return true;
  }
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *E) {
    return E->isPotentiallyEvaluated() ? Base::TraverseCXXTypeidExpr(E) : true;
  }

private:
  bool BaseCanAwait;
  llvm::function_ref<void(const ExecutionSite &)> Visit;
  unsigned CatchDepth = 0; // catch handlers and static initialisers
  unsigned InvokedDepth = 0;
  const Stmt *FullStmt = nullptr;
  const CompoundStmt *Block = nullptr;
  const LambdaExpr *InvokedLambda = nullptr;
  llvm::SmallVector<const Stmt *, 32> Ancestors;
};

} // namespace

bool isOnConditionalPath(const ExecutionSite &Site) {
  for (size_t I = 0; I < Site.Ancestors.size(); ++I) {
    const Stmt *Parent = Site.Ancestors[I];
    const Stmt *Child = Site.childOf(I);
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      if (Child == If->getThen() || Child == If->getElse())
        return true;
    } else if (const auto *Switch = dyn_cast<SwitchStmt>(Parent)) {
      if (Child == Switch->getBody())
        return true;
    } else if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Parent)) {
      if (Child == Cond->getTrueExpr() || Child == Cond->getFalseExpr())
        return true;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      if (BO->isLogicalOp() && Child == BO->getRHS())
        return true;
    } else if (isa<CXXCatchStmt>(Parent)) {
      return true;
    }
  }
  return false;
}

bool isStatementExpressionValue(const ExecutionSite &Site) {
  if (!Site.Block || Site.Block->body_empty() ||
      Site.Block->body_back() != Site.S)
    return false;
  llvm::ArrayRef<const Stmt *> Path = Site.Ancestors;
  for (size_t I = 1; I < Path.size(); ++I)
    if (Path[I] == Site.Block)
      return isa<StmtExpr>(Path[I - 1]);
  return false;
}

void forEachExecutedStmt(
    const AsyncContext &Ctx,
    llvm::function_ref<void(const ExecutionSite &)> Visit) {
  if (!Ctx.Body)
    return;
  ExecutedStmtWalker(Ctx.isCoroutine(), Visit)
      .TraverseStmt(const_cast<Stmt *>(Ctx.Body));
}

void forEachExecutedStmtIn(
    const Stmt *Body, llvm::function_ref<void(const ExecutionSite &)> Visit) {
  if (Body)
    ExecutedStmtWalker(false, Visit).TraverseStmt(const_cast<Stmt *>(Body));
}

namespace {

const Expr *ignoreWrappers(const Expr *E) {
  while (true) {
    const Expr *Inner = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    if (Inner == E)
      return E;
    E = Inner;
  }
}

bool isVoidCast(const Expr *E) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  return Cast && Cast->getTypeAsWritten()->isVoidType();
}

void visitDroppedExpr(const Expr *Statement, const Expr *E, bool VoidCast,
                      llvm::function_ref<void(const DroppedValue &)> Visit) {
  E = ignoreWrappers(E);
  if (isVoidCast(E)) {
    visitDroppedExpr(Statement, cast<ExplicitCastExpr>(E)->getSubExpr(),
                     /*VoidCast=*/true, Visit);
    return;
  }
  if (const auto *Comma = dyn_cast<BinaryOperator>(E);
      Comma && Comma->getOpcode() == BO_Comma) {
    visitDroppedExpr(Statement, Comma->getLHS(), VoidCast, Visit);
    visitDroppedExpr(Statement, Comma->getRHS(), VoidCast, Visit);
    return;
  }
  Visit(DroppedValue{Statement, E, VoidCast});
}

} // namespace

void forEachDroppedValue(const Stmt *S,
                         llvm::function_ref<void(const DroppedValue &)> Visit) {
  if (!S)
    return;
  if (const auto *E = dyn_cast<Expr>(S)) {
    visitDroppedExpr(E, E, /*VoidCast=*/false, Visit);
    return;
  }
  // Braced bodies are compound statements, whose children are visited as
  // statements of their own.
  auto Unbraced = [&](const Stmt *Body) {
    if (Body && !isa<CompoundStmt>(Body))
      forEachDroppedValue(Body, Visit);
  };
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    Unbraced(If->getThen());
    Unbraced(If->getElse());
  } else if (const auto *For = dyn_cast<ForStmt>(S)) {
    Unbraced(For->getBody());
    if (const Expr *Inc = For->getInc())
      visitDroppedExpr(Inc, Inc, /*VoidCast=*/false, Visit);
  } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
    Unbraced(While->getBody());
  } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
    Unbraced(Do->getBody());
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
    Unbraced(Range->getBody());
  } else if (const auto *Label = dyn_cast<LabelStmt>(S)) {
    Unbraced(Label->getSubStmt());
  } else if (const auto *Case = dyn_cast<SwitchCase>(S)) {
    Unbraced(Case->getSubStmt());
  }
}

} // namespace clang::tidy::corolint
