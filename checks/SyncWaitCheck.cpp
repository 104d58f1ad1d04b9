//===--- SyncWaitCheck.cpp - coro-sync-wait -------------------------------===//

#include "SyncWaitCheck.h"
#include "AsyncRewrite.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

// Sees through the wrappers Sema adds and through std::move/std::forward:
// `std::move(f).get()` waits on f.
const Expr *ignoreMove(const Expr *E) {
  E = E->IgnoreUnlessSpelledInSource()->IgnoreParens();
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = CE->getDirectCallee();
        FD && CE->getNumArgs() == 1 && FD->isInStdNamespace() &&
        FD->getIdentifier() &&
        (FD->getName() == "move" || FD->getName() == "forward"))
      return CE->getArg(0)->IgnoreUnlessSpelledInSource()->IgnoreParens();
  return E;
}

const ValueDecl *namedFuture(const Expr *E) {
  if (!E)
    return nullptr;
  E = ignoreMove(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

// The expression as written: without the conversions and temporaries Sema adds.
const Expr *asSpelled(const Expr *E) {
  return E ? E->IgnoreUnlessSpelledInSource()->IgnoreParens() : nullptr;
}

bool isZeroValue(const APValue &V) {
  if (V.isInt())
    return V.getInt().isZero();
  if (V.isFloat())
    return V.getFloat().isZero();
  if (!V.isStruct() || V.getStructNumFields() + V.getStructNumBases() == 0)
    return false;
  for (unsigned I = 0; I < V.getStructNumBases(); ++I)
    if (!isZeroValue(V.getStructBase(I)))
      return false;
  for (unsigned I = 0; I < V.getStructNumFields(); ++I)
    if (!isZeroValue(V.getStructField(I)))
      return false;
  return true;
}

// `0s`, `std::chrono::seconds(0)`, `milliseconds::zero()`, a constexpr
// zero duration: anything the compiler folds to a duration of zero.
bool isZeroDuration(const Expr *Arg, const ASTContext &Ctx) {
  Arg = Arg->IgnoreImplicit();
  if (Arg->isValueDependent() || Arg->isTypeDependent())
    return false;
  Expr::EvalResult Result;
  return Arg->EvaluateAsRValue(Result, Ctx) && isZeroValue(Result.Val);
}

// clock::now(), time_point::min(), or the clock's epoch: a deadline that has
// already passed.
bool isPastDeadline(const Expr *E, const ASTContext &Ctx) {
  const auto *CE = dyn_cast<CallExpr>(asSpelled(E));
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (FD && FD->getIdentifier() &&
      (FD->getName() == "now" || FD->getName() == "min"))
    return true;
  return isZeroDuration(E, Ctx);
}

// wait_for(0s) / wait_until(clock::now()): asks whether the future is
// ready without waiting.
bool isPollingWait(const CallExpr *Call, const ASTContext &Ctx) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || MC->getNumArgs() != 1)
    return false;
  std::optional<WaitDeadline> Deadline = ApiCatalog::pollingWait(MD->getName());
  if (!Deadline)
    return false;
  return *Deadline == WaitDeadline::Duration
             ? isZeroDuration(MC->getArg(0), Ctx)
             : isPastDeadline(MC->getArg(0), Ctx);
}

const ValueDecl *objectOf(const CXXMemberCallExpr *MC) {
  return namedFuture(MC->getImplicitObjectArgument());
}

// A member call on \p Future that answers "is it ready?" with a bool.
bool isReadinessPredicate(const Expr *E, const ValueDecl *Future) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  if (!MD || !MD->getIdentifier() || objectOf(MC) != Future)
    return false;
  return ApiCatalog::isReadinessPredicate(MD->getName());
}

bool isReadyEnumerator(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(asSpelled(E));
  const auto *ECD = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  return ECD && ApiCatalog::isReadyStatus(ECD->getName());
}

