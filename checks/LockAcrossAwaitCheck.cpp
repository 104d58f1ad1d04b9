//===--- LockAcrossAwaitCheck.cpp - coro-lock-across-await ----------------===//

#include "LockAcrossAwaitCheck.h"
#include "ApiCatalog.h"
#include "Names.h"
#include "SuspensionFlow.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

/// The name a lock operation is looked up by: the method's name, or the
/// free function's ("pthread_mutex_lock").
std::string operationName(const FunctionDecl *FD) {
  if (!FD)
    return "";
  if (isa<CXXConversionDecl>(FD))
    return FD->getNameAsString(); // "operator bool"
  return FD->getIdentifier() ? FD->getName().str() : "";
}

/// `std::move(x)` (or std::forward, or a cast to an rvalue reference):
/// the expression moved from, else null.
const Expr *movedFrom(const Expr *E) {
  E = stripWrappers(E);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    if (Call->isCallToStdMove() && Call->getNumArgs() == 1)
      return Call->getArg(0);
  if (const auto *Cast = dyn_cast_or_null<CXXStaticCastExpr>(E))
    if (Cast->getType()->isRValueReferenceType() || Cast->isXValue())
      return Cast->getSubExpr();
  return nullptr;
}

/// The guard-construction arguments of a variable's initialiser: the
/// constructor call behind `T lk(m)`, `T lk{m}`, `auto lk = T(m)`.
const CXXConstructExpr *constructionOf(const Expr *Init) {
  const Expr *E = stripWrappers(Init);
  while (true) {
    if (const auto *BT = dyn_cast_or_null<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else if (const auto *MT = dyn_cast_or_null<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else
      break;
    E = stripWrappers(E);
  }
  return dyn_cast_or_null<CXXConstructExpr>(E);
}

/// What a guard's construction says about owning its mutex.
enum class Construction {
  Owns,    ///< locks (or adopts) at construction
  Defers,  ///< std::defer_lock, or a default-constructed guard
  MovedIn, ///< moved from another guard: owns if that one did
  Unknown, ///< made by a call (a function returning a guard): owns
};

Construction constructionKind(const CXXConstructExpr *CE,
                              const Expr *&MovedFromExpr) {
  MovedFromExpr = nullptr;
  if (!CE)
    return Construction::Unknown;
  if (CE->getNumArgs() == 0)
    return Construction::Defers;
  if (CE->getNumArgs() == 1)
    if (movedFrom(CE->getArg(0))) {
      MovedFromExpr = CE->getArg(0);
      return Construction::MovedIn;
    }
  for (const Expr *Arg : CE->arguments())
    if (const CXXRecordDecl *RD = recordOf(Arg->getType());
        RD && RD->getName() == "defer_lock_t")
      return Construction::Defers;
  return Construction::Owns;
}

/// The key that identifies a manually locked mutex across calls: its
/// declaration, or its spelling.
std::pair<const ValueDecl *, std::string> mutexKey(const Expr *Mutex,
                                                   const ASTContext &Ctx) {
  const Expr *E = stripWrappers(Mutex);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = stripWrappers(UO->getSubExpr());
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return {DRE->getDecl(), ""};
  std::string Text = writtenText(E ? E->getSourceRange() : SourceRange(), Ctx);
  return {nullptr, Text};
}

std::string mutexDisplay(const Expr *Mutex, const ASTContext &Ctx) {
  const Expr *E = stripWrappers(Mutex);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr();
  return E ? writtenText(E->getSourceRange(), Ctx) : "";
}

/// A lock operation that holds the thread until it is done: it returns
/// void or a success flag. An asynchronous mutex's lock() returns an
/// awaitable instead (concurrencpp::async_lock, coro::mutex).
bool isSynchronousLockCall(const CallExpr *Call) {
  QualType T = Call->getType();
  return T->isVoidType() || T->isBooleanType() || T->isIntegerType();
}

/// A class with a lock() that blocks: a mutex of the project's own, not a
/// structure that happens to contain one, nor an asynchronous mutex that
/// uses a std::mutex inside.
bool hasBlockingLock(const CXXRecordDecl *RD) {
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == "lock" &&
        M->getReturnType()->isVoidType())
      return true;
  return false;
}

/// The variables an awaited expression mentions: a guard handed to the
/// awaitable (`co_await cv.wait(lock)`, an awaiter that unlocks it in
/// await_suspend) is released by the awaitable, as std::condition_variable
/// releases the lock it waits with.
void collectMentionedVars(const Stmt *S,
                          llvm::DenseSet<const VarDecl *> &Vars) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Vars.insert(VD);
  for (const Stmt *Child : S->children())
    collectMentionedVars(Child, Vars);
}

