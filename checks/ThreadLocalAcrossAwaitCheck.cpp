//===--- ThreadLocalAcrossAwaitCheck.cpp - coro-thread-local-across-await -===//

#include "ThreadLocalAcrossAwaitCheck.h"
#include "ApiCatalog.h"
#include "Names.h"
#include "SuspensionFlow.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

using Kind = ThreadBoundValue::Kind;

const VarDecl *asThreadLocal(const Decl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->getTLSKind() != VarDecl::TLS_None ? VD : nullptr;
}

/// What the calling thread's state a call reads (std::this_thread::get_id,
/// errno's location, std::uncaught_exceptions).
std::optional<ThreadStateKind> threadStateCall(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *Call = E ? dyn_cast<CallExpr>(stripWrappers(E)) : nullptr;
  if (!Call || !Call->getDirectCallee())
    return std::nullopt;
  return ApiCatalog::threadState(plainQualifiedName(Call->getDirectCallee()));
}

bool isComparison(BinaryOperatorKind Op) {
  return BinaryOperator::isComparisonOp(Op);
}

bool isComparison(OverloadedOperatorKind Op) {
  switch (Op) {
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Less:
  case OO_Greater:
  case OO_LessEqual:
  case OO_GreaterEqual:
  case OO_Spaceship:
    return true;
  default:
    return false;
  }
}

/// The two operands of a comparison or an assignment, and which it is.
struct BinaryUse {
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool IsAssignment = false, IsComparison = false;
};

BinaryUse binaryUse(const Stmt *S) {
  BinaryUse U;
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    U.LHS = BO->getLHS();
    U.RHS = BO->getRHS();
    U.IsAssignment = BO->getOpcode() == BO_Assign;
    U.IsComparison = isComparison(BO->getOpcode());
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
             Op && Op->getNumArgs() == 2) {
    U.LHS = Op->getArg(0);
    U.RHS = Op->getArg(1);
    U.IsAssignment = Op->getOperator() == OO_Equal;
    U.IsComparison = isComparison(Op->getOperator());
  }
  return U;
}

/// The variable an operand names, through the copy a by-value operator
/// parameter makes of it.
const DeclRefExpr *namedVar(const Expr *E) {
  E = stripWrappers(E);
  if (const auto *MT = dyn_cast_or_null<MaterializeTemporaryExpr>(E))
    E = stripWrappers(MT->getSubExpr());
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E);
      CE && CE->getNumArgs() == 1 &&
      CE->getConstructor()->isCopyOrMoveConstructor())
    E = stripWrappers(CE->getArg(0));
  return dyn_cast_or_null<DeclRefExpr>(E);
}

/// An lvalue made of a thread_local and member accesses only
/// (`tls_ctx.id`): evaluating it again has no side effect.
bool isPlainPath(const Expr *E) {
  E = stripWrappers(E);
  while (const auto *ME = dyn_cast_or_null<MemberExpr>(E)) {
    if (ME->isArrow())
      return false;
    E = stripWrappers(ME->getBase());
  }
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  return DRE && asThreadLocal(DRE->getDecl());
}

