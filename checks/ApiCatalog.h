//===--- ApiCatalog.h - Blocking and waiting APIs as data -------*- C++ -*-===//
//
// Every check that needs to know what an API does asks this catalog: the
// built-in tables of ApiCatalog.def, extended by CheckOptions and by
// [[clang::annotate("corolint::blocking")]] / ("corolint::nonblocking") on
// library declarations.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_APICATALOG_H
#define COROLINT_CHECKS_APICATALOG_H

#include "Frameworks.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::corolint {

enum class ApiKind {
  Blocking,     ///< Holds the calling thread until the operation completes.
  SyncWait,     ///< Holds the calling thread until asynchronous work completes.
  Detach,       ///< Starts work and lets it go; Category is the trigger
                ///< ("call", "discarded", "token", "future": see the .def).
  Readiness,    ///< Awaiting it means a descriptor is ready for I/O.
  ExecutorHop,  ///< Awaiting it moves the coroutine to its first argument.
  BlockingPool, ///< Returns the executor designated for blocking work.
  CancelOnly,   ///< Awaiting it fails only when it is cancelled.
  PoolHop,      ///< Awaiting it resumes the coroutine on a thread pool.
  Offload,      ///< Runs a function it is given on another thread;
                ///< Category: future, thread, pool (see the .def).
  ReadyResult,  ///< Wraps an already computed value in a completed future.
  WorkWrapper,  ///< Holds a function for later (std::packaged_task).
  ThreadPool,   ///< Returns a framework's executor for CPU work.
  DropsToken,   ///< Starts a task without the coroutine's own token.
  EnvWriter,    ///< Runs a sender with an environment the caller writes.
  CancelledThroughToken, ///< Cancelled only through its completion token's
                         ///< slot (asio::co_spawn).
  RequestsStop,          ///< Asks a token source to cancel its tokens' work.
};

/// Whether a category's APIs are reported unless configured otherwise
/// (COROLINT_CATEGORY's Default).
enum class CategoryDefault {
  On,       ///< Reported unless the Categories option leaves it out.
  Off,      ///< Reported only when the Categories option names it.
  Always,   ///< Reported whatever the Categories option says.
  Internal, ///< Set by corolint itself; not a Categories value.
};

/// A category of the catalog's APIs (COROLINT_CATEGORY).
struct ApiCategory {
  ApiKind Kind;
  llvm::StringRef Id;
  CategoryDefault Default;
  /// How a message reads the category.
  llvm::StringRef Description;
};

struct ApiEntry {
  ApiKind Kind;
  std::string Category;
  std::string Name;
  llvm::SmallVector<std::string, 2> Receivers;
  std::string Advice;
  /// For Detach entries: the framework whose task scope is the alternative.
  Framework Fw = Framework::None;
};

/// What a lock operation does (COROLINT_LOCK_OPERATION).
enum class LockEffect {
  Acquire,    ///< locks
  TryAcquire, ///< locks when it returns true
  Release,    ///< unlocks
  Disown,     ///< a guard stops owning; the mutex stays locked
  Query,      ///< true when the guard owns its mutex
};

/// What a function's result describes about the calling thread
/// (COROLINT_THREAD_STATE).
enum class ThreadStateKind {
  Identity,       ///< which thread this is
  Errno,          ///< the thread's errno
  PerThreadCount, ///< a per-thread count (std::uncaught_exceptions)
};

/// What a COROLINT_NONBLOCKING_SETTER's first argument must say.
enum class NonBlockingArgument {
  True,     ///< the literal true
  Spelling, ///< a COROLINT_NONBLOCKING_SPELLING
};

/// What a COROLINT_POLLING_WAIT's argument is.
enum class WaitDeadline { Duration, TimePoint };

/// A launch-policy enum (COROLINT_DEFERRED_LAUNCH).
struct DeferredLaunch {
  llvm::StringRef Enum;
  llvm::StringRef Deferred;
  llvm::StringRef Eager;
};

/// Where the awaitable of a sync wait is (see COROLINT_AWAIT).
enum class AwaitOperand {
  Argument,      ///< sync_wait(x): the first argument.
  Object,        ///< f.get(): the object of the member call.
  AsioOperation, ///< op(..., use_future).get(): the operation, reissued
                 ///< with use_awaitable.
};

