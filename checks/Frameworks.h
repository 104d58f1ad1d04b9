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

#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class CXXRecordDecl;
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
  /// A known fire-and-forget type (winrt::fire_and_forget,
  /// drogon::AsyncTask, boost::cobalt::detached).
  bool IsFireAndForget = false;

  bool isAsync() const { return IsTask || IsAwaitable; }
};

/// Classifies \p T. \p ExtraTaskTypes are user-declared task type names
/// (plain qualified names, as in the TaskTypes option).
TaskTypeInfo classifyType(QualType T,
                          llvm::ArrayRef<std::string> ExtraTaskTypes = {});

} // namespace tidy::corolint
} // namespace clang

#endif
