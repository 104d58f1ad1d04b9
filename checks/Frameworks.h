//===--- Frameworks.h - Which coroutine library a type belongs to -*- C++
//-*-===//
//
// A coroutine's framework is known from its return type. It decides which
// rewrites are valid: `co_await sock.async_read_some(b, asio::use_awaitable)`
// only compiles inside an asio::awaitable coroutine.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_FRAMEWORKS_H
#define COROLINT_CHECKS_FRAMEWORKS_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
class CXXMethodDecl;
class FunctionDecl;
namespace tidy::corolint {

enum class Framework {
  None,        ///< Not a task or awaitable type.
  Asio,        ///< asio::awaitable
  BoostAsio,   ///< boost::asio::awaitable
  Folly,       ///< folly::coro::Task, folly::SemiFuture, folly::Future
  Cppcoro,     ///< cppcoro::task, cppcoro::shared_task
  Stdexec,     ///< exec::task
  Libcoro,     ///< coro::task
  Cobalt,      ///< boost::cobalt::task, boost::cobalt::promise
  AsyncSimple, ///< async_simple::coro::Lazy
  Seastar,     ///< seastar::future
  Generic,     ///< any other type with a promise_type or coro_return_type
};

llvm::StringRef frameworkName(Framework F);

/// The namespace that prefixes the asio API in \p F ("asio" or
/// "boost::asio"); empty for other frameworks.
llvm::StringRef asioNamespace(Framework F);

/// Which asio a plain qualified name belongs to: Asio for "asio::...",
/// BoostAsio for "boost::asio::...", None for any other name.
Framework asioFlavourOf(llvm::StringRef QualifiedName);

/// How a type takes part in asynchronous code.
struct TaskTypeInfo {
  Framework Fw = Framework::None;
  /// A coroutine return type: has a promise_type, is marked
  /// [[clang::coro_return_type]], or is a known task template.
  bool IsTask = false;
  /// Has operator co_await or the await_ready/await_suspend/await_resume
  /// trio (tasks of most libraries are awaitable too).
  bool IsAwaitable = false;
  /// Lazily started: dropping it means the work never runs.
  bool IsLazy = false;
  /// A fire-and-forget type: a known one (winrt::fire_and_forget,
  /// drogon::AsyncTask, boost::cobalt::detached), one named by the user, or
  /// one recognised by shape (see isFireAndForgetByShape).
  bool IsFireAndForget = false;

  bool isAsync() const { return IsTask || IsAwaitable; }
};

/// Classifies \p T. \p ExtraTaskTypes are user-declared task type names
/// (plain qualified names, as in the TaskTypes option), \p
/// ExtraFireAndForgetTypes user-declared fire-and-forget types.
TaskTypeInfo
classifyType(QualType T, llvm::ArrayRef<std::string> ExtraTaskTypes = {},
             llvm::ArrayRef<std::string> ExtraFireAndForgetTypes = {});

/// The user's additions to the type model. Every check must classify a
/// type alike, or one check calls fire-and-forget what another reports as
/// an unawaited task: so each reads both lists, TaskTypes and
/// FireAndForgetTypes, as its own option or else the global one.
struct TypeModel {
  std::string RawTaskTypes;
  std::string RawFireAndForgetTypes;
  /// Plain qualified names.
  std::vector<std::string> TaskTypes;
  std::vector<std::string> FireAndForgetTypes;

  /// classifyType with these lists, memoised per class: what it says of a
  /// type depends only on the class the type names.
  TaskTypeInfo classify(QualType T) const;

  /// Forgets the memo: call at the start of each translation unit (it is
  /// keyed by AST pointers).
  void startTranslationUnit() const {
    Memo.clear();
    MemoContext = nullptr;
  }

private:
  mutable llvm::DenseMap<const CXXRecordDecl *, TaskTypeInfo> Memo;
  mutable const ASTContext *MemoContext = nullptr;
};

/// Reads \p Check's TypeModel (Options.getLocalOrGlobal), reporting every
/// entry that cannot be a qualified name with configurationDiag.
TypeModel readTypeModel(const ClangTidyCheck::OptionsView &Options,
                        const ClangTidyCheck &Check, llvm::StringRef CheckName);

/// What a coroutine's promise says about it, read from its declarations.
struct PromiseInfo {
  enum class Start { Unknown, Suspended, Running };
  const CXXRecordDecl *Promise = nullptr;
  /// initial_suspend returns std::suspend_always (Suspended: the task is
  /// lazy) or std::suspend_never (Running: the body starts at the call).
  Start InitialSuspend = Start::Unknown;
  /// The promise's unhandled_exception, if it has a body.
  const CXXMethodDecl *UnhandledException = nullptr;
  /// unhandled_exception has an empty body: exceptions vanish there.
  bool SwallowsExceptions = false;
  /// The promise has await_transform, so only what it accepts may be
  /// co_awaited in the coroutine.
  bool HasAwaitTransform = false;
};

/// The promise of coroutine return type \p T (its nested promise_type),
/// or nullopt when \p T has none.
std::optional<PromiseInfo> promiseOf(QualType T);

/// A coroutine return type that is fire-and-forget by construction: its
/// promise starts the body at once (initial_suspend never suspends) and the
/// object handed to the caller is empty and not awaitable, so there is
/// nothing to await or join.
bool isFireAndForgetByShape(QualType T);

/// Whether `co_await E`, \p E of type \p Awaited, compiles in \p
/// Coroutine: the same framework (and for asio the same executor), or an
/// awaitable by shape in a coroutine whose promise does not restrict what
/// it awaits.
bool isAwaitableIn(QualType Awaited, const FunctionDecl *Coroutine);

} // namespace tidy::corolint
} // namespace clang

#endif