/// How a sync wait becomes a co_await inside a coroutine of one framework
/// (COROLINT_AWAIT in ApiCatalog.def).
struct AwaitRewrite {
  AwaitOperand Operand;
  /// The plain class names the operand must have.
  llvm::SmallVector<std::string, 4> OperandTypes;
  /// The framework awaits rvalues only.
  bool NeedsRvalue = false;
  /// co_await yields another type than the wait: the wait's value must be
  /// unused.
  bool NeedsDiscardedResult = false;
  /// The wait must take nothing but the operand.
  bool NeedsNoExtraArgs = false;
  std::string Template;
};

/// A coroutine's token that it holds without declaring it.
struct ImplicitToken {
  /// The getter to await: "folly::coro::co_current_cancellation_token".
  llvm::StringRef Getter;
  /// The token's class: "folly::CancellationToken".
  llvm::StringRef TokenType;
};

/// What a call was recognised as.
struct ApiMatch {
  const ApiEntry *Entry = nullptr;
  /// The catalog name that matched (e.g. "asio::read"), the key for
  /// rewrites.
  std::string Name;
  /// The callee as the user should read it in a message.
  std::string DisplayName;
  const FunctionDecl *Callee = nullptr;
};

/// The built-in COROLINT_API / REWRITE / AWAIT / DETACH / NONBLOCKING_HINT /
/// DESCRIPTOR_API rows, built once per process (ApiCatalog.cpp) and never
/// changed: every ApiCatalog reads the same table.
struct BuiltinCatalog;

class ApiCatalog {
public:
  /// The built-in tables, with an empty overlay of user options.
  ApiCatalog();

  /// Adds a user API. \p Spec is "name" or "name=category"; an unknown
  /// category is kept as given.
  void addUserEntry(ApiKind Kind, llvm::StringRef Spec,
                    llvm::StringRef DefaultCategory,
                    llvm::StringRef Advice = "");
  /// Removes \p Name from every lookup, whatever the tables say.
  void allow(llvm::StringRef Name);
  /// Adds "name=template" rewrites for \p Fw (see ApiCatalog.def for the
  /// template placeholders).
  void addUserRewrite(llvm::StringRef Spec, Framework Fw);

  /// Recognises \p Call (a CallExpr, CXXMemberCallExpr, CXXOperatorCallExpr
  /// or CXXConstructExpr) as a catalog API of \p Kind. What depends on the
  /// callee alone (its name, annotation, rows) is memoised per callee.
  std::optional<ApiMatch> lookup(const Expr *Call, ApiKind Kind) const;

  /// Forgets what lookup memoised: call at the start of each translation
  /// unit (the memo is keyed by AST pointers).
  void startTranslationUnit() const {
    CalleeMemo.clear();
    ReceiverMemo.clear();
    MemoContext = nullptr;
  }

  /// The async counterpart of \p Name valid in a coroutine of \p Fw.
  const std::string *rewriteFor(llvm::StringRef Name, Framework Fw) const;

  /// Whether \p Call's arguments spell a flag that makes the catalog API
  /// \p Name non-blocking (WNOHANG, MSG_DONTWAIT, ...).
  bool argumentsSayNonBlocking(llvm::StringRef Name, const CallExpr *Call,
                               const ASTContext &Ctx) const;

  /// For an API working on a possibly non-blocking descriptor, the
  /// expression holding the descriptor (the object, or an argument);
  /// null for other APIs.
  const Expr *descriptorOf(llvm::StringRef Name, const Expr *Call) const;

  /// How the sync wait \p Name becomes a co_await in a coroutine of \p Fw.
  const AwaitRewrite *awaitRewriteFor(llvm::StringRef Name, Framework Fw) const;
  /// Whether \p T is a completion token that discards the result
  /// (asio::detached_t).
  static bool isDetachedToken(QualType T);
  /// Whether \p Name is a task-scope API: the structured way to start work
  /// without awaiting it at once.
  static bool isTaskScopeApi(llvm::StringRef Name);
  /// The task scope of \p Fw, for "use ..." in messages; empty if none.
  static llvm::StringRef taskScopeAdvice(Framework Fw);
  /// How a plain function gets a task of \p Fw to run.
  static llvm::StringRef taskRunnerAdvice(Framework Fw);