/// The facts of one coroutine: bit I is "Locks[I] holds its lock".
class LockFlow : public FlowClient {
public:
  LockFlow(std::vector<HeldLock> &Locks, const ASTContext &Ctx)
      : Locks(Locks), Ctx(Ctx) {
    for (unsigned I = 0; I < Locks.size(); ++I) {
      const HeldLock &L = Locks[I];
      if (L.Var)
        ByVar[L.Var] = I;
      if (L.Temporary)
        ByTemporary[L.Temporary] = I;
      if (L.LockCall)
        ByCall[L.LockCall] = I;
    }
  }

  void transfer(const CFGElement &E, llvm::BitVector &Facts) override {
    if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
      if (std::optional<unsigned> I = lookup(ByVar, Dtor->getVarDecl()))
        Facts.reset(*I);
      return;
    }
    if (auto Dtor = E.getAs<CFGTemporaryDtor>()) {
      if (std::optional<unsigned> I =
              lookup(ByTemporary, Dtor->getBindTemporaryExpr()))
        Facts.reset(*I);
      return;
    }
    auto S = E.getAs<CFGStmt>();
    if (!S)
      return;
    const Stmt *St = S->getStmt();
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (std::optional<unsigned> I = lookup(ByVar, VD))
            Facts[*I] = ownsAfterInit(VD->getInit(), Facts);
      return;
    }
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(St)) {
      if (std::optional<unsigned> I = lookup(ByTemporary, BT))
        Facts.set(*I);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(St)) {
      transferCall(Call, Facts);
      return;
    }
  }

  void refineEdge(const CFGBlock &From, unsigned SuccIndex,
                  llvm::BitVector &Facts) override {
    if (From.succ_size() != 2)
      return;
    const Stmt *Cond = From.getTerminatorCondition();
    const auto *E = dyn_cast_or_null<Expr>(Cond);
    if (!E)
      return;
    // Which edge means "the call succeeded / the guard owns".
    bool SuccessIsTrue = true;
    E = stripWrappers(E);
    while (true) {
      if (const auto *UO = dyn_cast<UnaryOperator>(E);
          UO && UO->getOpcode() == UO_LNot) {
        SuccessIsTrue = !SuccessIsTrue;
        E = stripWrappers(UO->getSubExpr());
        continue;
      }
      break;
    }
    // pthread_mutex_trylock returns 0 when it locked.
    bool ZeroMeansSuccess = false;
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->isEqualityOp()) {
      Expr::EvalResult Zero;
      if (BO->getRHS()->EvaluateAsInt(Zero, Ctx) && Zero.Val.getInt() == 0) {
        ZeroMeansSuccess = true;
        SuccessIsTrue =
            BO->getOpcode() == BO_EQ ? SuccessIsTrue : !SuccessIsTrue;
        E = stripWrappers(BO->getLHS());
      }
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call)
      return;
    std::optional<LockEffect> Effect =
        ApiCatalog::lockOperation(operationName(Call->getDirectCallee()));
    if (!Effect ||
        (*Effect != LockEffect::TryAcquire && *Effect != LockEffect::Query))
      return;
    bool IsPthread = !isa<CXXMemberCallExpr>(Call);
    if (IsPthread && !ZeroMeansSuccess)
      SuccessIsTrue = !SuccessIsTrue; // `if (pthread_mutex_trylock(&m))`
    bool OnSuccessEdge = (SuccIndex == 0) == SuccessIsTrue;
    if (OnSuccessEdge)
      return;
    if (std::optional<unsigned> I = lookup(ByCall, Call)) {
      Facts.reset(*I);
      return;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      if (std::optional<unsigned> I = guardOf(MC->getImplicitObjectArgument()))
        Facts.reset(*I);
  }