// True if \p Cond evaluating to \p Value proves that \p Future is ready.
bool provesReady(const Expr *Cond, bool Value, const ValueDecl *Future,
                 const ASTContext &Ctx) {
  if (!Cond || !Future)
    return false;
  Cond = asSpelled(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return provesReady(UO->getSubExpr(), !Value, Future, Ctx);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    switch (BO->getOpcode()) {
    case BO_LAnd:
      return Value ? provesReady(L, true, Future, Ctx) ||
                         provesReady(R, true, Future, Ctx)
                   : provesReady(L, false, Future, Ctx) &&
                         provesReady(R, false, Future, Ctx);
    case BO_LOr:
      return Value ? provesReady(L, true, Future, Ctx) &&
                         provesReady(R, true, Future, Ctx)
                   : provesReady(L, false, Future, Ctx) ||
                         provesReady(R, false, Future, Ctx);
    case BO_EQ:
    case BO_NE: {
      auto IsPollOfFuture = [&](const Expr *E) {
        const auto *MC = dyn_cast<CXXMemberCallExpr>(asSpelled(E));
        return MC && objectOf(MC) == Future && isPollingWait(MC, Ctx);
      };
      bool Compares = (IsPollOfFuture(L) && isReadyEnumerator(R)) ||
                      (IsPollOfFuture(R) && isReadyEnumerator(L));
      return Compares && (BO->getOpcode() == BO_EQ) == Value;
    }
    default:
      return false;
    }
  }
  return Value && isReadinessPredicate(Cond, Future);
}

bool alwaysLeaves(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreImplicit());
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && alwaysLeaves(CS->body_back());
  return false;
}

// The wait cannot block: it sits under a check that the future is ready,
// or after a loop (or an early exit) that only goes on once it is. The wait
// is the site's statement.
// A statement that runs one of two branches on a condition: an if (its
// else may be null) or a conditional operator.
struct TwoWayBranch {
  const Expr *Cond;
  const Stmt *IfTrue;
  const Stmt *IfFalse;
};
std::optional<TwoWayBranch> twoWayBranchOf(const Stmt *S) {
  if (const auto *If = dyn_cast<IfStmt>(S))
    return TwoWayBranch{If->getCond(), If->getThen(), If->getElse()};
  if (const auto *CO = dyn_cast<ConditionalOperator>(S))
    return TwoWayBranch{CO->getCond(), CO->getTrueExpr(), CO->getFalseExpr()};
  return std::nullopt;
}

bool isKnownReady(const ExecutionSite &Site, const ValueDecl *Future,
                  ASTContext &Ctx) {
  if (!Future)
    return false;
  // From the call outwards, up to the body that was walked.
  for (size_t I = Site.Ancestors.size(); I-- > 0;) {
    const Stmt *Parent = Site.Ancestors[I];
    const Stmt *Child = Site.childOf(I);
    if (std::optional<TwoWayBranch> Branch = twoWayBranchOf(Parent)) {
      if ((Child == Branch->IfTrue &&
           provesReady(Branch->Cond, true, Future, Ctx)) ||
          (Child == Branch->IfFalse &&
           provesReady(Branch->Cond, false, Future, Ctx)))
        return true;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
      if (BO->getOpcode() == BO_LAnd && Child == BO->getRHS() &&
          provesReady(BO->getLHS(), true, Future, Ctx))
        return true;
    } else if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
      for (const Stmt *Before : Block->body()) {
        if (Before == Child)
          break;
        const Expr *LoopCond = nullptr;
        if (const auto *W = dyn_cast<WhileStmt>(Before))
          LoopCond = W->getCond();
        else if (const auto *D = dyn_cast<DoStmt>(Before))
          LoopCond = D->getCond();
        else if (const auto *F = dyn_cast<ForStmt>(Before))
          LoopCond = F->getCond();
        if (LoopCond && provesReady(LoopCond, false, Future, Ctx))
          return true;
        if (const auto *If = dyn_cast<IfStmt>(Before);
            If && !If->getElse() && alwaysLeaves(If->getThen()) &&
            provesReady(If->getCond(), false, Future, Ctx))
          return true;
      }
    }
  }
  return false;
}

bool isAssignedIn(const VarDecl *VD, const Stmt *Scope, ASTContext &Ctx) {
  if (!Scope)
    return true;
  auto Assignments =
      match(findAll(cxxOperatorCallExpr(
                        hasOverloadedOperatorName("="),
                        hasArgument(0, ignoringParenImpCasts(declRefExpr(
                                           to(varDecl(equalsNode(VD)))))))
                        .bind("assign")),
            *Scope, Ctx);
  return !Assignments.empty();
}

