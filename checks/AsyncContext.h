//===--- AsyncContext.h - Where code runs on the executor ------*- C++ -*-===//
//
// The one notion of "async context" every check shares. An async context is
// code that runs on an executor thread, where blocking that thread starves
// every other task:
//  - the body of a coroutine (a function or lambda that uses co_await,
//    co_yield or co_return);
//  - a completion handler: a lambda handed to an asio async_* initiating
//    function, to co_spawn as its completion, or to post/dispatch/defer on an
//    I/O executor.
// "Inside" means the innermost enclosing callable is the async context: a
// lambda defined in a coroutine and handed to a thread pool is not, one
// invoked on the spot is.
//
// Checks register the matchers with registerAsyncContextMatchers() and walk
// the statements that run in the context with forEachExecutedStmt(), which
// matches from the coroutine body down rather than climbing from every call.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_ASYNCCONTEXT_H
#define COROLINT_CHECKS_ASYNCCONTEXT_H

#include "Frameworks.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace clang::tidy::corolint {

enum class AsyncContextKind { Coroutine, CompletionHandler };

struct AsyncContext {
  AsyncContextKind Kind;
  /// The coroutine, or the call operator of the handler lambda.
  const FunctionDecl *Function = nullptr;
  /// The callable is a lambda (its call operator is Function).
  bool IsLambda = false;
  /// The statements the user wrote (a coroutine's body without the
  /// compiler-generated promise machinery).
  const Stmt *Body = nullptr;
  /// The framework of the coroutine's return type; for handlers, the
  /// framework of the initiating function.
  Framework Fw = Framework::None;
  /// For handlers, the function the handler was handed to ("async_read").
  std::string Initiator;
  /// A handler of a socket's or descriptor's async_wait: it runs when the
  /// reactor reports the descriptor ready, and the reactor-style I/O it
  /// performs then does not wait.
  bool WaitsForReadiness = false;

  bool isCoroutine() const { return Kind == AsyncContextKind::Coroutine; }
  /// "coroutine 'session'", "coroutine lambda", "completion handler".
  std::string describe() const;
};

/// Adds the matchers that find async contexts; \p Callback's check() gets
/// every candidate and turns it into a context with asyncContextFromMatch.
void registerAsyncContextMatchers(
    ast_matchers::MatchFinder *Finder,
    ast_matchers::MatchFinder::MatchCallback *Callback);

/// The async context behind a match of registerAsyncContextMatchers, or
/// nullopt if the match is not one (a lambda that is not a handler).
std::optional<AsyncContext>
asyncContextFromMatch(const ast_matchers::MatchFinder::MatchResult &Result);

/// Adds a matcher of every function definition outside system headers, for
/// checks that walk each body from the top with forEachExecutedStmtIn (or
/// forEachExecutedStmt on its coroutineContext): each statement is then
/// visited once, in the innermost function that runs it.
void registerFunctionBodyMatcher(
    ast_matchers::MatchFinder *Finder,
    ast_matchers::MatchFinder::MatchCallback *Callback);

/// The definition behind a match of registerFunctionBodyMatcher, or null.
const FunctionDecl *
matchedFunctionBody(const ast_matchers::MatchFinder::MatchResult &Result);

/// The coroutine context of \p FD if it is a coroutine definition: the
/// same context registerAsyncContextMatchers finds, for checks that walk
/// every function body.
std::optional<AsyncContext> coroutineContext(const FunctionDecl *FD);

/// Where a statement of an async context sits.
struct ExecutionSite {
  const Stmt *S;
  /// The statement may be rewritten to `co_await`: it is directly in the
  /// coroutine, not in a handler, an immediately invoked lambda, a catch
  /// block or the initialiser of a static or thread_local variable (where
  /// co_await is ill-formed).
  bool CanAwait;
  /// The innermost enclosing statement of a compound statement, for
  /// whole-statement rewrites and for looking at the statements around it.
  const Stmt *FullStmt;
  /// The compound statement holding FullStmt.
  const CompoundStmt *Block;
  /// The innermost immediately invoked lambda the statement is in, if any.
  /// Such a lambda is a function of its own too: checks that walk every
  /// function body skip these sites so that each statement is seen once.
  const LambdaExpr *InvokedLambda = nullptr;
  /// The statements from the walked body down to S (S excluded), outermost
  /// first: the walk down knows them, so nobody climbs a parent map. Valid
  /// only during the visit.
  llvm::ArrayRef<const Stmt *> Ancestors;

  /// The statement just below Ancestors[I] on the way down to S.
  const Stmt *childOf(size_t I) const {
    return I + 1 < Ancestors.size() ? Ancestors[I + 1] : S;
  }
};

/// True if \p Site runs only on some executions of the body that was walked:
/// it is in a branch of an if, switch or conditional operator, the right
/// side of && or ||, or a catch handler. Loop bodies count as the normal
/// path: they are what the function is for.
bool isOnConditionalPath(const ExecutionSite &Site);

/// True if \p Site is the last statement of a GNU statement expression
/// (`({ ...; value; })`): its value is the expression's, not dropped.
bool isStatementExpressionValue(const ExecutionSite &Site);

/// Calls \p Visit for every statement executed in \p Ctx's thread: it does
/// not descend into lambdas other than immediately invoked ones, local
/// classes, or unevaluated operands (sizeof, decltype, noexcept).
void forEachExecutedStmt(const AsyncContext &Ctx,
                         llvm::function_ref<void(const ExecutionSite &)> Visit);

/// Same walk over an arbitrary function body (used for interprocedural
/// summaries of plain functions); every site has CanAwait false.
void forEachExecutedStmtIn(
    const Stmt *Body, llvm::function_ref<void(const ExecutionSite &)> Visit);

/// A value computed by a statement and thrown away.
struct DroppedValue {
  /// The expression as Sema built it, the statement itself.
  const Expr *Statement;
  /// The expression whose value is dropped, seen through the temporaries,
  /// conversions and parentheses Sema wraps around it, and through an
  /// explicit cast to void.
  const Expr *Value;
  /// Dropped by an explicit cast to void: `(void)f();`.
  bool VoidCast;
};

/// Calls \p Visit for the values dropped by \p S (a statement of a compound
/// statement) and by the statements it controls without braces: the
/// branches of an if, loop bodies, labelled statements, both sides of a
/// comma.
void forEachDroppedValue(const Stmt *S,
                         llvm::function_ref<void(const DroppedValue &)> Visit);

/// True if \p FD is a coroutine (its body uses co_await/co_yield/co_return).
bool isCoroutine(const FunctionDecl *FD);

} // namespace clang::tidy::corolint

#endif