/// Whether \p Loc is inside a unit-test assertion macro (EXPECT_TRUE,
/// REQUIRE, ...), through any macros it expands to.
bool inTestAssertion(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  while (Loc.isMacroID()) {
    if (ApiCatalog::isTestAssertionMacro(
            Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts())))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

/// Facts: bit 2i is "Values[i] is bound (alive, for a guard)", bit 2i+1
/// "... and a suspension point lies between the binding and here".
class ThreadStateFlow : public FlowClient {
public:
  ThreadStateFlow(const std::vector<ThreadBoundValue> &Values,
                  const llvm::DenseSet<const DeclRefExpr *> &Rebinds,
                  const llvm::StringSet<> &AllowedAwaitables)
      : Values(Values), Rebinds(Rebinds), AllowedAwaitables(AllowedAwaitables) {
    for (unsigned I = 0; I < Values.size(); ++I)
      if (Values[I].Var)
        ByVar[Values[I].Var] = I;
      else
        ErrnoIndex = I;
  }

  static unsigned bound(unsigned I) { return 2 * I; }
  static unsigned stale(unsigned I) { return 2 * I + 1; }

  void transfer(const CFGElement &E, llvm::BitVector &Facts) override {
    if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
      if (auto It = ByVar.find(Dtor->getVarDecl()); It != ByVar.end()) {
        Facts.reset(bound(It->second));
        Facts.reset(stale(It->second));
      }
      return;
    }
    auto S = E.getAs<CFGStmt>();
    if (!S)
      return;
    const Stmt *St = S->getStmt();
    if (const CoroutineSuspendExpr *SE = suspensionAt(E)) {
      if (resumesOnSameThread(SE, AllowedAwaitables))
        return;
      for (unsigned I = 0; I < Values.size(); ++I)
        if (Facts.test(bound(I)))
          Facts.set(stale(I));
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (auto It = ByVar.find(dyn_cast<VarDecl>(D)); It != ByVar.end()) {
          Facts.set(bound(It->second));
          Facts.reset(stale(It->second));
        }
      return;
    }
    // `p = current_ctx();` binds again; `id = other;` unbinds.
    if (BinaryUse U = binaryUse(St); U.IsAssignment)
      if (const DeclRefExpr *LHS = namedVar(U.LHS);
          LHS && Rebinds.contains(LHS))
        if (auto It = ByVar.find(dyn_cast<VarDecl>(LHS->getDecl()));
            It != ByVar.end()) {
          Facts.reset(stale(It->second));
          return;
        }
    if (ErrnoIndex)
      if (const auto *Call = dyn_cast<CallExpr>(St))
        if (threadStateCall(Call) != ThreadStateKind::Errno)
          // Any call may set errno again: what is read after it is its.
          Facts.reset(stale(*ErrnoIndex));
  }

  std::optional<unsigned> ErrnoIndex;
  llvm::DenseMap<const VarDecl *, unsigned> ByVar;

private:
  const std::vector<ThreadBoundValue> &Values;
  const llvm::DenseSet<const DeclRefExpr *> &Rebinds;
  const llvm::StringSet<> &AllowedAwaitables;
};

} // namespace

ThreadLocalAcrossAwaitCheck::ThreadLocalAcrossAwaitCheck(
    StringRef Name, ClangTidyContext *Context)
    : CoroutineCheck(Name, Context),
      RawSameThreadFrameworks(Options.get("SameThreadFrameworks", "")),
      RawAllowedAwaitables(Options.getLocalOrGlobal("AllowedAwaitables", "")),
      SameThreadFrameworks(parseNameSet(RawSameThreadFrameworks)),
      AllowedAwaitables(parseNameSet(RawAllowedAwaitables)) {
  reportInvalidAllowedAwaitables(*this, Name, RawAllowedAwaitables);
}

void ThreadLocalAcrossAwaitCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SameThreadFrameworks", RawSameThreadFrameworks);
  Options.store(Opts, "AllowedAwaitables", RawAllowedAwaitables);
}

void ThreadLocalAcrossAwaitCheck::registerMatchers(MatchFinder *Finder) {
  registerAsyncContextMatchers(Finder, this);
}

const VarDecl *
ThreadLocalAcrossAwaitCheck::returnedThreadLocal(const FunctionDecl *FD,
                                                 unsigned Depth) {
  if (!FD || Depth > 2)
    return nullptr;
  QualType Ret = FD->getReturnType();
  if (!Ret->isReferenceType() && !Ret->isPointerType())
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || isCoroutine(Def))
    return nullptr;
  FD = Def->getCanonicalDecl();
  if (auto It = ReturnsTls.find(FD); It != ReturnsTls.end())
    return It->second;
  ReturnsTls[FD] = nullptr; // recursion ends here
  const VarDecl *Found = nullptr;
  forEachExecutedStmtIn(Def->getBody(), [&](const ExecutionSite &Site) {
    const auto *Return = dyn_cast<ReturnStmt>(Site.S);
    if (Found || !Return || !Return->getRetValue())
      return;
    const Expr *Value = stripWrappers(Return->getRetValue());
    if (const auto *UO = dyn_cast<UnaryOperator>(Value);
        UO && UO->getOpcode() == UO_AddrOf)
      Value = UO->getSubExpr();
    Found = threadLocalTarget(Value, Depth + 1);
  });
  ReturnsTls[FD] = Found;
  return Found;
}