private:
  template <typename Map, typename Key>
  static std::optional<unsigned> lookup(const Map &M, Key K) {
    auto It = M.find(K);
    if (It == M.end())
      return std::nullopt;
    return It->second;
  }

  /// The guard variable \p E names, if it is one of the tracked ones.
  std::optional<unsigned> guardOf(const Expr *E) const {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripWrappers(E));
    if (!DRE)
      return std::nullopt;
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return lookup(ByVar, VD);
    return std::nullopt;
  }

  /// Whether a guard owns its mutex after being initialised by \p Init.
  bool ownsAfterInit(const Expr *Init, llvm::BitVector &Facts) {
    if (!Init)
      return false;
    const Expr *MovedFromExpr = nullptr;
    switch (constructionKind(constructionOf(Init), MovedFromExpr)) {
    case Construction::Owns:
    case Construction::Unknown:
      return true;
    case Construction::Defers:
      return false;
    case Construction::MovedIn:
      return movedHeld(MovedFromExpr);
    }
    return true;
  }

  /// Whether the guard moved by \p MoveExpr held its lock when it was
  /// moved from (recorded when the std::move was evaluated).
  bool movedHeld(const Expr *MoveExpr) {
    auto It = MovedHeld.find(stripWrappers(MoveExpr));
    return It != MovedHeld.end() && It->second;
  }

  void transferCall(const CallExpr *Call, llvm::BitVector &Facts) {
    // std::move(lk): the lock goes wherever the value goes; a guard
    // initialised or assigned from it picks the ownership up.
    if (const Expr *From = movedFrom(Call)) {
      if (std::optional<unsigned> I = guardOf(From)) {
        MovedHeld[Call] = Facts.test(*I);
        Facts.reset(*I);
      }
      return;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        if (std::optional<unsigned> I = guardOf(Op->getArg(0))) {
          const Expr *RHS = Op->getArg(1);
          Facts[*I] =
              movedFrom(RHS) ? movedHeld(RHS) : ownsAfterInit(RHS, Facts);
        }
      return;
    }
    std::optional<LockEffect> Effect =
        ApiCatalog::lockOperation(operationName(Call->getDirectCallee()));
    if (!Effect)
      return;
    if (std::optional<unsigned> I = lookup(ByCall, Call)) {
      Facts.set(*I); // a manual lock() / try_lock() / pthread_mutex_lock()
      return;
    }
    const Expr *Object = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Object = MC->getImplicitObjectArgument();
    if (Object)
      if (std::optional<unsigned> I = guardOf(Object)) {
        if (*Effect == LockEffect::Acquire || *Effect == LockEffect::TryAcquire)
          Facts.set(*I);
        else if (*Effect == LockEffect::Release)
          Facts.reset(*I);
        // Disown (release()): the mutex stays locked and nobody will
        // unlock it; the guard's finding stands.
        return;
      }
    if (*Effect != LockEffect::Release)
      return;
    // m.unlock() / pthread_mutex_unlock(&m): every manual lock of m ends.
    const Expr *Mutex =
        Object ? Object : (Call->getNumArgs() ? Call->getArg(0) : nullptr);
    if (!Mutex)
      return;
    auto [Decl, Text] = mutexKey(Mutex, Ctx);
    for (unsigned I = 0; I < Locks.size(); ++I) {
      const HeldLock &L = Locks[I];
      if (L.Kind == HeldLock::Holder::Manual &&
          (Decl ? L.MutexDecl == Decl : (!L.MutexDecl && L.MutexKey == Text)))
        Facts.reset(I);
    }
  }

  std::vector<HeldLock> &Locks;
  const ASTContext &Ctx;
  llvm::DenseMap<const VarDecl *, unsigned> ByVar;
  llvm::DenseMap<const CXXBindTemporaryExpr *, unsigned> ByTemporary;
  llvm::DenseMap<const Expr *, unsigned> ByCall;
  llvm::DenseMap<const Expr *, bool> MovedHeld;
};

} // namespace

