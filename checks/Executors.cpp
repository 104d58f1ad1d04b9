//===--- Executors.cpp - Where awaited hops move a coroutine --------------===//

#include "Executors.h"
#include "Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

bool ExecutorFacts::isBlockingPool(const Expr *Executor, ASTContext &Ctx) {
  if (!Executor)
    return false;
  Executor = stripWrappers(Executor);
  if (Catalog.isDesignatedBlockingPool(Executor))
    return true;
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(referencedDecl(Executor));
  const auto *Function =
      Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
  if (!Function)
    return false;
  auto [It, Inserted] = BlockingPoolParams.try_emplace(Param, false);
  if (!Inserted)
    return It->second;
  unsigned Index = Param->getFunctionScopeIndex();
  bool Any = false, All = true;
  for (const BoundNodes &Nodes :
       match(callExpr(callee(functionDecl(equalsNode(Function)))).bind("call"),
             Ctx)) {
    const auto *Call = Nodes.getNodeAs<CallExpr>("call");
    Any = true;
    All = All && Index < Call->getNumArgs() &&
          Catalog.isDesignatedBlockingPool(Call->getArg(Index));
  }
  return BlockingPoolParams[Param] = Any && All;
}

std::optional<HopTarget> ExecutorFacts::hopOf(const Expr *Awaited,
                                              ASTContext &Ctx) {
  Awaited = stripWrappers(Awaited);
  if (Catalog.lookup(Awaited, ApiKind::PoolHop) ||
      ApiCatalog::isPoolHopMethodCall(Awaited)) {
    // The pool is the object schedule() is called on; resume_background()
    // has none and moves to the system's pool.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Awaited);
    const Expr *Pool = MC ? MC->getImplicitObjectArgument() : nullptr;
    return isBlockingPool(Pool, Ctx) ? HopTarget::BlockingPool
                                     : HopTarget::ThreadPool;
  }
  std::optional<ApiMatch> Hop = Catalog.lookup(Awaited, ApiKind::ExecutorHop);
  if (!Hop)
    return std::nullopt;
  const auto *Call = dyn_cast<CallExpr>(Awaited);
  // asio adds defaulted constraint parameters after the token.
  unsigned Written = Call ? Call->getNumArgs() : 0;
  while (Written > 0 && isa<CXXDefaultArgExpr>(Call->getArg(Written - 1)))
    --Written;
  const Expr *Target = nullptr;
  if (Written > 0)
    Target = Hop->Entry->Category == "token"
                 ? ApiCatalog::boundExecutorOf(Call->getArg(Written - 1))
                 : Call->getArg(0);
  if (!Target)
    return HopTarget::Other;
  if (isBlockingPool(Target, Ctx))
    return HopTarget::BlockingPool;
  Target = stripWrappers(Target);
  bool Pool = isa<CallExpr>(Target) &&
              Catalog.lookup(Target, ApiKind::ThreadPool).has_value();
  return Pool || ApiCatalog::isThreadPoolType(Target->getType())
             ? HopTarget::ThreadPool
             : HopTarget::Other;
}

} // namespace clang::tidy::corolint
