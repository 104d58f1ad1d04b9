//===--- SuspensionFlow.cpp - Facts carried across suspension points ------===//

#include "SuspensionFlow.h"
#include "AsyncContext.h"
#include "Names.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include <deque>

namespace clang::tidy::corolint {

void prescanCoroutine(
    const AsyncContext &AC,
    llvm::function_ref<void(const CoroutineSuspendExpr *)> OnSuspension,
    llvm::function_ref<void(const VarDecl *)> OnLocal,
    llvm::function_ref<void(const ExecutionSite &)> OnOther) {
  forEachExecutedStmt(AC, [&](const ExecutionSite &Site) {
    // An invoked lambda's suspension points are its own, not this
    // coroutine's.
    if (Site.InvokedLambda)
      return;
    if (const auto *SE = dyn_cast<CoroutineSuspendExpr>(Site.S)) {
      OnSuspension(SE);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(Site.S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->hasLocalStorage())
          OnLocal(VD);
      return;
    }
    OnOther(Site);
  });
}

const CoroutineSuspendExpr *suspensionAt(const CFGElement &E) {
  std::optional<CFGStmt> S = E.getAs<CFGStmt>();
  if (!S)
    return nullptr;
  // A dependent co_await is never seen: templates are analysed in their
  // instantiations, where every co_await is a CoawaitExpr.
  return dyn_cast<CoroutineSuspendExpr>(S->getStmt());
}

/// True if \p Ready, the awaiter's await_ready() call, returns a constant
/// true: `bool await_ready() const noexcept { return true; }`.
static bool readyIsConstantTrue(const Expr *Ready) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(stripWrappers(Ready));
  if (!Call)
    return false;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const FunctionDecl *Def = nullptr;
  if (!Method || !Method->hasBody(Def))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return false;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return false;
  bool Value = false;
  return Return->getRetValue()->EvaluateAsBooleanCondition(
             Value, Def->getASTContext()) &&
         Value;
}

void reportInvalidAllowedAwaitables(const ClangTidyCheck &Check,
                                    llvm::StringRef CheckName,
                                    llvm::StringRef Raw) {
  for (llvm::StringRef Invalid : invalidQualifiedNames(Raw))
    Check.configurationDiag("invalid configuration value '%0' for option "
                            "'%1.AllowedAwaitables'; expected qualified "
                            "names of awaitable types")
        << Invalid << CheckName;
}

bool resumesOnSameThread(const CoroutineSuspendExpr *E,
                         const llvm::StringSet<> &AllowedAwaitables) {
  if (readyIsConstantTrue(E->getReadyExpr()))
    return true;
  if (AllowedAwaitables.empty())
    return false;
  for (const Expr *Awaitable : {E->getOperand(), E->getCommonExpr()}) {
    if (!Awaitable)
      continue;
    if (const CXXRecordDecl *RD = recordOf(Awaitable->getType());
        RD && AllowedAwaitables.contains(plainQualifiedName(RD)))
      return true;
  }
  return false;
}

std::unique_ptr<CoroutineFlow> CoroutineFlow::build(const FunctionDecl *FD,
                                                    ASTContext &Ctx) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
  if (!Body || FD->isDependentContext())
    return nullptr;
  CFG::BuildOptions Options;
  // A guard's destructor, and a temporary's at the end of its full
  // expression, are where a lock is released: they must be CFG elements.
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.setAllAlwaysAdd();
  // The user's body only: the promise's initial and final suspension points
  // hold nothing the user declared.
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(FD, Body->getBody(), &Ctx, Options);
  if (!Graph)
    return nullptr;
  std::unique_ptr<CoroutineFlow> Flow(new CoroutineFlow());
  Flow->Function = FD;
  Flow->Order = std::make_unique<PostOrderCFGView>(Graph.get());
  Flow->Graph = std::move(Graph);
  return Flow;
}