  /// Whether awaiting a \p T yields the coroutine's executor, null when it
  /// runs on none (COROLINT_CURRENT_EXECUTOR).
  static bool isCurrentExecutorType(QualType T);
  /// Whether awaiting a \p T never suspends: it reads the coroutine's own
  /// executor or state (COROLINT_NO_SUSPEND_AWAIT).
  static bool isNoSuspendAwaitType(QualType T);
  /// Spellings that make a descriptor non-blocking where a call configuring
  /// it mentions them (COROLINT_NONBLOCKING_SPELLING).
  static llvm::ArrayRef<llvm::StringRef> nonBlockingSpellings();
  /// Spellings of a non-blocking descriptor's "try again"
  /// (COROLINT_WOULD_BLOCK_SPELLING).
  static llvm::ArrayRef<llvm::StringRef> wouldBlockSpellings();
  /// The methods of COROLINT_NONBLOCKING_SETTER, for a matcher.
  static llvm::ArrayRef<llvm::StringRef> nonBlockingSetters();
  /// What the first argument of the non-blocking setter \p Method must
  /// say; nullopt for other methods.
  static std::optional<NonBlockingArgument>
  nonBlockingSetterArgument(llvm::StringRef Method);
  /// Whether the future method \p Method answers "is it ready?"
  /// (COROLINT_READINESS_PREDICATE).
  static bool isReadinessPredicate(llvm::StringRef Method);
  /// Whether \p Enumerator is the status of a ready future
  /// (COROLINT_READY_STATUS).
  static bool isReadyStatus(llvm::StringRef Enumerator);
  /// The argument that makes the timed wait \p Method only poll; nullopt
  /// for other methods (COROLINT_POLLING_WAIT).
  static std::optional<WaitDeadline> pollingWait(llvm::StringRef Method);
  /// The launch-policy enums of COROLINT_DEFERRED_LAUNCH.
  static llvm::ArrayRef<DeferredLaunch> deferredLaunches();

  /// Whether \p Call, a catalog API \p Name, writes one scalar: the
  /// wake-up of an eventfd or self-pipe (COROLINT_WAKEUP_WRITE).
  static bool isWakeUpWrite(llvm::StringRef Name, const CallExpr *Call);

  /// For a lock guard class template (COROLINT_LOCK_GUARD), the template
  /// argument that is its mutex type, -1 when every one is; nullopt for
  /// other classes.
  static std::optional<int> lockGuardMutexArgument(llvm::StringRef Name);
  /// Whether \p Name is a guard whose lock is always thread-affine
  /// (COROLINT_THREAD_AFFINE_GUARD).
  static bool isThreadAffineGuard(llvm::StringRef Name);
  /// Whether \p Name is a mutex owned by the thread that locks it
  /// (COROLINT_THREAD_AFFINE_MUTEX).
  static bool isThreadAffineMutex(llvm::StringRef Name);
  /// What the lock operation \p Name (a method name, or a pthread
  /// function) does; nullopt for other names.
  static std::optional<LockEffect> lockOperation(llvm::StringRef Name);
  /// What a coroutine of \p Fw holds across suspension points instead of a
  /// thread-affine lock, for "use ..." in messages.
  static llvm::StringRef asyncMutexAdvice(Framework Fw);
  /// What the function \p Name's result says about the calling thread.
  static std::optional<ThreadStateKind> threadState(llvm::StringRef Name);

  /// Whether \p MacroName is a unit-test assertion (COROLINT_TEST_ASSERTION).
  static bool isTestAssertionMacro(llvm::StringRef MacroName);
  /// Whether \p T, seen through references, cv and sugar, is a
  /// cancellation token type (COROLINT_TOKEN_TYPE) or one of \p Extra (plain
  /// qualified names, the TokenTypes option).
  static bool isTokenType(QualType T, llvm::ArrayRef<std::string> Extra = {});
  /// Whether awaiting a \p Operand yields the coroutine's own token
  /// (COROLINT_TOKEN_GETTER).
  static bool isTokenGetter(QualType Operand);
  /// The token every coroutine of \p Fw holds without declaring it (a
  /// folly Task's, asio's cancellation state), if awaiting a getter yields
  /// it.
  static std::optional<ImplicitToken> implicitToken(Framework Fw);
  /// Whether \p Method asks a token whether cancellation was requested
  /// (COROLINT_TOKEN_CHECK).
  static bool isTokenCheck(const FunctionDecl *Method);
  /// Whether constructing a \p T from a token registers a cancellation
  /// callback (COROLINT_TOKEN_CALLBACK).
  static bool isTokenCallback(QualType T);
  /// Whether `co_await` in a coroutine of \p Fw hands the awaited work the
  /// coroutine's token of type \p Token (COROLINT_TOKEN_INHERITED).
  static bool inheritsToken(Framework Fw, QualType Token);
  /// The token type `co_await` in a coroutine of \p Fw hands on
  /// (COROLINT_TOKEN_INHERITED); empty when it hands on none.
  static llvm::StringRef inheritedTokenType(Framework Fw);
  /// Whether the environment type \p Env (a property, or environments
  /// joined) answers a stop-token query with a token that can never be
  /// stopped (COROLINT_NEVER_STOP_PROPERTY).
  static bool writesNeverStopToken(QualType Env);
  /// Whether \p T is a never-stopping token type of a
  /// COROLINT_NEVER_STOP_PROPERTY (stdexec::never_stop_token).
  static bool isNeverStopToken(QualType T);
  /// Whether a token of class \p TokenType (a plain qualified name) can
  /// take a never-stopping token's place in a written environment
  /// (COROLINT_NEVER_STOP_PROPERTY's Stoppable).
  static bool canReplaceNeverStopToken(llvm::StringRef TokenType);
  /// Whether the completion token \p T carries a cancellation slot bound
  /// to it (COROLINT_SLOT_BINDER).
  static bool isSlotBoundToken(QualType T);
  /// Whether \p T is a cancellation slot a COROLINT_SLOT_BINDER binds.
  static bool isBindableSlot(QualType T);
  /// The function that binds a slot to a completion token, spelled for the
  /// asio (or Boost.Asio) of \p Api, the catalog name of the call it is
  /// for: "asio::bind_cancellation_slot".
  static std::string slotBinderFor(llvm::StringRef Api);