const VarDecl *ThreadLocalAcrossAwaitCheck::threadLocalTarget(const Expr *E,
                                                              unsigned Depth) {
  E = stripWrappers(E);
  while (true) {
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(E)) {
      if (ME->isArrow())
        return nullptr;
      E = stripWrappers(ME->getBase());
    } else if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(E)) {
      E = stripWrappers(AS->getBase());
    } else {
      break;
    }
  }
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return asThreadLocal(DRE->getDecl());
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    return returnedThreadLocal(Call->getDirectCallee(), Depth);
  return nullptr;
}

std::string
ThreadLocalAcrossAwaitCheck::scopedThreadState(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return "";
  RD = RD->getDefinition();
  if (auto It = Guards.find(RD); It != Guards.end())
    return It->second;
  Guards[RD] = "";
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  const FunctionDecl *DtorDef = nullptr;
  if (!Dtor || !Dtor->hasBody(DtorDef))
    return "";
  // What the destructor does with per-thread state.
  llvm::DenseSet<const VarDecl *> Restored;
  bool ComparesCount = false;
  forEachExecutedStmtIn(DtorDef->getBody(), [&](const ExecutionSite &Site) {
    if (BinaryUse U = binaryUse(Site.S); U.IsAssignment)
      if (const VarDecl *TL = threadLocalTarget(U.LHS))
        Restored.insert(TL);
    if (threadStateCall(Site.S) == ThreadStateKind::PerThreadCount)
      ComparesCount = true;
  });
  if (Restored.empty() && !ComparesCount)
    return "";
  // What the constructors (and default member initialisers) read.
  const VarDecl *Saved = nullptr;
  bool SnapshotsCount = false;
  auto Scan = [&](const Stmt *S) {
    forEachExecutedStmtIn(S, [&](const ExecutionSite &Site) {
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Site.S))
        if (const VarDecl *TL = asThreadLocal(DRE->getDecl());
            TL && Restored.contains(TL))
          Saved = TL;
      if (threadStateCall(Site.S) == ThreadStateKind::PerThreadCount)
        SnapshotsCount = true;
    });
  };
  for (const FieldDecl *Field : RD->fields())
    if (Field->hasInClassInitializer())
      Scan(Field->getInClassInitializer());
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def))
      continue;
    for (const CXXCtorInitializer *Init :
         cast<CXXConstructorDecl>(Def)->inits())
      if (Init->isWritten())
        Scan(Init->getInit());
    Scan(Def->getBody());
  }
  std::string Description;
  if (Saved)
    Description = "saves thread_local '" + Saved->getName().str() +
                  "' when made and restores it when destroyed";
  else if (SnapshotsCount && ComparesCount)
    Description = "snapshots the thread's std::uncaught_exceptions() when "
                  "made and compares it when destroyed";
  Guards[RD] = Description;
  return Description;
}

