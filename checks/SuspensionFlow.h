//===--- SuspensionFlow.h - Facts carried across suspension points -*- C++
//-*-===//
//
// The shared flow analysis behind the checks about what survives a
// suspension (coro-lock-across-await, coro-thread-local-across-await, and
// the cancellation checks after them). They all ask one question: on some
// path of this coroutine's control flow, is a fact true at a suspension
// point, and what is done after it?
//
// A CoroutineFlow is the clang::CFG of one coroutine's body, built with
// implicit and temporary destructors, so that the end of a guard's life is
// a CFG element like any call. Suspension points are CFG positions: the
// element of every co_await and co_yield, wherever it is written (in an
// initialiser, a condition, an argument, an assignment or a co_return
// operand), because the CFG lays expressions out in evaluation order.
//
// runForwardFlow() is a bit-vector dataflow analysis over that CFG on
// clang's ForwardDataflowWorklist; a client numbers its facts, says what
// holds at entry and how each element (and each edge, for conditions such
// as `if (m.try_lock())`) changes them, then replays the elements with the
// facts that hold before each to report. docs/architecture.md says why this
// is not clang's dataflow framework.
//
// Build a CoroutineFlow only for a coroutine whose body has a candidate
// (a lock, a thread-local access): the checks prescan with
// forEachExecutedStmt, so files without coroutines, and coroutines with
// nothing to track, never pay for a CFG.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_SUSPENSIONFLOW_H
#define COROLINT_CHECKS_SUSPENSIONFLOW_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::corolint {

struct AsyncContext;
struct ExecutionSite;

/// The prescan that decides whether a coroutine needs a CoroutineFlow:
/// walks the statements \p AC runs itself (forEachExecutedStmt, without
/// the lambdas it invokes) and hands each co_await or co_yield to
/// \p OnSuspension, each local variable with automatic storage a
/// declaration introduces to \p OnLocal, and every other statement to
/// \p OnOther.
void prescanCoroutine(
    const AsyncContext &AC,
    llvm::function_ref<void(const CoroutineSuspendExpr *)> OnSuspension,
    llvm::function_ref<void(const VarDecl *)> OnLocal,
    llvm::function_ref<void(const ExecutionSite &)> OnOther);

/// The co_await or co_yield a CFG element evaluates, or null: the element
/// where the coroutine may give up its thread. Its operand, and every
/// argument of it, has been evaluated by then; what follows it in the CFG
/// runs after the coroutine resumes.
const CoroutineSuspendExpr *suspensionAt(const CFGElement &E);

/// Reports, with configurationDiag, each entry of the AllowedAwaitables
/// option \p Raw that cannot be a qualified name. The option is read with
/// getLocalOrGlobal by both checks that have it, so one global setting
/// makes them agree on which awaitables resume on the same thread.
void reportInvalidAllowedAwaitables(const ClangTidyCheck &Check,
                                    llvm::StringRef CheckName,
                                    llvm::StringRef Raw);

/// True if awaiting \p E never suspends: its awaiter's await_ready returns
/// true as a constant (std::suspend_never), or the awaiter's type is one
/// of \p AllowedAwaitables (plain qualified names: awaitables the user
/// knows resume on the same thread, such as an inline executor's).
bool resumesOnSameThread(const CoroutineSuspendExpr *E,
                         const llvm::StringSet<> &AllowedAwaitables);

/// The same question as CoroutineFlow::suspendsOnEveryIteration, answered
/// from the loop's statements where clang builds no CFG (a template's
/// pattern): a co_await or co_yield in its condition or body that is not on
/// a conditional path (isOnConditionalPath) nor in a nested loop's body,
/// which may run zero times. A `continue` taken before the suspension is not
/// modelled.
bool suspendsOnEveryIterationWithoutCFG(const Stmt *Loop);

/// The control flow of one coroutine body.
class CoroutineFlow {
public:
  /// The CFG of \p Coroutine's body; null if \p Coroutine is not a
  /// coroutine definition or clang cannot build its CFG (dependent code).
  static std::unique_ptr<CoroutineFlow> build(const FunctionDecl *Coroutine,
                                              ASTContext &Ctx);

