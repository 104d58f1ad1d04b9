//===--- CallSummaries.h - APIs reached through the project's calls -*- C++
//-*-===//
//
// Migration goes from the leaves up: a coroutine that calls a plain
// function of its own project which, some calls down, blocks or waits
// synchronously is reported at the coroutine's call, with the path down to
// the API. The summaries are computed once per function per translation
// unit and shared by every async context that calls the function.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_CALLSUMMARIES_H
#define COROLINT_CHECKS_CALLSUMMARIES_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::corolint {

/// A catalog API reached from a plain function: the calls from that
/// function down to the API's call (the last element).
struct ReachedApi {
  llvm::SmallVector<const Expr *, 4> Chain;
  ApiMatch Api;
  /// Some step of the path runs only on some executions of its function (a
  /// branch, a catch handler): the function may reach the API, not does.
  bool Conditional = false;
};

class CallSummaries {
public:
  /// Decides whether one call of a function body is the API a check looks
  /// for; \p Body is the function body the call is in.
  using ApiFinder = llvm::function_ref<std::optional<ApiMatch>(
      const Expr *Call, const ExecutionSite &Site, const Stmt *Body)>;

  /// Calls the summaries do not look into (another check's APIs).
  using OpaqueCall = llvm::function_ref<bool(const Expr *Call)>;

  /// The API \p Find accepts that \p FD reaches, through the project's own
  /// plain functions (not coroutines, lambdas, system headers or calls
  /// \p Opaque names): the first one on the function's normal path, else
  /// the first one on a conditional path.
  const ReachedApi *reachedFrom(const FunctionDecl *FD, ASTContext &Ctx,
                                ApiFinder Find, OpaqueCall Opaque = nullptr);

  /// The same question for a body that is not a plain function of its own
  /// (the lambda a check sees handed to a thread pool): what it reaches
  /// directly or through the project's functions. Not memoised; the
  /// functions it calls are.
  std::optional<ReachedApi> reachedIn(const Stmt *Body, ASTContext &Ctx,
                                      ApiFinder Find,
                                      OpaqueCall Opaque = nullptr);

  /// Forgets everything; call at the start of each translation unit.
  void clear();

private:
  const ReachedApi *summarize(const FunctionDecl *FD, ASTContext &Ctx,
                              ApiFinder Find, OpaqueCall Opaque,
                              unsigned Depth);
  std::optional<ReachedApi> scan(const Stmt *Body, ASTContext &Ctx,
                                 ApiFinder Find, OpaqueCall Opaque,
                                 unsigned Depth);

  llvm::DenseMap<const FunctionDecl *, std::optional<ReachedApi>> Summaries;
  llvm::DenseSet<const FunctionDecl *> InProgress;
};

/// Adds one note per step of \p Path: "through the call to 'f' here", then
/// "'<api>' <Verb> here" at the API's call.
void notePath(ClangTidyCheck &Check, const ReachedApi &Path,
              llvm::StringRef Verb);

} // namespace clang::tidy::corolint

#endif