namespace {
// Whether \p Child, a child of the loop \p Loop, runs on each of its
// iterations: the condition and body of every loop, the increment of a for.
// A for's initialiser and a range-for's range run once.
bool runsEveryIteration(const Stmt *Loop, const Stmt *Child) {
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return Child == While->getBody() || Child == While->getCond() ||
           Child == While->getConditionVariableDeclStmt();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Child == Do->getBody() || Child == Do->getCond();
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return Child == For->getBody() || Child == For->getCond() ||
           Child == For->getInc() ||
           Child == For->getConditionVariableDeclStmt();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Child == Range->getBody() || Child == Range->getLoopVarStmt();
  return false;
}

// Whether \p Child of a loop nested in the walked one runs every time the
// nested loop does: a do's body, any loop's first condition test, a for's
// initialiser.
bool runsWheneverNestedLoopRuns(const Stmt *Loop, const Stmt *Child) {
  if (isa<DoStmt>(Loop))
    return true;
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return Child == While->getCond() ||
           Child == While->getConditionVariableDeclStmt();
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return Child == For->getInit() || Child == For->getCond() ||
           Child == For->getConditionVariableDeclStmt();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Child == Range->getInit() || Child == Range->getRangeStmt() ||
           Child == Range->getBeginStmt() || Child == Range->getEndStmt();
  return false;
}
} // namespace

bool suspendsOnEveryIterationWithoutCFG(const Stmt *Loop) {
  bool Suspends = false;
  forEachExecutedStmtIn(Loop, [&](const ExecutionSite &Site) {
    if (Suspends ||
        !isa<CoawaitExpr, CoyieldExpr, DependentCoawaitExpr>(Site.S))
      return;
    // Ancestors[0] is the loop itself.
    if (Site.Ancestors.empty() || !runsEveryIteration(Loop, Site.childOf(0)) ||
        isOnConditionalPath(Site))
      return;
    for (size_t I = 1; I < Site.Ancestors.size(); ++I)
      if (isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(Site.Ancestors[I]) &&
          !runsWheneverNestedLoopRuns(Site.Ancestors[I], Site.childOf(I)))
        return;
    Suspends = true;
  });
  return Suspends;
}

bool CoroutineFlow::suspendsOnEveryIteration(const Stmt *Loop) const {
  // clang gives each loop one block that jumps back to its head, marked
  // with the loop; continue statements jump to it (or to a for's
  // increment, which leads to it).
  const CFGBlock *Back = nullptr;
  for (const CFGBlock *B : *Graph)
    if (B->getLoopTarget() == Loop)
      Back = B;
  if (!Back || Back->succ_size() != 1 || !Back->succ_begin()->isReachable())
    return false;
  const CFGBlock *Head = Back->succ_begin()->getReachableBlock();

  // The loop's blocks: the head, and those that reach the back edge
  // without passing it. Paths that leave the loop are no iteration.
  std::vector<bool> InLoop(Graph->getNumBlockIDs(), false);
  InLoop[Head->getBlockID()] = true;
  std::vector<const CFGBlock *> Work{Back};
  InLoop[Back->getBlockID()] = true;
  while (!Work.empty()) {
    const CFGBlock *B = Work.back();
    Work.pop_back();
    for (const CFGBlock *Pred : B->preds())
      if (Pred && !InLoop[Pred->getBlockID()]) {
        InLoop[Pred->getBlockID()] = true;
        Work.push_back(Pred);
      }
  }

  auto Suspends = [](const CFGBlock *B) {
    return llvm::any_of(
        *B, [](const CFGElement &E) { return suspensionAt(E) != nullptr; });
  };
  // Whether the back edge is reached from the head inside the loop,
  // optionally only through blocks that do not suspend.
  auto ReachesBack = [&](bool AvoidSuspensions) {
    std::vector<bool> Seen(Graph->getNumBlockIDs(), false);
    std::vector<const CFGBlock *> Stack{Head};
    Seen[Head->getBlockID()] = true;
    while (!Stack.empty()) {
      const CFGBlock *B = Stack.back();
      Stack.pop_back();
      if (AvoidSuspensions && Suspends(B))
        continue;
      if (B == Back)
        return true;
      for (const CFGBlock *Succ : B->succs())
        if (Succ && InLoop[Succ->getBlockID()] && !Seen[Succ->getBlockID()]) {
          Seen[Succ->getBlockID()] = true;
          Stack.push_back(Succ);
        }
    }
    return false;
  };
  return ReachesBack(/*AvoidSuspensions=*/false) &&
         !ReachesBack(/*AvoidSuspensions=*/true);
}

FlowClient::~FlowClient() = default;

/// Applies \p Client's transfer for every element of \p B to \p Facts.
static void transferBlock(const CFGBlock &B, FlowClient &Client,
                          llvm::BitVector &Facts) {
  for (const CFGElement &E : B)
    Client.transfer(E, Facts);
}

