//===--- UnawaitedTaskCheck.h - coro-unawaited-task ------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_UNAWAITEDTASKCHECK_H
#define COROLINT_CHECKS_UNAWAITEDTASKCHECK_H

#include "ApiCatalog.h"
#include "AsyncContext.h"
#include "CoroutineCheck.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::corolint {

/// A task or awaitable made and never awaited: what a finding of
/// coro-unawaited-task is about, decided before it is rendered.
struct UnawaitedTask {
  /// The value a statement drops; null for a variable.
  const Expr *Value = nullptr;
  /// The local variable holding the task that nobody uses; null for a
  /// dropped value.
  const VarDecl *Variable = nullptr;
  TaskTypeInfo Type;
  /// Dropped by an explicit cast to void.
  bool VoidCast = false;
  /// The planned rewrite, inside a coroutine: `co_await` inserted before
  /// the value, and the closing parenthesis when it needs them.
  std::optional<FixItHint> AwaitOpen, AwaitClose;
};

/// Flags a task or awaitable that is created and never awaited, stored,
/// returned or passed on: dropped by an expression statement (or a cast to
/// void, for a lazy task), or held by a local variable nobody uses. A lazy
/// task dropped this way never runs. Inside a coroutine the fix-it inserts
/// `co_await`.
///
/// For the user-facing documentation see docs/checks/coro-unawaited-task.md.
class UnawaitedTaskCheck : public FunctionBodyCheck {
public:
  UnawaitedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;

private:
  void checkDefinition(const FunctionDecl *FD, ASTContext &Ctx) override;
  std::optional<TaskTypeInfo> unawaitedTaskType(QualType T) const;
  std::optional<UnawaitedTask> findDropped(const DroppedValue &Dropped,
                                           const ExecutionSite &Site,
                                           const FunctionDecl *FD,
                                           ASTContext &Ctx) const;
  llvm::SmallVector<UnawaitedTask, 1>
  findUnusedVariables(const DeclStmt *DS) const;
  void render(const UnawaitedTask &Task);
  /// A call whose dropped result is a detached task (folly's start()):
  /// coro-detached-task reports it.
  bool isDetachingCall(const Expr *E) const;

  const TypeModel Types;
  const std::string RawIgnoredTypes;
  llvm::StringSet<> IgnoredTypes;
  ApiCatalog Catalog;
};

} // namespace clang::tidy::corolint

#endif