LockAcrossAwaitCheck::LockAcrossAwaitCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : CoroutineCheck(Name, Context), RawLockTypes(Options.get("LockTypes", "")),
      RawMutexTypes(Options.get("MutexTypes", "")),
      RawAllowedAwaitables(Options.getLocalOrGlobal("AllowedAwaitables", "")),
      LockTypes(parseNameSet(RawLockTypes)),
      MutexTypes(parseNameSet(RawMutexTypes)),
      AllowedAwaitables(parseNameSet(RawAllowedAwaitables)) {
  reportInvalidAllowedAwaitables(*this, Name, RawAllowedAwaitables);
}

void LockAcrossAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockTypes", RawLockTypes);
  Options.store(Opts, "MutexTypes", RawMutexTypes);
  Options.store(Opts, "AllowedAwaitables", RawAllowedAwaitables);
}

void LockAcrossAwaitCheck::registerMatchers(MatchFinder *Finder) {
  registerAsyncContextMatchers(Finder, this);
}

bool LockAcrossAwaitCheck::isThreadAffineMutex(QualType T) {
  // pthread_mutex_t is a typedef of an anonymous union: its name is the
  // typedef's.
  if (const auto *TT = T.getNonReferenceType()->getAs<TypedefType>())
    if (ApiCatalog::isThreadAffineMutex(plainQualifiedName(TT->getDecl())) ||
        MutexTypes.contains(plainQualifiedName(TT->getDecl())))
      return true;
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  RD = RD->getCanonicalDecl();
  auto [It, Inserted] = Mutexes.try_emplace(RD, false);
  if (!Inserted)
    return It->second;
  std::string Name = plainQualifiedName(RD);
  bool Affine =
      ApiCatalog::isThreadAffineMutex(Name) || MutexTypes.contains(Name);
  // A project's own mutex that wraps one (a spin-then-block mutex, a
  // checked mutex) is as thread-affine as what it wraps.
  if (!Affine && RD->hasDefinition() &&
      !ApiCatalog::lockGuardMutexArgument(Name) &&
      hasBlockingLock(RD->getDefinition()))
    for (const FieldDecl *Field : RD->getDefinition()->fields())
      if (const CXXRecordDecl *FR = Field->getType()->getAsCXXRecordDecl();
          FR && FR->getCanonicalDecl() != RD &&
          (ApiCatalog::isThreadAffineMutex(plainQualifiedName(FR)) ||
           MutexTypes.contains(plainQualifiedName(FR)))) {
        Affine = true;
        break;
      }
  Mutexes[RD] = Affine;
  return Affine;
}