std::vector<StaleUse> ThreadLocalAcrossAwaitCheck::findStaleUses(
    const AsyncContext &AC, ASTContext &AST,
    std::vector<ThreadBoundValue> &Values) {
  // The candidates and the uses that matter, found walking down the body:
  // coroutines with none never build a CFG.
  llvm::DenseSet<const DeclRefExpr *> Rebinds, Compared;
  llvm::DenseMap<const DeclRefExpr *, const VarDecl *> RelatedTo;
  llvm::DenseSet<const CallExpr *> ErrnoWrites;
  std::vector<const CoroutineSuspendExpr *> Suspensions; // in source order
  bool ReadsErrno = false;
  auto OnSuspension = [&](const CoroutineSuspendExpr *SE) {
    Suspensions.push_back(SE);
  };
  auto OnLocal = [&](const VarDecl *VD) {
    const Expr *Init = VD->getInit();
    QualType T = VD->getType();
    ThreadBoundValue V{Kind::TlsReference, nullptr, nullptr, "", ""};
    V.Var = VD;
    if (Init && (T->isReferenceType() || T->isPointerType())) {
      const Expr *Target = stripWrappers(Init);
      if (const auto *UO = dyn_cast<UnaryOperator>(Target);
          T->isPointerType() && UO && UO->getOpcode() == UO_AddrOf)
        Target = UO->getSubExpr();
      else if (T->isPointerType() && !isa<CallExpr>(Target))
        return;
      if (const VarDecl *TL = threadLocalTarget(Target)) {
        V.ThreadLocal = TL;
        V.Origin = "thread_local '" + TL->getName().str() + "'";
        if (T->isReferenceType() && isPlainPath(Init) &&
            !Init->getBeginLoc().isMacroID())
          V.Reacquire = writtenText(stripWrappers(Init)->getSourceRange(), AST);
        Values.push_back(V);
      }
      return;
    }
    if (!Init)
      return;
    if (threadStateCall(Init) == ThreadStateKind::Identity) {
      V.K = Kind::ThreadId;
      V.Origin =
          "'" + writtenText(stripWrappers(Init)->getSourceRange(), AST) + "'";
      Values.push_back(V);
      return;
    }
    const Expr *Source = stripWrappers(Init);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Source);
        CE && CE->getNumArgs() == 1)
      Source = stripWrappers(CE->getArg(0));
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Source))
      if (const VarDecl *TL = asThreadLocal(DRE->getDecl())) {
        V.K = Kind::TlsCopy;
        V.ThreadLocal = TL;
        V.Origin = "thread_local '" + TL->getName().str() + "'";
        Values.push_back(V);
        return;
      }
    if (std::string Guard = scopedThreadState(recordOf(T));
        !Guard.empty() && !T->isReferenceType() && !T->isPointerType()) {
      V.K = Kind::ScopedGuard;
      V.Origin = Guard;
      Values.push_back(V);
    }
  };
  prescanCoroutine(AC, OnSuspension, OnLocal, [&](const ExecutionSite &Site) {
    const Stmt *S = Site.S;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && threadStateCall(Call) == ThreadStateKind::Errno)
      ReadsErrno = true;
    BinaryUse U = binaryUse(S);
    if (U.IsAssignment) {
      // Assigning a pointer, a thread id or a copy makes it a new value;
      // assigning through a reference writes the old thread's object.
      if (const DeclRefExpr *LHS = namedVar(U.LHS);
          LHS && !LHS->getDecl()->getType()->isReferenceType())
        Rebinds.insert(LHS);
      // `errno = 0;` writes the resuming thread's errno: not a read.
      if (const auto *Deref = dyn_cast<UnaryOperator>(stripWrappers(U.LHS));
          Deref && Deref->getOpcode() == UO_Deref)
        if (const auto *Call =
                dyn_cast<CallExpr>(stripWrappers(Deref->getSubExpr()));
            Call && threadStateCall(Call) == ThreadStateKind::Errno)
          ErrnoWrites.insert(Call);
    }
    // A comparison inside a test's assertion checks the executor's
    // contract on purpose (does it resume on the same thread?).
    if (U.IsComparison && !inTestAssertion(S->getBeginLoc(), AST))
      for (const Expr *Side : {U.LHS, U.RHS})
        if (const DeclRefExpr *DRE = namedVar(Side))
          Compared.insert(DRE);
    // A copy of a thread_local assigned back into it, or compared with it.
    if (U.IsAssignment || U.IsComparison) {
      const DeclRefExpr *L = namedVar(U.LHS), *R = namedVar(U.RHS);
      if (L && R) {
        if (const VarDecl *TL = asThreadLocal(L->getDecl()))
          RelatedTo[R] = TL;
        if (const VarDecl *TL = asThreadLocal(R->getDecl());
            TL && U.IsComparison)
          RelatedTo[L] = TL;
      }
    }
  });
  if (ReadsErrno) {
    ThreadBoundValue V{Kind::Errno, nullptr, nullptr, "", ""};
    V.Origin = "errno";
    Values.push_back(V);
  }
  if (Values.empty() || Suspensions.empty())
    return {};
  std::unique_ptr<CoroutineFlow> Flow = CoroutineFlow::build(AC.Function, AST);
  if (!Flow)
    return {};

  ThreadStateFlow Client(Values, Rebinds, AllowedAwaitables);
  unsigned N = 2 * Values.size();
  llvm::BitVector Entry(N);
  if (Client.ErrnoIndex)
    Entry.set(ThreadStateFlow::bound(*Client.ErrnoIndex));
  FlowResult May = runForwardFlow(*Flow, Client, N, Entry, FlowJoin::May);

  const SourceManager &SM = AST.getSourceManager();
  std::vector<StaleUse> Found(Values.size());
  for (unsigned I = 0; I < Values.size(); ++I)
    Found[I].Value = &Values[I];
  // For the note: the suspension point nearest before the use in the
  // source (for a use at the top of a loop, the loop's first one).
  auto SuspensionBefore = [&](const Expr *Use) {
    const CoroutineSuspendExpr *Best = Suspensions.front();
    for (const CoroutineSuspendExpr *SE : Suspensions)
      if (SM.isBeforeInTranslationUnit(SE->getBeginLoc(), Use->getBeginLoc()))
        Best = SE;
    return Best;
  };
  auto Record = [&](unsigned I, const Expr *Use,
                    const CoroutineSuspendExpr *Suspension) {
    StaleUse &F = Found[I];
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Use))
      F.AllUses.push_back(DRE);
    if (!F.Suspension ||
        (Use && F.Use &&
         SM.isBeforeInTranslationUnit(Use->getBeginLoc(),
                                      F.Use->getBeginLoc())) ||
        (!Use && SM.isBeforeInTranslationUnit(Suspension->getBeginLoc(),
                                              F.Suspension->getBeginLoc()))) {
      F.Use = Use;
      F.Suspension = Suspension;
    }
  };
  May.replay(
      *Flow, Client,
      [&](const CFGBlock &, const CFGElement &E, const llvm::BitVector &Facts) {
        if (const CoroutineSuspendExpr *SE = suspensionAt(E)) {
          if (resumesOnSameThread(SE, AllowedAwaitables))
            return;
          for (unsigned I = 0; I < Values.size(); ++I)
            if (Values[I].K == Kind::ScopedGuard &&
                Facts.test(ThreadStateFlow::bound(I)))
              Record(I, nullptr, SE);
          return;
        }
        auto S = E.getAs<CFGStmt>();
        if (!S)
          return;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(S->getStmt())) {
          auto It = Client.ByVar.find(dyn_cast<VarDecl>(DRE->getDecl()));
          if (It == Client.ByVar.end() ||
              !Facts.test(ThreadStateFlow::stale(It->second)))
            return;
          const ThreadBoundValue &V = Values[It->second];
          bool Relevant =
              (V.K == Kind::TlsReference && !Rebinds.contains(DRE)) ||
              (V.K == Kind::ThreadId && Compared.contains(DRE)) ||
              (V.K == Kind::TlsCopy && RelatedTo.lookup(DRE) &&
               RelatedTo.lookup(DRE) == V.ThreadLocal);
          if (Relevant)
            Record(It->second, DRE, SuspensionBefore(DRE));
          return;
        }
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
            Call && Client.ErrnoIndex &&
            threadStateCall(Call) == ThreadStateKind::Errno &&
            !ErrnoWrites.contains(Call) &&
            Facts.test(ThreadStateFlow::stale(*Client.ErrnoIndex)))
          Record(*Client.ErrnoIndex, Call, SuspensionBefore(Call));
      });
  std::vector<StaleUse> Result;
  for (StaleUse &F : Found)
    if (F.Suspension)
      Result.push_back(std::move(F));
  return Result;
}