  /// Whether \p T (through references) is a type errors are reported in
  /// instead of thrown (COROLINT_ERROR_CODE_TYPE).
  static bool isErrorCodeType(QualType T);
  /// Whether the class \p Name is a type-erased completion handler
  /// (COROLINT_COMPLETION_HANDLER_TYPE).
  static bool isCompletionHandlerType(llvm::StringRef Name);
  /// Whether the class \p Name is a type-erased callable
  /// (COROLINT_CALLABLE_WRAPPER).
  static bool isCallableWrapper(llvm::StringRef Name);
  /// For a completion token that makes an asio operation return a future
  /// ("asio::use_future", COROLINT_FUTURE_TOKEN): the token that makes it
  /// awaitable, in the same asio; empty for any other name.
  static std::string awaitableTokenFor(llvm::StringRef FutureToken);
  /// Whether \p Waiter is, or derives from, an I/O object whose async_wait
  /// reports its descriptor ready (COROLINT_READINESS_WAITER), in the asio
  /// of \p Fw.
  static bool isReadinessWaiter(const CXXRecordDecl *Waiter, Framework Fw);
  /// The C functions that set a descriptor's flags
  /// (COROLINT_DESCRIPTOR_FLAG_SETTER), as global names for a matcher
  /// ("::fcntl").
  static llvm::ArrayRef<llvm::StringRef> descriptorFlagSetters();

  /// Whether \p FD is part of a coroutine framework's own implementation
  /// (declared in a COROLINT_FRAMEWORK_NAMESPACE).
  static bool isFrameworkImplementation(const FunctionDecl *FD);

  /// The COROLINT_CATEGORY rows, in the order of ApiCatalog.def.
  static llvm::ArrayRef<ApiCategory> categories();
  /// The blocking categories the Categories option may name (the On and
  /// Off rows), sorted.
  static llvm::ArrayRef<llvm::StringRef> knownCategories();
  /// The blocking categories reported unless configured otherwise, as a
  /// CheckOptions list: the On rows.
  static llvm::StringRef defaultBlockingCategories();
  /// How the category \p Id of \p Kind reads in a message ("file I/O"); a
  /// user's category no row defines reads as the "user" row of \p Kind,
  /// else as itself.
  static llvm::StringRef describeCategory(ApiKind Kind, llvm::StringRef Id);

  /// Whether \p T (through references, pointers and smart pointers) is a
  /// future type of COROLINT_FUTURE_TYPE.
  static bool isFutureType(QualType T);
  /// Whether \p T (through references, pointers and smart pointers) is or
  /// derives from an executor of COROLINT_THREAD_POOL.
  static bool isThreadPoolType(QualType T);
  /// Whether awaiting \p Call resumes the coroutine on the thread pool it
  /// is called on: `pool.schedule()` (COROLINT_POOL_HOP_METHOD).
  static bool isPoolHopMethodCall(const Expr *Call);
  /// For a completion token bound to an executor
  /// (`asio::bind_executor(pool, asio::use_awaitable)`,
  /// COROLINT_EXECUTOR_BINDER): that executor; null otherwise.
  static const Expr *boundExecutorOf(const Expr *Token);