std::optional<std::string> LockAcrossAwaitCheck::guardedMutexType(QualType T) {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return std::nullopt;
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return std::nullopt;
  RD = RD->getCanonicalDecl();
  if (auto It = Guards.find(RD); It != Guards.end())
    return It->second;
  Guards[RD] = std::nullopt; // a class that contains itself is no guard
  std::optional<std::string> Result;
  std::string Name = plainQualifiedName(RD);
  if (std::optional<int> Arg = ApiCatalog::lockGuardMutexArgument(Name)) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      for (unsigned I = 0; I < Args.size(); ++I) {
        if (*Arg >= 0 && static_cast<int>(I) != *Arg)
          continue;
        auto Check = [&](const TemplateArgument &A) {
          if (A.getKind() == TemplateArgument::Type &&
              isThreadAffineMutex(A.getAsType()) && !Result)
            Result = plainQualifiedName(recordOf(A.getAsType())).empty()
                         ? A.getAsType().getAsString()
                         : plainQualifiedName(recordOf(A.getAsType()));
        };
        if (Args[I].getKind() == TemplateArgument::Pack)
          for (const TemplateArgument &A : Args[I].pack_elements())
            Check(A);
        else
          Check(Args[I]);
      }
    }
  } else if (ApiCatalog::isThreadAffineGuard(Name) ||
             LockTypes.contains(Name) || RD->hasAttr<ScopedLockableAttr>()) {
    Result = "";
  } else if (RD->hasDefinition() && !RD->isLambda()) {
    // A class whose member is such a guard holds the lock while it lives:
    // folly::Synchronized-style locked pointers, a struct pairing a
    // unique_lock with the data it protects.
    for (const FieldDecl *Field : RD->getDefinition()->fields())
      if (std::optional<std::string> Inner =
              guardedMutexType(Field->getType())) {
        Result = Inner;
        break;
      }
  }
  Guards[RD] = Result;
  return Result;
}

