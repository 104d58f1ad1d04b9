//===--- LockAcrossAwaitCheck.h - coro-lock-across-await -------*- C++ -*-===//

#ifndef COROLINT_CHECKS_LOCKACROSSAWAITCHECK_H
#define COROLINT_CHECKS_LOCKACROSSAWAITCHECK_H

#include "AsyncContext.h"
#include "CoroutineCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// What holds a thread-affine lock in a coroutine, and where it is held
/// across a suspension point: the facts coro-lock-across-await renders.
struct HeldLock {
  enum class Holder {
    Guard,     ///< a local guard variable (lock_guard, unique_lock, ...)
    Parameter, ///< a guard taken by value as a coroutine parameter
    Temporary, ///< a guard temporary, alive to the end of its expression
    Manual,    ///< m.lock() / pthread_mutex_lock(&m)
  };
  Holder Kind;
  /// The guard variable or parameter.
  const VarDecl *Var = nullptr;
  /// The temporary guard.
  const CXXBindTemporaryExpr *Temporary = nullptr;
  /// The lock() call, for a manual lock.
  const Expr *LockCall = nullptr;
  /// What identifies a manually locked mutex: its declaration, or (for an
  /// expression naming none) its spelling.
  const ValueDecl *MutexDecl = nullptr;
  std::string MutexKey;
  /// The mutex as written ("m", "state.mu"), empty if unknown.
  std::string MutexText;
  /// The mutex's type ("std::mutex").
  std::string MutexType;
  /// Where the finding points.
  SourceLocation Loc;
};

/// A lock held at a suspension point.
struct LockAcrossSuspension {
  const HeldLock *Lock;
  /// The first suspension point (in source order) it is held across.
  const CoroutineSuspendExpr *Suspension;
  /// For a lock held on some paths only: the branch that keeps it held,
  /// and which way.
  const Stmt *Branch = nullptr;
  unsigned BranchSucc = 0, BranchSuccs = 0;
};

/// Flags a thread-affine lock (std::mutex and its kin, through a guard or
/// lock()) held at a co_await or co_yield on some path of a coroutine:
/// the coroutine may resume on another thread, which then unlocks a mutex
/// it does not own, and every task that wants the lock meanwhile blocks its
/// thread. Ownership is tracked along the control flow (unlock, release,
/// moves, defer_lock, try_lock).
///
/// For the user-facing documentation see
/// docs/checks/coro-lock-across-await.md.
class LockAcrossAwaitCheck : public CoroutineCheck {
public:
  LockAcrossAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Reported.clear();
    Guards.clear();
    Mutexes.clear();
  }

  /// The mutex type a value of \p T holds a thread-affine lock on ("" for
  /// a guard whose mutex is unknown), or nullopt if \p T is not such a
  /// guard.
  std::optional<std::string> guardedMutexType(QualType T);
  /// Whether \p T is a thread-affine mutex.
  bool isThreadAffineMutex(QualType T);

private:
  std::vector<LockAcrossSuspension>
  findLocksAcrossSuspensions(const AsyncContext &Ctx, ASTContext &AST,
                             std::vector<HeldLock> &Locks);
  void report(const LockAcrossSuspension &Finding, const AsyncContext &Ctx);

  const std::string RawLockTypes;
  const std::string RawMutexTypes;
  const std::string RawAllowedAwaitables;
  llvm::StringSet<> LockTypes;
  llvm::StringSet<> MutexTypes;
  llvm::StringSet<> AllowedAwaitables;
  /// Memo tables: a type is classified once per translation unit.
  llvm::DenseMap<const CXXRecordDecl *, std::optional<std::string>> Guards;
  llvm::DenseMap<const CXXRecordDecl *, bool> Mutexes;
  /// Locations already reported (a template's instantiations share them).
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::corolint

#endif