  const CFG &cfg() const { return *Graph; }
  const FunctionDecl *function() const { return Function; }
  const PostOrderCFGView &order() const { return *Order; }

  /// True if every path around \p Loop's back edge (a while, do, for or
  /// range-for statement of this body) passes a suspension point: no
  /// iteration that comes round again runs without suspending. A
  /// `continue` taken before the co_await is such an iteration; a `break`,
  /// `return` or `throw` leaves the loop and is none. False for a loop
  /// whose back edge no path reaches (it never iterates).
  bool suspendsOnEveryIteration(const Stmt *Loop) const;

private:
  CoroutineFlow() = default;
  const FunctionDecl *Function = nullptr;
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<PostOrderCFGView> Order;
};

/// How facts meet where paths join.
enum class FlowJoin {
  May,  ///< a fact holds if it holds on some path (union)
  Must, ///< a fact holds if it holds on every path (intersection)
};

/// What a check tracks: facts numbered 0..N-1, and how each CFG element
/// changes them.
class FlowClient {
public:
  virtual ~FlowClient();
  /// Applies the element \p E to \p Facts, the facts that hold before it.
  virtual void transfer(const CFGElement &E, llvm::BitVector &Facts) = 0;
  /// Refines the facts that flow from \p From to its successor number
  /// \p SuccIndex (for a condition, 0 is the true branch and 1 the false
  /// one): `if (m.try_lock())` holds the lock on the true branch only.
  virtual void refineEdge(const CFGBlock &From, unsigned SuccIndex,
                          llvm::BitVector &Facts) {}
};

/// The facts at the entry of every block, at the fixed point.
class FlowResult {
public:
  /// The facts that hold when \p B starts; empty for a block no path
  /// reaches.
  const llvm::BitVector &atEntry(const CFGBlock &B) const {
    return Entry[B.getBlockID()];
  }
  bool reached(const CFGBlock &B) const { return Reached[B.getBlockID()]; }

  /// Calls \p Visit for each element of each reached block, in block order
  /// and element order, with the facts that hold just before the element.
  /// \p Client is the one the analysis ran with: its transfer moves the
  /// facts from one element to the next.
  void replay(const CoroutineFlow &Flow, FlowClient &Client,
              llvm::function_ref<void(const CFGBlock &, const CFGElement &,
                                      const llvm::BitVector &)>
                  Visit) const;

  /// The facts that hold at the end of \p B, before any edge refinement.
  llvm::BitVector atExit(const CFGBlock &B, FlowClient &Client) const;

private:
  friend FlowResult runForwardFlow(const CoroutineFlow &, FlowClient &,
                                   unsigned, const llvm::BitVector &, FlowJoin);
  std::vector<llvm::BitVector> Entry;
  std::vector<bool> Reached;
};

/// Runs \p Client's transfer over \p Flow to a fixed point: \p EntryFacts
/// (of size \p NumFacts) hold at the entry block, facts meet by \p Join.
FlowResult runForwardFlow(const CoroutineFlow &Flow, FlowClient &Client,
                          unsigned NumFacts, const llvm::BitVector &EntryFacts,
                          FlowJoin Join);

/// Where a fact is decided on a path to a suspension point: the nearest
/// branch before \p Suspension (found by walking back through blocks where
/// the fact may hold) after which the fact surely holds on the way in but
/// not on every path out. Null when the fact holds on every path.
struct DecidingBranch {
  const Stmt *Condition = nullptr;
  /// The successor the held path takes: 0 (true) or 1 (false) for a
  /// two-way branch.
  unsigned SuccIndex = 0;
  unsigned NumSuccs = 0;
};
DecidingBranch findDecidingBranch(const CoroutineFlow &Flow,
                                  const CFGBlock &SuspensionBlock,
                                  unsigned Fact, const FlowResult &May,
                                  const FlowResult &Must, FlowClient &Client);

} // namespace clang::tidy::corolint

#endif