// Where the future waited on was made: the expression itself, or the
// initialiser of a local variable that is never assigned afterwards.
const Expr *originOfFuture(const Expr *FutureExpr, const Stmt *Scope,
                           ASTContext &Ctx) {
  if (!FutureExpr)
    return nullptr;
  const Expr *E = ignoreMove(FutureExpr);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
        !VD->hasInit() || VD->getType()->isReferenceType() ||
        isAssignedIn(VD, Scope, Ctx))
      return nullptr;
    return asSpelled(VD->getInit());
  }
  return E;
}

// std::async(std::launch::deferred, ...): get() runs the function inline
// on the calling thread; nothing else is waited for.
bool isDeferredStdAsync(const Expr *Origin) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Origin);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier() ||
      FD->getName() != "async" || CE->getNumArgs() < 2)
    return false;
  const auto *DRE = dyn_cast<DeclRefExpr>(asSpelled(CE->getArg(0)));
  const auto *ECD = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  return ECD && ECD->getName() == "deferred";
}

/// An asio operation given `use_future` as its completion token.
struct UseFutureOperation {
  const CallExpr *Operation;
  const Expr *Token;
  /// The token as named, and the one that makes the operation awaitable
  /// (COROLINT_FUTURE_TOKEN).
  std::string TokenName;
  std::string AwaitableToken;
};

std::optional<UseFutureOperation> asUseFutureOperation(const Expr *Origin) {
  const auto *Op = dyn_cast_or_null<CallExpr>(Origin);
  const FunctionDecl *Callee = Op ? Op->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  if (!Name.starts_with("async_") && Name != "co_spawn" && Name != "post" &&
      Name != "dispatch" && Name != "defer")
    return std::nullopt;
  if (asioFlavourOf(plainQualifiedName(Callee)) == Framework::None)
    return std::nullopt;
  unsigned Written = Op->getNumArgs();
  while (Written > 0 && isa<CXXDefaultArgExpr>(Op->getArg(Written - 1)))
    --Written;
  if (Written == 0)
    return std::nullopt;
  const Expr *Token = asSpelled(Op->getArg(Written - 1));
  const auto *DRE = dyn_cast<DeclRefExpr>(Token);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD)
    return std::nullopt;
  std::string TokenName = plainQualifiedName(VD);
  std::string Awaitable = ApiCatalog::awaitableTokenFor(TokenName);
  if (Awaitable.empty())
    return std::nullopt;
  return UseFutureOperation{Op, Token, std::move(TokenName),
                            std::move(Awaitable)};
}

// `co_await` yields the awaited value, which is only equivalent when the
// wait's own value is not used. The wait is the site's statement.
bool isValueDiscarded(const ExecutionSite &Site) {
  for (size_t I = Site.Ancestors.size(); I-- > 0;) {
    const Stmt *Parent = Site.Ancestors[I];
    const Stmt *Child = Site.childOf(I);
    if (isa<ExprWithCleanups, ImplicitCastExpr, CXXBindTemporaryExpr,
            MaterializeTemporaryExpr, ParenExpr>(Parent))
      continue;
    if (isa<CompoundStmt>(Parent))
      return true;
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      return Child == If->getThen() || Child == If->getElse();
    if (const auto *W = dyn_cast<WhileStmt>(Parent))
      return Child == W->getBody();
    if (const auto *F = dyn_cast<ForStmt>(Parent))
      return Child == F->getBody();
    if (const auto *D = dyn_cast<DoStmt>(Parent))
      return Child == D->getBody();
    return false;
  }
  return false;
}