std::vector<LockAcrossSuspension>
LockAcrossAwaitCheck::findLocksAcrossSuspensions(const AsyncContext &AC,
                                                 ASTContext &AST,
                                                 std::vector<HeldLock> &Locks) {
  // The candidates, found walking down the body: files and coroutines
  // without one never build a CFG.
  bool Suspends = false;
  const FunctionDecl *FD = AC.Function;
  for (const ParmVarDecl *P : FD->parameters())
    if (std::optional<std::string> Mutex = guardedMutexType(P->getType())) {
      HeldLock L;
      L.Kind = HeldLock::Holder::Parameter;
      L.Var = P;
      L.MutexType = *Mutex;
      L.Loc = P->getLocation();
      Locks.push_back(L);
    }
  auto OnSuspension = [&](const CoroutineSuspendExpr *) { Suspends = true; };
  auto OnLocal = [&](const VarDecl *VD) {
    std::optional<std::string> Mutex = guardedMutexType(VD->getType());
    if (!Mutex)
      return;
    HeldLock L;
    L.Kind = HeldLock::Holder::Guard;
    L.Var = VD;
    L.MutexType = *Mutex;
    L.Loc = VD->getLocation();
    if (const CXXConstructExpr *CE = constructionOf(VD->getInit());
        CE && CE->getNumArgs() > 0 && !movedFrom(CE->getArg(0)) &&
        isThreadAffineMutex(CE->getArg(0)->getType())) {
      L.MutexText = mutexDisplay(CE->getArg(0), AST);
      if (L.MutexType.empty())
        if (const CXXRecordDecl *MR = recordOf(CE->getArg(0)->getType()))
          L.MutexType = plainQualifiedName(MR);
    }
    Locks.push_back(L);
  };
  prescanCoroutine(AC, OnSuspension, OnLocal, [&](const ExecutionSite &Site) {
    const Stmt *S = Site.S;
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(S)) {
      if (std::optional<std::string> Mutex = guardedMutexType(BT->getType())) {
        HeldLock L;
        L.Kind = HeldLock::Holder::Temporary;
        L.Temporary = BT;
        L.MutexType = *Mutex;
        L.Loc = BT->getBeginLoc();
        Locks.push_back(L);
      }
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      return;
    std::optional<LockEffect> Effect =
        ApiCatalog::lockOperation(operationName(Call->getDirectCallee()));
    if (!Effect ||
        (*Effect != LockEffect::Acquire && *Effect != LockEffect::TryAcquire) ||
        !isSynchronousLockCall(Call))
      return;
    const Expr *Mutex = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Mutex = MC->getImplicitObjectArgument();
    else if (!isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0 &&
             Call->getArg(0)->getType()->isPointerType())
      Mutex = Call->getArg(0);
    if (!Mutex)
      return;
    QualType MutexType = Mutex->getType();
    if (MutexType->isPointerType())
      MutexType = MutexType->getPointeeType();
    if (!isThreadAffineMutex(MutexType) || guardedMutexType(MutexType))
      return;
    HeldLock L;
    L.Kind = HeldLock::Holder::Manual;
    L.LockCall = Call;
    std::tie(L.MutexDecl, L.MutexKey) = mutexKey(Mutex, AST);
    L.MutexText = mutexDisplay(Mutex, AST);
    const CXXRecordDecl *MR = recordOf(MutexType);
    L.MutexType = MR && !plainQualifiedName(MR).empty()
                      ? plainQualifiedName(MR)
                      : MutexType.getUnqualifiedType().getAsString();
    L.Loc = Call->getExprLoc();
    Locks.push_back(L);
  });
  if (Locks.empty() || !Suspends)
    return {};

  std::unique_ptr<CoroutineFlow> Flow = CoroutineFlow::build(FD, AST);
  if (!Flow)
    return {};
  // A guard temporary the CFG never destroys was elided into a variable
  // (`auto lk = std::unique_lock<std::mutex>(m);`): the variable is the
  // holder, not the temporary.
  llvm::DenseSet<const CXXBindTemporaryExpr *> Destroyed;
  for (const CFGBlock *B : Flow->cfg())
    for (const CFGElement &E : *B)
      if (auto Dtor = E.getAs<CFGTemporaryDtor>())
        Destroyed.insert(Dtor->getBindTemporaryExpr());
  llvm::erase_if(Locks, [&](const HeldLock &L) {
    return L.Temporary && !Destroyed.contains(L.Temporary);
  });
  if (Locks.empty())
    return {};
  unsigned N = Locks.size();
  llvm::BitVector Entry(N);
  for (unsigned I = 0; I < N; ++I)
    if (Locks[I].Kind == HeldLock::Holder::Parameter)
      Entry.set(I);
  LockFlow Client(Locks, AST);
  FlowResult May = runForwardFlow(*Flow, Client, N, Entry, FlowJoin::May);

  struct Crossing {
    const CoroutineSuspendExpr *Suspension = nullptr;
    const CFGBlock *Block = nullptr;
  };
  std::vector<Crossing> First(N);
  May.replay(
      *Flow, Client,
      [&](const CFGBlock &B, const CFGElement &E, const llvm::BitVector &Held) {
        const CoroutineSuspendExpr *SE = suspensionAt(E);
        if (!SE || Held.none() || resumesOnSameThread(SE, AllowedAwaitables))
          return;
        llvm::DenseSet<const VarDecl *> HandedOver;
        collectMentionedVars(SE->getOperand(), HandedOver);
        const CXXRecordDecl *Awaitable = recordOf(SE->getOperand()->getType());
        const CXXRecordDecl *Awaiter =
            SE->getCommonExpr() ? recordOf(SE->getCommonExpr()->getType())
                                : nullptr;
        for (unsigned I : Held.set_bits()) {
          const HeldLock &L = Locks[I];
          if (L.Var && HandedOver.contains(L.Var))
            continue;
          // A temporary that is the awaitable itself holds the lock by its
          // own design: it releases it when the coroutine suspends.
          if (const CXXRecordDecl *TR =
                  L.Temporary ? recordOf(L.Temporary->getType()) : nullptr;
              TR && (TR == Awaitable || TR == Awaiter))
            continue;
          if (!First[I].Suspension ||
              AST.getSourceManager().isBeforeInTranslationUnit(
                  SE->getBeginLoc(), First[I].Suspension->getBeginLoc()))
            First[I] = {SE, &B};
        }
      });

  std::vector<LockAcrossSuspension> Findings;
  std::optional<FlowResult> Must;
  for (unsigned I = 0; I < N; ++I) {
    if (!First[I].Suspension)
      continue;
    LockAcrossSuspension F{&Locks[I], First[I].Suspension};
    // Held on every path to that suspension point, or only on some? For
    // the latter, point at the branch that keeps it held.
    if (!Must)
      Must = runForwardFlow(*Flow, Client, N, Entry, FlowJoin::Must);
    bool HeldOnEveryPath = false;
    Must->replay(*Flow, Client,
                 [&](const CFGBlock &, const CFGElement &E,
                     const llvm::BitVector &Held) {
                   if (suspensionAt(E) == F.Suspension && Held.test(I))
                     HeldOnEveryPath = true;
                 });
    if (!HeldOnEveryPath) {
      DecidingBranch Branch =
          findDecidingBranch(*Flow, *First[I].Block, I, May, *Must, Client);
      F.Branch = Branch.Condition;
      F.BranchSucc = Branch.SuccIndex;
      F.BranchSuccs = Branch.NumSuccs;
    }
    Findings.push_back(F);
  }
  return Findings;
}