void ThreadLocalAcrossAwaitCheck::report(const StaleUse &F,
                                         const AsyncContext &AC,
                                         const ASTContext &AST) {
  const ThreadBoundValue &V = *F.Value;
  SourceLocation Loc = F.Use ? F.Use->getBeginLoc() : V.Var->getLocation();
  // In a macro argument (`assert(id == ...)`), where the user wrote it.
  Loc = AST.getSourceManager().getFileLoc(Loc);
  if (!Reported.insert(Loc).second)
    return;
  std::string Name = V.Var ? V.Var->getName().str() : "";
  std::string Ctx = AC.describe();
  switch (V.K) {
  case Kind::TlsReference: {
    auto D = diag(Loc, "'%0' %select{refers to|points into}1 %2 of the "
                       "thread that ran %3 before a suspension point and is "
                       "used after it: the coroutine may have resumed on "
                       "another thread, where it is another thread's "
                       "object%select{|; take it again after the co_await}4")
             << Name << V.Var->getType()->isPointerType() << V.Origin << Ctx
             << !V.Reacquire.empty();
    if (!V.Reacquire.empty())
      for (const DeclRefExpr *Use : F.AllUses)
        if (!Use->getBeginLoc().isMacroID())
          D << FixItHint::CreateReplacement(Use->getSourceRange(), V.Reacquire);
    break;
  }
  case Kind::ThreadId:
    diag(Loc, "thread id '%0' taken before a suspension point is compared "
              "after it in %1: the coroutine may resume on another thread, "
              "so the comparison assumes a thread affinity the executor does "
              "not promise")
        << Name << Ctx;
    break;
  case Kind::TlsCopy:
    diag(Loc, "'%0', a copy of %1 taken before a suspension point, is "
              "related to it again after it in %2: the coroutine may have "
              "resumed on another thread, whose '%3' it never came from")
        << Name << V.Origin << Ctx << V.ThreadLocal->getName();
    break;
  case Kind::Errno:
    diag(Loc, "errno read after a suspension point in %0 belongs to the "
              "thread that resumed the coroutine, not to the call before the "
              "suspension; copy errno before suspending")
        << Ctx;
    break;
  case Kind::ScopedGuard:
    diag(Loc, "'%0' (%1) %2, and is alive across a suspension point in %3: "
              "its destructor may run on another thread")
        << Name << plainQualifiedName(recordOf(V.Var->getType())) << V.Origin
        << Ctx;
    break;
  }
  diag(F.Suspension->getKeywordLoc(), "the coroutine suspends here",
       DiagnosticIDs::Note);
  if (V.Var && V.K != Kind::ScopedGuard)
    diag(V.Var->getLocation(), "'%0' is taken here", DiagnosticIDs::Note)
        << Name;
}

void ThreadLocalAcrossAwaitCheck::check(
    const MatchFinder::MatchResult &Result) {
  std::optional<AsyncContext> AC = asyncContextFromMatch(Result);
  if (!AC || !AC->isCoroutine())
    return;
  if (SameThreadFrameworks.contains(frameworkName(AC->Fw)))
    return;
  if (const CXXRecordDecl *RD = recordOf(AC->Function->getReturnType());
      RD && SameThreadFrameworks.contains(plainQualifiedName(RD)))
    return;
  std::vector<ThreadBoundValue> Values;
  for (const StaleUse &F : findStaleUses(*AC, *Result.Context, Values))
    report(F, *AC, *Result.Context);
}

} // namespace clang::tidy::corolint