std::string textWithReplacement(const CallExpr *Op, const Expr *Token,
                                llvm::StringRef Replacement,
                                const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange OpRange = Op->getSourceRange();
  SourceLocation OpBegin = OpRange.getBegin(), OpEnd = OpRange.getEnd();
  SourceLocation TokBegin = Token->getBeginLoc(), TokEnd = Token->getEndLoc();
  if (OpBegin.isMacroID() || OpEnd.isMacroID() || TokBegin.isMacroID() ||
      TokEnd.isMacroID())
    return "";
  std::string Text = spelledText(Op, Ctx);
  unsigned Base = SM.getFileOffset(OpBegin);
  unsigned From = SM.getFileOffset(TokBegin);
  unsigned To = SM.getFileOffset(
      Lexer::getLocForEndOfToken(TokEnd, 0, SM, Ctx.getLangOpts()));
  if (Text.empty() || From < Base || To < From || To - Base > Text.size() ||
      SM.getFileID(OpBegin) != SM.getFileID(TokBegin))
    return "";
  return Text.substr(0, From - Base) + Replacement.str() +
         Text.substr(To - Base);
}

// Code instantiated from a template is checked with one set of template
// arguments; a rewrite valid for them may not be for the others.
bool isInTemplateInstantiation(const FunctionDecl *FD) {
  for (const DeclContext *DC = FD; DC; DC = DC->getParent()) {
    if (const auto *F = dyn_cast<FunctionDecl>(DC);
        F && F->isTemplateInstantiation())
      return true;
    if (isa<ClassTemplateSpecializationDecl>(DC))
      return true;
  }
  return false;
}

unsigned writtenArgCount(const CallExpr *Call, unsigned From) {
  unsigned N = 0;
  for (unsigned I = From; I < Call->getNumArgs(); ++I)
    if (!isa<CXXDefaultArgExpr>(Call->getArg(I)))
      ++N;
  return N;
}

} // namespace

SyncWaitCheck::SyncWaitCheck(StringRef Name, ClangTidyContext *Context)
    : AsyncApiUseCheck(Name, Context, ApiKind::SyncWait, "SyncWaitFunctions",
                       "user") {}

void SyncWaitCheck::onStartOfTranslationUnit() {
  AsyncApiUseCheck::onStartOfTranslationUnit();
  Catalog.startTranslationUnit();
}

std::optional<ApiMatch> SyncWaitCheck::findApi(const Expr *E,
                                               const ExecutionSite &Site,
                                               const Stmt *Body,
                                               ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  std::optional<ApiMatch> Api = Catalog.lookup(Call, ApiKind::SyncWait);
  if (!Api)
    return std::nullopt;
  // Asking whether the future is ready is not waiting for it.
  if (Api->Entry->Category == "future-timeout" && isPollingWait(Call, Ctx))
    return std::nullopt;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = MC->getImplicitObjectArgument();
    if (isKnownReady(Site, namedFuture(Object), Ctx))
      return std::nullopt;
    if (isDeferredStdAsync(originOfFuture(Object, Body, Ctx)))
      return std::nullopt;
  }
  return Api;
}

std::optional<FixItHint> SyncWaitCheck::awaitFixIt(const CallExpr *Call,
                                                   const ApiMatch &Api,
                                                   const AsyncContext &AC,
                                                   const ExecutionSite &Site,
                                                   ASTContext &Ctx) {
  if (!AC.isCoroutine() || !Site.CanAwait ||
      isInTemplateInstantiation(AC.Function))
    return std::nullopt;
  const AwaitRewrite *Rewrite = Catalog.awaitRewriteFor(Api.Name, AC.Fw);
  if (!Rewrite)
    return std::nullopt;

  const Expr *Operand = nullptr;
  unsigned ExtraArgs = 0;
  llvm::SmallVector<std::pair<llvm::StringRef, std::string>, 2> Values;
  if (Rewrite->Operand == AwaitOperand::Argument) {
    unsigned First = calledFunctionObject(Call) ? 1 : 0;
    if (isa<CXXMemberCallExpr>(Call) || Call->getNumArgs() <= First)
      return std::nullopt;
    Operand = asSpelled(Call->getArg(First));
    ExtraArgs = writtenArgCount(Call, First + 1);
  } else {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
    const auto *ME =
        MC ? dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()) : nullptr;
    if (!ME || ME->isArrow() || ME->isImplicitAccess())
      return std::nullopt;
    Operand = asSpelled(MC->getImplicitObjectArgument());
    ExtraArgs = writtenArgCount(Call, 0);
  }
  if (!Operand || (Rewrite->NeedsNoExtraArgs && ExtraArgs != 0))
    return std::nullopt;
  if (Rewrite->NeedsDiscardedResult && !Call->getType()->isVoidType() &&
      !isValueDiscarded(Site))
    return std::nullopt;

  QualType OperandType = Operand->getType();
  const CXXRecordDecl *Record = recordOf(OperandType);
  if (OperandType->isPointerType() || !Record ||
      !llvm::is_contained(Rewrite->OperandTypes, plainQualifiedName(Record)))
    return std::nullopt;

  if (Rewrite->Operand == AwaitOperand::AsioOperation) {
    std::optional<UseFutureOperation> Op = asUseFutureOperation(Operand);
    if (!Op || asioFlavourOf(Op->TokenName) != AC.Fw ||
        !acceptsDefaultAsioToken(AC))
      return std::nullopt;
    std::string Operation =
        textWithReplacement(Op->Operation, Op->Token, Op->AwaitableToken, Ctx);
    if (Operation.empty())
      return std::nullopt;
    Values.push_back({"operation", Operation});
  } else {
    if (Rewrite->NeedsRvalue && Operand->isLValue())
      return std::nullopt;
    std::string Text = spelledText(Operand, Ctx);
    if (Text.empty())
      return std::nullopt;
    Values.push_back({"operand", Text});
  }
  std::optional<std::string> Replacement =
      expandPlaceholders(Rewrite->Template, Values);
  if (!Replacement)
    return std::nullopt;
  return replaceCallFixIt(Call, *Replacement, Site.Ancestors);
}