void LockAcrossAwaitCheck::report(const LockAcrossSuspension &F,
                                  const AsyncContext &AC) {
  const HeldLock &L = *F.Lock;
  if (!Reported.insert(L.Loc).second)
    return;
  std::string Mutex =
      !L.MutexText.empty()
          ? "'" + L.MutexText + "'" +
                (L.MutexType.empty() ? "" : " (" + L.MutexType + ")")
          : (L.MutexType.empty() ? std::string("its mutex")
                                 : "a '" + L.MutexType + "'");
  std::string Holder;
  switch (L.Kind) {
  case HeldLock::Holder::Guard:
    Holder = "'" + L.Var->getName().str() + "' holds a lock on " + Mutex;
    break;
  case HeldLock::Holder::Parameter:
    Holder =
        "parameter '" + L.Var->getName().str() + "' holds a lock on " + Mutex;
    break;
  case HeldLock::Holder::Temporary:
    Holder = "temporary '" +
             plainQualifiedName(recordOf(L.Temporary->getType())) +
             "', alive to the end of the expression, holds a lock on " + Mutex;
    break;
  case HeldLock::Holder::Manual:
    Holder = Mutex + " is locked here and still held";
    break;
  }
  llvm::StringRef Advice = ApiCatalog::asyncMutexAdvice(AC.Fw);
  diag(L.Loc, "%0 across a suspension point in %1: the coroutine may resume "
              "on another thread, and every task that wants the lock "
              "meanwhile blocks its own; release it before suspending, or "
              "use %2")
      << Holder << AC.describe() << Advice;
  if (F.Branch) {
    if (F.BranchSuccs == 2)
      diag(F.Branch->getBeginLoc(),
           "the lock stays held on the path where this condition is %select{"
           "true|false}0",
           DiagnosticIDs::Note)
          << (F.BranchSucc != 0);
    else
      diag(F.Branch->getBeginLoc(),
           "the lock stays held on one path through this branch",
           DiagnosticIDs::Note);
  }
  diag(F.Suspension->getKeywordLoc(),
       "%select{suspends|yields}0 here with "
       "the lock held",
       DiagnosticIDs::Note)
      << isa<CoyieldExpr>(F.Suspension);
}

void LockAcrossAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  std::optional<AsyncContext> AC = asyncContextFromMatch(Result);
  if (!AC || !AC->isCoroutine())
    return;
  std::vector<HeldLock> Locks;
  for (const LockAcrossSuspension &F :
       findLocksAcrossSuspensions(*AC, *Result.Context, Locks))
    report(F, *AC);
}

} // namespace clang::tidy::corolint
