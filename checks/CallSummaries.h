//===--- CallSummaries.h - APIs reached through the project's calls -*- C++
//-*-===//
//
// Migration goes from the leaves up: a coroutine that calls a plain
// function of its own project which, some calls down, blocks or waits
// synchronously is reported at the coroutine's call, with the path down to
// the API. The summaries are computed once per function per translation
// unit, bottom-up over the call graph's strongly connected components
// (BottomUp.h), so that they do not depend on the order callers ask; a
// function this translation unit only declares may be answered from the
// project index (ProjectIndex.h).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_CALLSUMMARIES_H
#define COROLINT_CHECKS_CALLSUMMARIES_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <functional>
#include <string>

namespace clang::tidy::corolint {

/// A step of a path in code this translation unit did not parse, as the
/// project index recorded it.
struct RemoteStep {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// The project function called at this step; empty at the API's call
  /// (the last step).
  std::string Callee;
};

/// A catalog API reached from a plain function: the calls from that
/// function down to the API's call (the last element), then, when the path
/// leaves the translation unit, its steps in other files.
struct ReachedApi {
  llvm::SmallVector<const Expr *, 4> Chain;
  llvm::SmallVector<RemoteStep, 0> Remote;
  ApiMatch Api;
  /// Some step of the path runs only on some executions of its function (a
  /// branch, a catch handler): the function may reach the API, not does.
  bool Conditional = false;
  /// When the project defines a function on the path differently in
  /// several builds, which of them reach the API (said in the last note).
  std::string Builds;

  /// The API's call, when it is in this translation unit.
  const Expr *apiCall() const {
    return Remote.empty() && !Chain.empty() ? Chain.back() : nullptr;
  }
};

/// The callee a call runs, if the summaries may follow it: the static
/// callee, unless the call dispatches virtually to an overrider the call
/// does not name (a base's body is not what runs; corolint does not guess
/// which overrider does).
const FunctionDecl *followedCallee(const Expr *Call);

class CallSummaries {
public:
  /// Decides whether one call of a function body is the API a check looks
  /// for; \p Body is the function body the call is in.
  using ApiFinder = llvm::function_ref<std::optional<ApiMatch>(
      const Expr *Call, const ExecutionSite &Site, const Stmt *Body)>;

  /// Calls the summaries do not look into (another check's APIs).
  using OpaqueCall = llvm::function_ref<bool(const Expr *Call)>;

  /// What a function this translation unit declares but does not define
  /// reaches (from the project index), if anything.
  using ExternalFinder =
      std::function<std::optional<ReachedApi>(const FunctionDecl *Callee)>;

  /// The API \p Find accepts that \p FD reaches, through the project's own
  /// plain functions (not coroutines, lambdas, system headers or calls
  /// \p Opaque names): the first one on the function's normal path, else
  /// the first one on a conditional path. One instance serves one finder.
  const ReachedApi *reachedFrom(const FunctionDecl *FD, ASTContext &Ctx,
                                ApiFinder Find, OpaqueCall Opaque = nullptr);

  /// The same question for a body that is not a plain function of its own
  /// (the lambda a check sees handed to a thread pool): what it reaches
  /// directly or through the project's functions. Not memoised; the
  /// functions it calls are.
  std::optional<ReachedApi> reachedIn(const Stmt *Body, ASTContext &Ctx,
                                      ApiFinder Find,
                                      OpaqueCall Opaque = nullptr);

  /// One call of a function body that matters to its summary, for the
  /// project index: an API, or a call of a function outside the system
  /// headers (defined here or not), in the order the body runs them.
  struct StepView {
    const Expr *Call;
    bool Conditional;
    const ApiMatch *Api;
    const FunctionDecl *Callee;
  };
  llvm::SmallVector<StepView, 4> stepsFor(const FunctionDecl *FD,
                                          ASTContext &Ctx, ApiFinder Find,
                                          OpaqueCall Opaque = nullptr);

  /// Where functions without a body here are looked up; unset: nowhere.
  void setExternalFinder(ExternalFinder Finder) {
    External = std::move(Finder);
  }

  /// Forgets everything; call at the start of each translation unit.
  void clear();

private:
  /// One call of a function body that matters to its summary, in the
  /// order the body runs them.
  struct Step {
    const Expr *Call = nullptr;
    bool Conditional = false;
    /// The call is the API.
    std::optional<ApiMatch> Api;
    /// Else the project function it calls (with a body here, or not).
    const FunctionDecl *Callee = nullptr;
  };

  /// Whether \p FD is a function the summaries look into.
  bool isSummarised(const FunctionDecl *FD, const SourceManager &SM) const;
  const llvm::SmallVector<Step, 4> &stepsOf(const FunctionDecl *FD,
                                            ASTContext &Ctx, ApiFinder Find,
                                            OpaqueCall Opaque);
  llvm::SmallVector<Step, 4> collectSteps(const Stmt *Body, ASTContext &Ctx,
                                          ApiFinder Find, OpaqueCall Opaque);
  /// The summary of a callee as known now: final, provisional (in the
  /// component being solved) or from the index.
  const ReachedApi *current(const FunctionDecl *Callee);
  /// The summary \p Steps make, given the callees' current summaries;
  /// \p Self (if any) is never passed through twice.
  std::optional<ReachedApi> choose(llvm::ArrayRef<Step> Steps,
                                   const FunctionDecl *Self);
  void solve(const FunctionDecl *FD, ASTContext &Ctx, ApiFinder Find,
             OpaqueCall Opaque);

  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<Step, 4>> Steps;
  llvm::DenseMap<const FunctionDecl *, std::optional<ReachedApi>> Summaries;
  llvm::DenseMap<const FunctionDecl *, bool> Solved;
  llvm::DenseMap<const FunctionDecl *, std::optional<ReachedApi>> Externals;
  ExternalFinder External;
};

/// Adds one note per step of \p Path: "through the call to 'f' here", then
/// "'<api>' <Verb> here" at the API's call; steps in other files are
/// reported where the index recorded them.
void notePath(ClangTidyCheck &Check, const ReachedApi &Path,
              llvm::StringRef Verb, ASTContext &Ctx);

} // namespace clang::tidy::corolint

#endif