  /// For a project function declared without a body that is named as
  /// blocking (COROLINT_BLOCKING_NAME): the match, under the category
  /// "named".
  std::optional<ApiMatch>
  lookupBlockingByName(const FunctionDecl *Callee) const;

  /// Designates an executor type, a variable or member holding an
  /// executor, or a function returning one (qualified names) as the pool
  /// for blocking work.
  void addBlockingPool(llvm::StringRef Name);
  /// Whether \p Executor is a pool designated for blocking work: a
  /// BlockingPool API's result, or a call, variable, member or type
  /// annotated [[clang::annotate("corolint::blocking-pool")]] or named by
  /// addBlockingPool.
  bool isDesignatedBlockingPool(const Expr *Executor) const;

  /// The entry of \p Kind named \p Name (a catalog or user API), if any.
  const ApiEntry *entryNamed(llvm::StringRef Name, ApiKind Kind) const {
    return find(Name, Kind);
  }

private:
  /// The rows filed under one name: built-in, then the user's.
  struct Rows {
    const llvm::SmallVector<const ApiEntry *, 1> *Builtin = nullptr;
    const llvm::SmallVector<const ApiEntry *, 1> *User = nullptr;
    /// The first row of \p Kind.
    const ApiEntry *of(ApiKind Kind) const;
  };
  /// What lookup needs to know of a callee whatever the call's arguments.
  struct CalleeFacts {
    /// corolint::nonblocking, or an allowed name: never an API.
    bool Excluded = false;
    /// The corolint::blocking annotation's category, or "".
    std::string Annotated;
    /// The catalog name (a function object's, else the callee's).
    std::string Name;
    Rows ByName;
    bool SystemCFunction = false;
    bool GrpcSyncStub = false;
  };
  /// The same for a method looked up through the class it is called on.
  struct ReceiverFacts {
    bool Excluded = false;
    std::string Name;
    Rows ByName;
  };

  /// A built-in row of \p Kind named \p Name, else a user row.
  const ApiEntry *find(llvm::StringRef Name, ApiKind Kind) const;
  Rows rowsNamed(llvm::StringRef Name) const;
  const CalleeFacts &calleeFacts(const FunctionDecl *Callee,
                                 const VarDecl *FunctionObject) const;
  const ReceiverFacts &receiverFacts(const CXXRecordDecl *Receiver,
                                     const FunctionDecl *Callee) const;

  /// The shared, immutable built-in rows.
  const BuiltinCatalog &Builtin;

  // The overlay: this check's CheckOptions, consulted with (user APIs) or
  // before (allowed functions, user rewrites) the built-in rows.
  std::vector<std::unique_ptr<ApiEntry>> UserEntries;
  llvm::StringMap<llvm::SmallVector<const ApiEntry *, 1>> UserByName;
  llvm::StringSet<> Allowed;
  llvm::StringMap<std::string> UserRewrites; // key: "<framework>|<name>"
  llvm::StringSet<> DesignatedBlockingPools;
  std::vector<std::unique_ptr<ApiEntry>> AnnotationEntries;

  // Memo tables of lookup, per check instance and translation unit.
  mutable llvm::DenseMap<std::pair<const FunctionDecl *, const VarDecl *>,
                         CalleeFacts>
      CalleeMemo;
  mutable llvm::DenseMap<std::pair<const CXXRecordDecl *, const FunctionDecl *>,
                         ReceiverFacts>
      ReceiverMemo;
  /// The AST the memo tables hold pointers into.
  mutable const ASTContext *MemoContext = nullptr;

  ApiEntry NamedBlocking{
      ApiKind::Blocking, "named", "", {}, "its asynchronous counterpart"};
};

/// The category given by a [[clang::annotate("corolint::blocking[:cat]")]]
/// on \p FD or any of its redeclarations: "" when not annotated, "-" when
/// annotated corolint::nonblocking.
std::string annotatedBlockingCategory(const FunctionDecl *FD);

/// Whether \p D (or, for a function, a redeclaration; for a class, its
/// template pattern) carries [[clang::annotate("corolint::blocking-pool")]]:
/// the executor, or the function, designated for blocking work.
bool hasBlockingPoolAnnotation(const Decl *D);

/// The object a member call (or member operator call) is made on, or the
/// first argument of a free function (or of a function object's call);
/// null when there is none.
const Expr *receiverOf(const Expr *Call);

/// For a call of a function object declared as a variable
/// (`stdexec::sync_wait(s)`, `folly::coro::blockingWait(t)`): that
/// variable; null for other calls.
const VarDecl *calledFunctionObject(const Expr *Call);

} // namespace clang::tidy::corolint

#endif