void SyncWaitCheck::planUse(AsyncApiUse &Use, const AsyncContext &AC,
                            const ExecutionSite &Site, ASTContext &Ctx) {
  if (!Use.isDirect())
    return;
  const auto *Call = cast<CallExpr>(Use.Call);
  Use.Rewrite = awaitFixIt(Call, Use.Api, AC, Site, Ctx);
  // A std::future from asio::use_future: the operation can be awaited
  // directly.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    if (std::optional<UseFutureOperation> Op = asUseFutureOperation(
            originOfFuture(MC->getImplicitObjectArgument(), AC.Body, Ctx)))
      Use.TokenSwap =
          CompletionTokenSwap{Op->Operation, Op->TokenName, Op->AwaitableToken};
}

void SyncWaitCheck::render(const AsyncApiUse &Use, const AsyncContext &AC) {
  if (!Use.isDirect()) {
    diag(beginOf(Use.Call), "sync-over-async: call to '%0' in %1 waits "
                            "synchronously for asynchronous work: it reaches "
                            "'%2', which %3")
        << plainQualifiedName(Use.Helper) << AC.describe()
        << Use.Api.DisplayName
        << ApiCatalog::describeCategory(ApiKind::SyncWait,
                                        Use.Api.Entry->Category)
        << Use.Call->getSourceRange();
    notePath(*this, *Use.Path, "waits", AC.Function->getASTContext());
    return;
  }
  std::string Advice = Use.Api.Entry->Advice;
  if (!AC.isCoroutine())
    Advice = "continue in a completion handler (or a coroutine) instead of "
             "waiting";
  else if (Use.TokenSwap)
    Advice = "co_await the operation with '" + Use.TokenSwap->Replacement +
             "' instead of '" + Use.TokenSwap->Token + "'";
  {
    auto Diag = diag(beginOf(Use.Call), "sync-over-async: '%0' in %1 %2; %3")
                << Use.Api.DisplayName << AC.describe()
                << ApiCatalog::describeCategory(ApiKind::SyncWait,
                                                Use.Api.Entry->Category)
                << Advice << Use.Call->getSourceRange();
    if (Use.Rewrite)
      Diag << *Use.Rewrite;
  }
  // Unless the operation is the call itself (or holds it), point at it.
  if (Use.TokenSwap) {
    SourceRange Operation = Use.TokenSwap->Operation->getSourceRange();
    SourceRange Call = Use.Call->getSourceRange();
    if (!Operation.fullyContains(Call) && !Call.fullyContains(Operation))
      diag(beginOf(Use.TokenSwap->Operation), "the future comes from '%0' here",
           DiagnosticIDs::Note)
          << Use.TokenSwap->Token;
  }
}

} // namespace clang::tidy::corolint
