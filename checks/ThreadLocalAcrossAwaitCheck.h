//===--- ThreadLocalAcrossAwaitCheck.h - coro-thread-local-across-await -*- C++
//-*-===//

#ifndef COROLINT_CHECKS_THREADLOCALACROSSAWAITCHECK_H
#define COROLINT_CHECKS_THREADLOCALACROSSAWAITCHECK_H

#include "AsyncContext.h"
#include "CoroutineCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// Something in a coroutine that belongs to the thread it ran on when it
/// was made: the facts coro-thread-local-across-await tracks.
struct ThreadBoundValue {
  enum class Kind {
    TlsReference, ///< a reference or pointer into thread_local storage
    ThreadId,     ///< a copy of the thread's identity
    TlsCopy,      ///< a copy of a thread_local's value
    Errno,        ///< errno, set by the calls before the suspension
    ScopedGuard,  ///< an object that saves or snapshots per-thread state
                  ///< when made and restores or compares it when destroyed
  };
  Kind K;
  /// The local variable (none for Errno).
  const VarDecl *Var = nullptr;
  /// The thread_local it is bound to or copied from, if known.
  const VarDecl *ThreadLocal = nullptr;
  /// The initialiser's text when re-evaluating it after the suspension is
  /// the fix (a reference bound directly to a thread_local lvalue).
  std::string Reacquire;
  /// What it describes ("thread_local 'tls_counter'", "'pthread_self()'").
  std::string Origin;
};

/// A use of a thread-bound value after a suspension point.
struct StaleUse {
  const ThreadBoundValue *Value;
  /// The first use after a suspension (in source order), and the
  /// suspension point before it; for a ScopedGuard, Use is null.
  const Expr *Use = nullptr;
  const CoroutineSuspendExpr *Suspension = nullptr;
  /// Every stale use of a TlsReference, for the fix-it.
  std::vector<const DeclRefExpr *> AllUses;
};

/// Flags what a coroutine took from its thread before a suspension point
/// and relies on after it: references into thread_local storage, thread
/// ids compared after resuming, errno read after the suspension, thread
/// local values restored or compared, and guards that save and restore
/// per-thread state around a suspension.
///
/// For the user-facing documentation see
/// docs/checks/coro-thread-local-across-await.md.
class ThreadLocalAcrossAwaitCheck : public CoroutineCheck {
public:
  ThreadLocalAcrossAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override {
    Reported.clear();
    ReturnsTls.clear();
    Guards.clear();
  }

private:
  /// The thread_local an lvalue (or, for a pointer, the pointee of an
  /// address) denotes: `tls`, `tls.member`, `current()` for a function
  /// returning a reference or pointer into thread_local storage.
  const VarDecl *threadLocalTarget(const Expr *E, unsigned Depth = 0);
  /// The thread_local \p FD returns a reference or pointer into, if any.
  const VarDecl *returnedThreadLocal(const FunctionDecl *FD, unsigned Depth);
  /// What \p RD's constructor saves and destructor restores (or snapshots
  /// and compares): a description, or empty.
  std::string scopedThreadState(const CXXRecordDecl *RD);

  std::vector<StaleUse> findStaleUses(const AsyncContext &Ctx, ASTContext &AST,
                                      std::vector<ThreadBoundValue> &Values);
  void report(const StaleUse &Stale, const AsyncContext &Ctx,
              const ASTContext &AST);

  const std::string RawSameThreadFrameworks;
  const std::string RawAllowedAwaitables;
  llvm::StringSet<> SameThreadFrameworks;
  llvm::StringSet<> AllowedAwaitables;
  llvm::DenseMap<const FunctionDecl *, const VarDecl *> ReturnsTls;
  llvm::DenseMap<const CXXRecordDecl *, std::string> Guards;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::corolint

#endif