FlowResult runForwardFlow(const CoroutineFlow &Flow, FlowClient &Client,
                          unsigned NumFacts, const llvm::BitVector &EntryFacts,
                          FlowJoin Join) {
  const CFG &Graph = Flow.cfg();
  FlowResult Result;
  Result.Entry.assign(Graph.getNumBlockIDs(), llvm::BitVector(NumFacts));
  Result.Reached.assign(Graph.getNumBlockIDs(), false);
  const CFGBlock &EntryBlock = Graph.getEntry();
  Result.Entry[EntryBlock.getBlockID()] = EntryFacts;
  Result.Reached[EntryBlock.getBlockID()] = true;

  ForwardDataflowWorklist Worklist(
      Graph, const_cast<PostOrderCFGView *>(&Flow.order()));
  Worklist.enqueueBlock(&EntryBlock);
  while (const CFGBlock *B = Worklist.dequeue()) {
    llvm::BitVector Facts = Result.Entry[B->getBlockID()];
    transferBlock(*B, Client, Facts);
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned SuccIndex = Index++;
      const CFGBlock *S = Succ.getReachableBlock();
      if (!S)
        continue;
      llvm::BitVector EdgeFacts = Facts;
      Client.refineEdge(*B, SuccIndex, EdgeFacts);
      llvm::BitVector &Into = Result.Entry[S->getBlockID()];
      llvm::BitVector Before = Into;
      if (!Result.Reached[S->getBlockID()]) {
        Result.Reached[S->getBlockID()] = true;
        Into = EdgeFacts;
        Worklist.enqueueBlock(S);
        continue;
      }
      if (Join == FlowJoin::May)
        Into |= EdgeFacts;
      else
        Into &= EdgeFacts;
      if (Into != Before)
        Worklist.enqueueBlock(S);
    }
  }
  return Result;
}

void FlowResult::replay(
    const CoroutineFlow &Flow, FlowClient &Client,
    llvm::function_ref<void(const CFGBlock &, const CFGElement &,
                            const llvm::BitVector &)>
        Visit) const {
  for (const CFGBlock *B : Flow.cfg()) {
    if (!reached(*B))
      continue;
    llvm::BitVector Facts = atEntry(*B);
    for (const CFGElement &E : *B) {
      Visit(*B, E, Facts);
      Client.transfer(E, Facts);
    }
  }
}

llvm::BitVector FlowResult::atExit(const CFGBlock &B,
                                   FlowClient &Client) const {
  llvm::BitVector Facts = atEntry(B);
  transferBlock(B, Client, Facts);
  return Facts;
}

DecidingBranch findDecidingBranch(const CoroutineFlow &Flow,
                                  const CFGBlock &SuspensionBlock,
                                  unsigned Fact, const FlowResult &May,
                                  const FlowResult &Must, FlowClient &Client) {
  std::vector<bool> Seen(Flow.cfg().getNumBlockIDs(), false);
  std::deque<const CFGBlock *> Queue{&SuspensionBlock};
  Seen[SuspensionBlock.getBlockID()] = true;
  while (!Queue.empty()) {
    const CFGBlock *Node = Queue.front();
    Queue.pop_front();
    for (const CFGBlock *Pred : Node->preds()) {
      if (!Pred || Seen[Pred->getBlockID()] || !May.reached(*Pred))
        continue;
      // Which successor of Pred leads to Node, and does the fact still
      // hold on that edge?
      unsigned Index = 0, SuccIndex = 0, NumSuccs = 0;
      for (const CFGBlock::AdjacentBlock &Succ : Pred->succs()) {
        if (Succ.getReachableBlock() == Node)
          SuccIndex = Index;
        if (Succ.getReachableBlock())
          ++NumSuccs;
        ++Index;
      }
      llvm::BitVector OnEdge = May.atExit(*Pred, Client);
      Client.refineEdge(*Pred, SuccIndex, OnEdge);
      if (!OnEdge.test(Fact))
        continue;
      Seen[Pred->getBlockID()] = true;
      if (NumSuccs >= 2 && Pred->getTerminatorCondition() &&
          Must.reached(*Pred) && Must.atExit(*Pred, Client).test(Fact))
        return {Pred->getTerminatorCondition(), SuccIndex,
                static_cast<unsigned>(Pred->succ_size())};
      Queue.push_back(Pred);
    }
  }
  return {};
}

} // namespace clang::tidy::corolint
