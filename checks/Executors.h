//===--- Executors.h - Where awaited hops move a coroutine ------*- C++ -*-===//
//
// A coroutine can move itself: `co_await pool.schedule()`, `co_await
// asio::post(pool, asio::use_awaitable)`, `co_await
// concurrencpp::resume_on(executor)`. Where it lands decides what blocking
// means there: on a pool designated for blocking work it is the pool's
// purpose (coro-blocking-call stays silent), on any other thread pool a
// blocked thread is one the pool's other work waits for (coro-fake-async
// when that is all the coroutine does).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_EXECUTORS_H
#define COROLINT_CHECKS_EXECUTORS_H

#include "ApiCatalog.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace clang::tidy::corolint {

/// Where awaiting a hop leaves the coroutine.
enum class HopTarget {
  BlockingPool, ///< A pool designated for blocking work.
  ThreadPool,   ///< Another thread pool.
  Other,        ///< Some other executor (back on an event loop, or unknown).
};

class ExecutorFacts {
public:
  explicit ExecutorFacts(const ApiCatalog &Catalog) : Catalog(Catalog) {}

  /// Whether \p Executor is a pool designated for blocking work
  /// (ApiCatalog::isDesignatedBlockingPool): directly, or through a
  /// parameter that every call of its function in the translation unit
  /// passes one (main hands runtime.background_executor() to the coroutine
  /// that reads files).
  bool isBlockingPool(const Expr *Executor, ASTContext &Ctx);

  /// Where awaiting \p Awaited (a co_await's operand) moves the coroutine,
  /// if it is a hop (catalog PoolHop and ExecutorHop rows).
  std::optional<HopTarget> hopOf(const Expr *Awaited, ASTContext &Ctx);

  /// Forgets the per translation unit answers.
  void clear() { BlockingPoolParams.clear(); }

private:
  const ApiCatalog &Catalog;
  llvm::DenseMap<const ParmVarDecl *, bool> BlockingPoolParams;
};

} // namespace clang::tidy::corolint

#endif
