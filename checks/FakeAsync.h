//===--- FakeAsync.h - Functions that only offload blocking work -*- C++
//-*-===//
//
// Fake asynchrony: a function whose signature promises asynchrony (it
// returns a future, a task or an awaitable, takes a completion handler, or
// is named as asynchronous) while its body only moves synchronous work onto
// another thread, or does it inline before returning. The analysis is
// shared: coro-fake-async reports what it finds, and coro-blocking-call
// leaves the blocking calls it attributes to such a function alone, so a
// defect is reported once.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_FAKEASYNC_H
#define COROLINT_CHECKS_FAKEASYNC_H

#include "ApiCatalog.h"
#include "CallSummaries.h"
#include "Executors.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace clang::tidy::corolint {

/// How a fake asynchronous function does its work.
enum class FakeAsyncShape {
  Offload, ///< Hands the work to std::async, a thread or a pool.
  PoolHop, ///< A coroutine that moves itself onto a thread pool first.
  Inline,  ///< Computes the result on the caller's thread, then wraps it.
};

struct FakeAsyncFinding {
  FakeAsyncShape Shape;
  /// What in the signature promises asynchrony, for the message: "returns
  /// 'std::future<int>'", "takes a completion handler", "is named as
  /// asynchronous".
  std::string Promise;
  /// The offloading call, or the co_await of the hop; null for Inline.
  const Expr *Offload = nullptr;
  /// The blocking API the work reaches, with the calls from the work down
  /// to it; no value when the work is pure computation (reported only with
  /// IncludeCpuBoundOffload).
  std::optional<ReachedApi> Blocking;
  /// Calls in the function's own body that coro-blocking-call would
  /// otherwise report: after the pool hop, or inline.
  llvm::SmallVector<const Expr *, 4> OwnedCalls;
};

struct FakeAsyncOptions {
  /// Executors designated for blocking work (types, variables, functions).
  std::vector<std::string> BlockingExecutors;
  bool IncludeCpuBoundOffload = false;
};

class FakeAsyncAnalysis {
public:
  explicit FakeAsyncAnalysis(FakeAsyncOptions Options);

  /// Whether \p FD is fake asynchrony, memoised per translation unit.
  const FakeAsyncFinding *analyze(const FunctionDecl *FD, ASTContext &Ctx);

  /// Whether the blocking call \p Call in async context \p Function, or
  /// the blocking API \p Call reaches through \p Path (the calls below it,
  /// as CallSummaries gives them), is part of a defect this analysis
  /// reports: coro-blocking-call leaves it to coro-fake-async.
  bool ownsBlockingCall(const Expr *Call, const FunctionDecl *Function,
                        llvm::ArrayRef<const Expr *> Path, ASTContext &Ctx);

  /// Forgets everything; call at the start of each translation unit.
  void clear();

private:
  struct Work;
  std::optional<FakeAsyncFinding> compute(const FunctionDecl *FD,
                                          ASTContext &Ctx);
  std::optional<ApiMatch> blockingApi(const Expr *Call) const;
  std::optional<ReachedApi> reachedBy(const Expr *Call, ASTContext &Ctx);
  std::optional<ReachedApi> workReaches(const Work &W, const Expr *Offload,
                                        ASTContext &Ctx);
  std::optional<Work> workOf(const Expr *Offload) const;

  FakeAsyncOptions Options;
  ApiCatalog Catalog;
  llvm::StringSet<> Categories;
  ExecutorFacts Executors{Catalog};
  CallSummaries Summaries;
  llvm::DenseMap<const FunctionDecl *, std::optional<FakeAsyncFinding>> Results;
};

/// What in \p FD's signature promises asynchrony (see FakeAsyncFinding),
/// or nullopt.
std::optional<std::string> asyncPromiseOf(const FunctionDecl *FD);

/// Whether \p FD is named as asynchronous: `*_async`, `*Async`, `async_*`.
bool isNamedAsync(const FunctionDecl *FD);

} // namespace clang::tidy::corolint

#endif
