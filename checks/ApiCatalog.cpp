//===--- ApiCatalog.cpp - Blocking and waiting APIs as data ---------------===//

#include "ApiCatalog.h"
#include "Names.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <algorithm>

namespace clang::tidy::corolint {

namespace {

llvm::SmallVector<std::string, 2> splitReceivers(llvm::StringRef Spec) {
  llvm::SmallVector<std::string, 2> Result;
  llvm::SmallVector<llvm::StringRef, 2> Parts;
  Spec.split(Parts, '|', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts)
    Result.push_back(P.trim().str());
  return Result;
}

bool receiverMatches(const CXXRecordDecl *RD,
                     llvm::ArrayRef<std::string> Receivers) {
  if (Receivers.empty())
    return true;
  if (!RD)
    return false;
  for (const std::string &R : Receivers) {
    llvm::StringRef Pattern(R);
    if (Pattern.consume_back("*")) {
      if (llvm::StringRef(plainQualifiedName(RD)).starts_with(Pattern))
        return true;
    } else if (isOrDerivesFrom(RD, Pattern)) {
      return true;
    }
  }
  return false;
}

// C functions in the catalog ("read", "sleep") must come from the system or
// have C linkage: a project's own `read(Config&)` is not POSIX read.
bool isSystemCFunction(const FunctionDecl *FD) {
  if (FD->isExternC())
    return true;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  return SM.isInSystemHeader(FD->getCanonicalDecl()->getLocation());
}

// One of the catalog's type tables names the class.
bool isNamedIn(const CXXRecordDecl *RD, const llvm::StringSet<> &Names) {
  return RD && Names.contains(plainQualifiedName(RD));
}

// The qualified name is in a COROLINT_FRAMEWORK_NAMESPACE.
bool inFrameworkNamespace(llvm::StringRef Qualified) {
  static const llvm::StringRef Namespaces[] = {
#define COROLINT_FRAMEWORK_NAMESPACE(Namespace) Namespace,
#include "ApiCatalog.def"
  };
  return llvm::any_of(Namespaces, [&](llvm::StringRef NS) {
    return Qualified.starts_with(NS) &&
           Qualified.drop_front(NS.size()).starts_with("::");
  });
}

constexpr llvm::StringLiteral BlockingPoolAnnotation =
    "corolint::blocking-pool";

constexpr llvm::StringLiteral GrpcSyncStubName =
    "grpc::(synchronous stub call)";

bool isGrpcSyncStubCall(const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || Method->getNumParams() < 1)
    return false;
  const CXXRecordDecl *Returned = recordOf(Method->getReturnType());
  if (!Returned || plainQualifiedName(Returned) != "grpc::Status")
    return false;
  QualType First = Method->getParamDecl(0)->getType();
  if (!First->isPointerType())
    return false;
  const CXXRecordDecl *Context = recordOf(First);
  return Context && plainQualifiedName(Context) == "grpc::ClientContext";
}

std::string rewriteKey(Framework Fw, llvm::StringRef Name) {
  // Boost.Asio shares asio's rewrites; {ns} picks the spelling.
  if (Fw == Framework::BoostAsio)
    Fw = Framework::Asio;
  return (frameworkName(Fw) + "|" + Name).str();
}

AwaitRewrite makeAwaitRewrite(llvm::StringRef Operand,
                              llvm::StringRef OperandTypes,
                              llvm::StringRef Requires,
                              llvm::StringRef Template) {
  AwaitRewrite R;
  R.Operand = llvm::StringSwitch<AwaitOperand>(Operand)
                  .Case("object", AwaitOperand::Object)
                  .Case("asio-operation", AwaitOperand::AsioOperation)
                  .Default(AwaitOperand::Argument);
  R.OperandTypes = splitReceivers(OperandTypes);
  llvm::SmallVector<llvm::StringRef, 3> Flags;
  Requires.split(Flags, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Flag : Flags) {
    R.NeedsRvalue |= Flag == "rvalue";
    R.NeedsDiscardedResult |= Flag == "discarded";
    R.NeedsNoExtraArgs |= Flag == "no-extra-args";
  }
  R.Template = Template.str();
  return R;
}

// Keeps \p Entry in \p Owner and indexes it under its name and, for an
// asio name, its Boost.Asio spelling.
void addEntry(ApiEntry Entry, std::vector<std::unique_ptr<ApiEntry>> &Owner,
              llvm::StringMap<llvm::SmallVector<const ApiEntry *, 1>> &Index) {
  Owner.push_back(std::make_unique<ApiEntry>(std::move(Entry)));
  const ApiEntry *E = Owner.back().get();
  Index[E->Name].push_back(E);
  std::string Boost = boostAsioSpelling(E->Name);
  if (!Boost.empty())
    Index[Boost].push_back(E);
}

} // namespace

/// The built-in rows of ApiCatalog.def that a check's options extend.
struct BuiltinCatalog {
  BuiltinCatalog();

  std::vector<std::unique_ptr<ApiEntry>> Entries;
  llvm::StringMap<llvm::SmallVector<const ApiEntry *, 1>> ByName;
  llvm::StringMap<std::string> Rewrites;       // key: "<framework>|<name>"
  llvm::StringMap<AwaitRewrite> AwaitRewrites; // key: "<framework>|<name>"
  llvm::StringMap<llvm::SmallVector<std::string, 1>> NonBlockingHints;
  llvm::StringMap<int> DescriptorArgs;

private:
  void add(ApiEntry Entry) { addEntry(std::move(Entry), Entries, ByName); }
};

namespace {
const BuiltinCatalog &builtinCatalog() {
  // Built on first use, thread-safely (C++11 static initialisation), and
  // only read afterwards: shared by every check instance on every thread.
  static const BuiltinCatalog Table;
  return Table;
}
} // namespace

BuiltinCatalog::BuiltinCatalog() {
#define COROLINT_API(Kind, Category, Name, Receiver, Advice)                   \
  add(ApiEntry{ApiKind::Kind, #Category, Name, splitReceivers(Receiver),       \
               Advice});
#define COROLINT_REWRITE(Name, Fw, Template)                                   \
  Rewrites[rewriteKey(Framework::Fw, Name)] = Template;
#define COROLINT_NONBLOCKING_HINT(Name, Hint)                                  \
  NonBlockingHints[Name].push_back(Hint);
#define COROLINT_DESCRIPTOR_API(Name, Arg)                                     \
  DescriptorArgs[Name] = Arg;                                                  \
  if (std::string Boost = boostAsioSpelling(Name); !Boost.empty())             \
    DescriptorArgs[Boost] = Arg;
#define COROLINT_AWAIT(Name, Fw, Operand, OperandTypes, Requires, Template)    \
  AwaitRewrites[rewriteKey(Framework::Fw, Name)] =                             \
      makeAwaitRewrite(#Operand, OperandTypes, Requires, Template);
#define COROLINT_DETACH(Trigger, Name, Receiver, Fw, Advice)                   \
  add(ApiEntry{ApiKind::Detach, #Trigger, Name, splitReceivers(Receiver),      \
               Advice, Framework::Fw});
#include "ApiCatalog.def"
}

ApiCatalog::ApiCatalog() : Builtin(builtinCatalog()) {}

bool ApiCatalog::argumentsSayNonBlocking(llvm::StringRef Name,
                                         const CallExpr *Call,
                                         const ASTContext &Ctx) const {
  auto It = Builtin.NonBlockingHints.find(Name);
  if (It == Builtin.NonBlockingHints.end())
    return false;
  for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I) {
    const Expr *Arg = Call->getArg(I);
    std::string Written = writtenText(Arg->getSourceRange(), Ctx);
    llvm::StringRef Text(Written);
    for (const std::string &Hint : It->second) {
      // "0" stands for a zero timeout: the whole last argument.
      if (Hint == "0" ? I + 1 == N && Text.trim() == "0" : Text.contains(Hint))
        return true;
    }
  }
  return false;
}

const Expr *ApiCatalog::descriptorOf(llvm::StringRef Name,
                                     const Expr *Call) const {
  auto It = Builtin.DescriptorArgs.find(Name);
  if (It == Builtin.DescriptorArgs.end())
    return nullptr;
  if (It->second < 0) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
    return MC ? MC->getImplicitObjectArgument() : nullptr;
  }
  const auto *CE = dyn_cast<CallExpr>(Call);
  if (!CE || CE->getNumArgs() <= static_cast<unsigned>(It->second))
    return nullptr;
  return CE->getArg(It->second);
}

bool ApiCatalog::isDetachedToken(QualType T) {
  static const llvm::StringSet<> Tokens = [] {
    llvm::StringSet<> Names;
#define COROLINT_DETACHED_TOKEN(Type)                                          \
  Names.insert(Type);                                                          \
  if (std::string Boost = boostAsioSpelling(Type); !Boost.empty())             \
    Names.insert(Boost);
#include "ApiCatalog.def"
    return Names;
  }();
  const CXXRecordDecl *RD = recordOf(T);
  return RD && Tokens.contains(plainQualifiedName(RD));
}

bool ApiCatalog::isTaskScopeApi(llvm::StringRef Name) {
  static const llvm::StringSet<> Scopes = [] {
    llvm::StringSet<> Names;
#define COROLINT_TASK_SCOPE(Fw, Name, Advice) Names.insert(Name);
#include "ApiCatalog.def"
    return Names;
  }();
  return Scopes.contains(Name);
}

llvm::StringRef ApiCatalog::taskScopeAdvice(Framework Fw) {
#define COROLINT_TASK_SCOPE(F, Name, Advice)                                   \
  if (Fw == Framework::F)                                                      \
    return Advice;
#include "ApiCatalog.def"
  return "";
}

llvm::StringRef ApiCatalog::taskRunnerAdvice(Framework Fw) {
#define COROLINT_TASK_RUNNER(F, Advice)                                        \
  if (Fw == Framework::F)                                                      \
    return Advice;
#include "ApiCatalog.def"
  return taskRunnerAdvice(Framework::Generic);
}

void ApiCatalog::addUserEntry(ApiKind Kind, llvm::StringRef Spec,
                              llvm::StringRef DefaultCategory,
                              llvm::StringRef Advice) {
  auto [Name, Category] = Spec.split('=');
  Name = Name.trim();
  Category = Category.trim();
  Name.consume_front("::");
  if (Name.empty())
    return;
  startTranslationUnit();
  addEntry(ApiEntry{Kind,
                    Category.empty() ? DefaultCategory.str() : Category.str(),
                    Name.str(),
                    {},
                    !Advice.empty() ? Advice.str()
                    : Kind == ApiKind::SyncWait
                        ? "co_await the asynchronous work instead"
                    : Kind == ApiKind::Detach ? ""
                                              : "an asynchronous counterpart"},
           UserEntries, UserByName);
}

void ApiCatalog::allow(llvm::StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  if (Name.empty())
    return;
  startTranslationUnit();
  Allowed.insert(Name);
  std::string Boost = boostAsioSpelling(Name);
  if (!Boost.empty())
    Allowed.insert(Boost);
}

void ApiCatalog::addUserRewrite(llvm::StringRef Spec, Framework Fw) {
  auto [Name, Template] = Spec.split('=');
  Name = Name.trim();
  Name.consume_front("::");
  if (Name.empty() || Template.trim().empty())
    return;
  UserRewrites[rewriteKey(Fw, Name)] = Template.trim().str();
}

const std::string *ApiCatalog::rewriteFor(llvm::StringRef Name,
                                          Framework Fw) const {
  // A user rewrite replaces the built-in one of the same name.
  auto Find = [&](llvm::StringRef Key) -> const std::string * {
    if (auto It = UserRewrites.find(Key); It != UserRewrites.end())
      return &It->second;
    if (auto It = Builtin.Rewrites.find(Key); It != Builtin.Rewrites.end())
      return &It->second;
    return nullptr;
  };
  const std::string *Found = Find(rewriteKey(Fw, Name));
  if (!Found && Name.starts_with("boost::asio::"))
    Found = Find(rewriteKey(Fw, Name.drop_front(strlen("boost::"))));
  return Found;
}

const AwaitRewrite *ApiCatalog::awaitRewriteFor(llvm::StringRef Name,
                                                Framework Fw) const {
  auto It = Builtin.AwaitRewrites.find(rewriteKey(Fw, Name));
  return It == Builtin.AwaitRewrites.end() ? nullptr : &It->second;
}

bool ApiCatalog::isCurrentExecutorType(QualType T) {
  static const llvm::StringSet<> Types = [] {
    llvm::StringSet<> Names;
#define COROLINT_CURRENT_EXECUTOR(Type) Names.insert(Type);
#include "ApiCatalog.def"
    return Names;
  }();
  return isNamedIn(recordOf(T), Types);
}

std::optional<int> ApiCatalog::lockGuardMutexArgument(llvm::StringRef Name) {
  static const llvm::StringMap<int> Guards = [] {
    llvm::StringMap<int> Rows;
#define COROLINT_LOCK_GUARD(Name, MutexArg) Rows[Name] = MutexArg;
#include "ApiCatalog.def"
    return Rows;
  }();
  auto It = Guards.find(Name);
  if (It == Guards.end())
    return std::nullopt;
  return It->second;
}

bool ApiCatalog::isThreadAffineGuard(llvm::StringRef Name) {
  static const llvm::StringSet<> Guards = [] {
    llvm::StringSet<> Names;
#define COROLINT_THREAD_AFFINE_GUARD(Name) Names.insert(Name);
#include "ApiCatalog.def"
    return Names;
  }();
  return Guards.contains(Name);
}

bool ApiCatalog::isThreadAffineMutex(llvm::StringRef Name) {
  static const llvm::StringSet<> Mutexes = [] {
    llvm::StringSet<> Names;
#define COROLINT_THREAD_AFFINE_MUTEX(Name) Names.insert(Name);
#include "ApiCatalog.def"
    return Names;
  }();
  return Mutexes.contains(Name);
}

std::optional<LockEffect> ApiCatalog::lockOperation(llvm::StringRef Name) {
  static const llvm::StringMap<LockEffect> Operations = [] {
    llvm::StringMap<LockEffect> Rows;
#define COROLINT_LOCK_OPERATION(Name, Effect) Rows[Name] = LockEffect::Effect;
#include "ApiCatalog.def"
    return Rows;
  }();
  auto It = Operations.find(Name);
  if (It == Operations.end())
    return std::nullopt;
  return It->second;
}

llvm::StringRef ApiCatalog::asyncMutexAdvice(Framework Fw) {
#define COROLINT_ASYNC_MUTEX(F, Advice)                                        \
  if (Fw == Framework::F)                                                      \
    return Advice;
#include "ApiCatalog.def"
  return asyncMutexAdvice(Framework::Generic);
}

std::optional<ThreadStateKind> ApiCatalog::threadState(llvm::StringRef Name) {
  static const llvm::StringMap<ThreadStateKind> Functions = [] {
    llvm::StringMap<ThreadStateKind> Rows;
#define COROLINT_THREAD_STATE(Kind, Name) Rows[Name] = ThreadStateKind::Kind;
#include "ApiCatalog.def"
    return Rows;
  }();
  auto It = Functions.find(Name);
  if (It == Functions.end())
    return std::nullopt;
  return It->second;
}

bool ApiCatalog::isTestAssertionMacro(llvm::StringRef MacroName) {
  static const llvm::StringRef Prefixes[] = {
#define COROLINT_TEST_ASSERTION(Prefix) Prefix,
#include "ApiCatalog.def"
  };
  return llvm::any_of(
      Prefixes, [&](llvm::StringRef P) { return MacroName.starts_with(P); });
}

bool ApiCatalog::isNoSuspendAwaitType(QualType T) {
  static const llvm::StringSet<> Types = [] {
    llvm::StringSet<> Names;
#define COROLINT_NO_SUSPEND_AWAIT(Type) Names.insert(Type);
#include "ApiCatalog.def"
    return Names;
  }();
  // Reading the current executor is one of them.
  return isCurrentExecutorType(T) || isNamedIn(recordOf(T), Types);
}

llvm::ArrayRef<llvm::StringRef> ApiCatalog::nonBlockingSpellings() {
  static const llvm::StringRef Spellings[] = {
#define COROLINT_NONBLOCKING_SPELLING(Spelling) Spelling,
#include "ApiCatalog.def"
  };
  return Spellings;
}

llvm::ArrayRef<llvm::StringRef> ApiCatalog::wouldBlockSpellings() {
  static const llvm::StringRef Spellings[] = {
#define COROLINT_WOULD_BLOCK_SPELLING(Spelling) Spelling,
#include "ApiCatalog.def"
  };
  return Spellings;
}

llvm::ArrayRef<llvm::StringRef> ApiCatalog::nonBlockingSetters() {
  static const llvm::StringRef Methods[] = {
#define COROLINT_NONBLOCKING_SETTER(Method, Argument) Method,
#include "ApiCatalog.def"
  };
  return Methods;
}

std::optional<NonBlockingArgument>
ApiCatalog::nonBlockingSetterArgument(llvm::StringRef Method) {
#define COROLINT_NONBLOCKING_SETTER(Name, Argument)                            \
  if (Method == Name)                                                          \
    return NonBlockingArgument::Argument;
#include "ApiCatalog.def"
  return std::nullopt;
}

bool ApiCatalog::isReadinessPredicate(llvm::StringRef Method) {
  static const llvm::StringSet<> Methods = {
#define COROLINT_READINESS_PREDICATE(Method) Method,
#include "ApiCatalog.def"
  };
  return Methods.contains(Method);
}

bool ApiCatalog::isReadyStatus(llvm::StringRef Enumerator) {
  static const llvm::StringSet<> Statuses = {
#define COROLINT_READY_STATUS(Enumerator) Enumerator,
#include "ApiCatalog.def"
  };
  return Statuses.contains(Enumerator);
}

std::optional<WaitDeadline> ApiCatalog::pollingWait(llvm::StringRef Method) {
#define COROLINT_POLLING_WAIT(Name, Deadline)                                  \
  if (Method == Name)                                                          \
    return WaitDeadline::Deadline;
#include "ApiCatalog.def"
  return std::nullopt;
}

llvm::ArrayRef<DeferredLaunch> ApiCatalog::deferredLaunches() {
  static const DeferredLaunch Rows[] = {
#define COROLINT_DEFERRED_LAUNCH(Enum, Deferred, Eager) {Enum, Deferred, Eager},
#include "ApiCatalog.def"
  };
  return Rows;
}

bool ApiCatalog::isWakeUpWrite(llvm::StringRef Name, const CallExpr *Call) {
  struct Row {
    llvm::StringRef Name;
    unsigned DataArg, SizeArg;
  };
  static const Row Rows[] = {
#define COROLINT_WAKEUP_WRITE(Name, DataArg, SizeArg) {Name, DataArg, SizeArg},
#include "ApiCatalog.def"
  };
  for (const Row &R : Rows) {
    if (R.Name != Name || Call->getNumArgs() <= std::max(R.DataArg, R.SizeArg))
      continue;
    // write(fd, &value, sizeof(value)) with value a scalar of at most eight
    // bytes: an eventfd counter or a self-pipe's wake-up byte.
    const auto *Addr =
        dyn_cast<UnaryOperator>(Call->getArg(R.DataArg)->IgnoreParenImpCasts());
    const auto *Size = dyn_cast<UnaryExprOrTypeTraitExpr>(
        Call->getArg(R.SizeArg)->IgnoreParenImpCasts());
    if (!Addr || Addr->getOpcode() != UO_AddrOf || !Size ||
        Size->getKind() != UETT_SizeOf)
      continue;
    QualType Value = Addr->getSubExpr()->getType();
    const ASTContext &Ctx = Call->getCalleeDecl()->getASTContext();
    if (Value->isScalarType() && !Value->isPointerType() &&
        Ctx.getTypeSize(Value) <= 64)
      return true;
  }
  return false;
}

namespace {
// The catalog names of one token table, with their Boost.Asio spellings.
llvm::StringSet<> withBoostSpellings(llvm::ArrayRef<llvm::StringRef> Names) {
  llvm::StringSet<> Set;
  for (llvm::StringRef Name : Names) {
    Set.insert(Name);
    if (std::string Boost = boostAsioSpelling(Name); !Boost.empty())
      Set.insert(Boost);
  }
  return Set;
}

bool recordNamed(QualType T, const llvm::StringSet<> &Names) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && Names.contains(plainQualifiedName(RD));
}
} // namespace

bool ApiCatalog::isErrorCodeType(QualType T) {
  static const llvm::StringSet<> Types = {
#define COROLINT_ERROR_CODE_TYPE(Type) Type,
#include "ApiCatalog.def"
  };
  return !T.isNull() && recordNamed(T, Types);
}

bool ApiCatalog::isCompletionHandlerType(llvm::StringRef Name) {
  static const llvm::StringSet<> Types = {
#define COROLINT_COMPLETION_HANDLER_TYPE(Type) Type,
#include "ApiCatalog.def"
  };
  return Types.contains(Name);
}

bool ApiCatalog::isCallableWrapper(llvm::StringRef Name) {
  static const llvm::StringSet<> Types = {
#define COROLINT_CALLABLE_WRAPPER(Type) Type,
#include "ApiCatalog.def"
  };
  return Types.contains(Name);
}

std::string ApiCatalog::awaitableTokenFor(llvm::StringRef FutureToken) {
  static const llvm::StringMap<std::string> Tokens = [] {
    llvm::StringMap<std::string> Map;
    auto Add = [&](llvm::StringRef Token, llvm::StringRef Awaitable) {
      Map[Token] = Awaitable.str();
      if (std::string Boost = boostAsioSpelling(Token); !Boost.empty())
        Map[Boost] = boostAsioSpelling(Awaitable);
    };
#define COROLINT_FUTURE_TOKEN(Token, AwaitableToken) Add(Token, AwaitableToken);
#include "ApiCatalog.def"
    return Map;
  }();
  auto It = Tokens.find(FutureToken);
  return It == Tokens.end() ? std::string() : It->second;
}

bool ApiCatalog::isReadinessWaiter(const CXXRecordDecl *Waiter, Framework Fw) {
  static const llvm::StringRef Waiters[] = {
#define COROLINT_READINESS_WAITER(Class) Class,
#include "ApiCatalog.def"
  };
  return llvm::any_of(Waiters, [&](llvm::StringRef Class) {
    return isOrDerivesFrom(Waiter, Fw == Framework::BoostAsio
                                       ? boostAsioSpelling(Class)
                                       : Class.str());
  });
}

llvm::ArrayRef<llvm::StringRef> ApiCatalog::descriptorFlagSetters() {
  static const llvm::StringRef Setters[] = {
#define COROLINT_DESCRIPTOR_FLAG_SETTER(Name) "::" Name,
#include "ApiCatalog.def"
  };
  return Setters;
}

bool ApiCatalog::isTokenType(QualType T, llvm::ArrayRef<std::string> Extra) {
  static const llvm::StringSet<> Types = withBoostSpellings({
#define COROLINT_TOKEN_TYPE(Type) Type,
#include "ApiCatalog.def"
  });
  if (T.isNull())
    return false;
  if (recordNamed(T, Types))
    return true;
  const CXXRecordDecl *RD = recordOf(T);
  return RD && llvm::is_contained(Extra, plainQualifiedName(RD));
}

bool ApiCatalog::isTokenGetter(QualType Operand) {
  static const llvm::StringSet<> Getters = {
#define COROLINT_TOKEN_GETTER(Fw, Type, Spelling) Type,
#include "ApiCatalog.def"
  };
  return recordNamed(Operand, Getters);
}

std::optional<ImplicitToken> ApiCatalog::implicitToken(Framework Fw) {
  llvm::StringRef Getter, TokenType;
#define COROLINT_TOKEN_GETTER(F, Type, Spelling)                               \
  if (Fw == Framework::F)                                                      \
    Getter = Spelling;
#define COROLINT_TOKEN_INHERITED(F, Type)                                      \
  if (Fw == Framework::F)                                                      \
    TokenType = Type;
#include "ApiCatalog.def"
  if (Getter.empty() || TokenType.empty())
    return std::nullopt;
  return ImplicitToken{Getter, TokenType};
}

bool ApiCatalog::isTokenCheck(const FunctionDecl *Method) {
  static const llvm::StringSet<> Checks = withBoostSpellings({
#define COROLINT_TOKEN_CHECK(Name) Name,
#include "ApiCatalog.def"
  });
  return Method && Checks.contains(plainQualifiedName(Method));
}

bool ApiCatalog::isTokenCallback(QualType T) {
  static const llvm::StringSet<> Callbacks = withBoostSpellings({
#define COROLINT_TOKEN_CALLBACK(Type) Type,
#include "ApiCatalog.def"
  });
  return recordNamed(T, Callbacks);
}

bool ApiCatalog::inheritsToken(Framework Fw, QualType Token) {
  const CXXRecordDecl *RD = recordOf(Token);
  if (!RD)
    return false;
  std::string Name = plainQualifiedName(RD);
#define COROLINT_TOKEN_INHERITED(F, TokenType)                                 \
  if (Fw == Framework::F && Name == TokenType)                                 \
    return true;
#include "ApiCatalog.def"
  return false;
}

namespace {
struct NeverStopProperty {
  llvm::StringRef Query;
  llvm::StringRef TokenType;
  llvm::StringRef Stoppable;
};
constexpr NeverStopProperty NeverStopProperties[] = {
#define COROLINT_NEVER_STOP_PROPERTY(Query, TokenType, Stoppable)              \
  {Query, TokenType, Stoppable},
#include "ApiCatalog.def"
};

// The class named by template argument \p Arg, if it is a type.
const CXXRecordDecl *recordArgument(const TemplateArgument &Arg) {
  return Arg.getKind() == TemplateArgument::Type ? recordOf(Arg.getAsType())
                                                 : nullptr;
}
} // namespace

bool ApiCatalog::isNeverStopToken(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = plainQualifiedName(RD);
  return llvm::any_of(NeverStopProperties, [&](const NeverStopProperty &P) {
    return P.TokenType == Name;
  });
}

bool ApiCatalog::canReplaceNeverStopToken(llvm::StringRef TokenType) {
  return llvm::any_of(NeverStopProperties, [&](const NeverStopProperty &P) {
    return P.Stoppable == TokenType;
  });
}

bool ApiCatalog::writesNeverStopToken(QualType Env) {
  // prop<get_stop_token_t, never_stop_token>, or such a property among the
  // arguments of a joined environment (env<prop<...>, Other>); older
  // spellings put the value before the query, so the order is free.
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(Env));
  if (!Spec)
    return false;
  llvm::ArrayRef<TemplateArgument> Args = Spec->getTemplateArgs().asArray();
  // A joined environment's arguments are a pack.
  llvm::SmallVector<TemplateArgument, 4> Flat;
  for (const TemplateArgument &Arg : Args) {
    if (Arg.getKind() == TemplateArgument::Pack)
      llvm::append_range(Flat, Arg.pack_elements());
    else
      Flat.push_back(Arg);
  }
  for (const NeverStopProperty &P : NeverStopProperties) {
    bool HasQuery = false, HasToken = false;
    for (const TemplateArgument &Arg : Flat)
      if (const CXXRecordDecl *RD = recordArgument(Arg)) {
        std::string Name = plainQualifiedName(RD);
        HasQuery |= Name == P.Query;
        HasToken |= Name == P.TokenType;
      }
    if (HasQuery && HasToken)
      return true;
  }
  return llvm::any_of(Flat, [](const TemplateArgument &Arg) {
    return Arg.getKind() == TemplateArgument::Type &&
           writesNeverStopToken(Arg.getAsType());
  });
}

bool ApiCatalog::isSlotBoundToken(QualType T) {
  static const llvm::StringSet<> Binders = withBoostSpellings({
#define COROLINT_SLOT_BINDER(Type, Function, Slot) Type,
#include "ApiCatalog.def"
  });
  return recordNamed(T, Binders);
}

bool ApiCatalog::isBindableSlot(QualType T) {
  static const llvm::StringSet<> Slots = withBoostSpellings({
#define COROLINT_SLOT_BINDER(Type, Function, Slot) Slot,
#include "ApiCatalog.def"
  });
  return recordNamed(T, Slots);
}

std::string ApiCatalog::slotBinderFor(llvm::StringRef Api) {
  llvm::StringRef Binder;
#define COROLINT_SLOT_BINDER(Type, Function, Slot)                             \
  if (Binder.empty())                                                          \
    Binder = Function;
#include "ApiCatalog.def"
  if (Api.starts_with("boost::") && Binder.starts_with("asio::"))
    return ("boost::" + Binder).str();
  return Binder.str();
}

llvm::StringRef ApiCatalog::inheritedTokenType(Framework Fw) {
#define COROLINT_TOKEN_INHERITED(F, TokenType)                                 \
  if (Fw == Framework::F)                                                      \
    return TokenType;
#include "ApiCatalog.def"
  return "";
}

bool ApiCatalog::isFrameworkImplementation(const FunctionDecl *FD) {
  // A lambda's call operator belongs to the function it is written in.
  const DeclContext *DC = FD;
  while (const auto *MD = dyn_cast<CXXMethodDecl>(DC)) {
    if (!MD->getParent()->isLambda())
      break;
    DC = MD->getParent()->getDeclContext();
  }
  const auto *Named = dyn_cast<NamedDecl>(Decl::castFromDeclContext(DC));
  if (!Named)
    return false;
  // The implementation lives in the framework's headers; its tests and
  // examples, often written inside its namespace, use it as users do.
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  if (SM.isInMainFile(SM.getExpansionLoc(Named->getLocation())))
    return false;
  std::string Name = plainQualifiedName(Named);
  llvm::StringRef Qualified(Name);
  if (Qualified.contains_insensitive("test") ||
      Qualified.contains_insensitive("example"))
    return false;
  return inFrameworkNamespace(Qualified);
}

llvm::ArrayRef<ApiCategory> ApiCatalog::categories() {
  static const ApiCategory Rows[] = {
#define COROLINT_CATEGORY(Kind, Id, Default, Description)                      \
  {ApiKind::Kind, #Id, CategoryDefault::Default, Description},
#include "ApiCatalog.def"
  };
  return Rows;
}

llvm::ArrayRef<llvm::StringRef> ApiCatalog::knownCategories() {
  static const std::vector<llvm::StringRef> Known = [] {
    std::vector<llvm::StringRef> Ids;
    for (const ApiCategory &C : categories())
      if (C.Kind == ApiKind::Blocking && (C.Default == CategoryDefault::On ||
                                          C.Default == CategoryDefault::Off))
        Ids.push_back(C.Id);
    llvm::sort(Ids);
    return Ids;
  }();
  return Known;
}

llvm::StringRef ApiCatalog::defaultBlockingCategories() {
  static const std::string Default = [] {
    llvm::SmallVector<llvm::StringRef, 12> Ids;
    for (const ApiCategory &C : categories())
      if (C.Kind == ApiKind::Blocking && C.Default == CategoryDefault::On)
        Ids.push_back(C.Id);
    return llvm::join(Ids, ";");
  }();
  return Default;
}

llvm::StringRef ApiCatalog::describeCategory(ApiKind Kind, llvm::StringRef Id) {
  const ApiCategory *User = nullptr;
  for (const ApiCategory &C : categories()) {
    if (C.Kind != Kind)
      continue;
    if (C.Id == Id)
      return C.Description;
    if (C.Id == "user")
      User = &C;
  }
  return User ? User->Description : Id;
}

namespace {

// The class an executor expression names: through references, pointers
// and the smart pointers executors are handed around in
// (std::shared_ptr<thread_pool_executor>, folly's KeepAlive<Executor>).
const CXXRecordDecl *executorRecordOf(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return RD;
  std::string Name = plainQualifiedName(Spec);
  if (Name != "std::shared_ptr" && Name != "std::unique_ptr" &&
      Name != "folly::Executor::KeepAlive")
    return RD;
  const TemplateArgument &Arg = Spec->getTemplateArgs()[0];
  return Arg.getKind() == TemplateArgument::Type ? recordOf(Arg.getAsType())
                                                 : RD;
}

} // namespace

bool ApiCatalog::isFutureType(QualType T) {
  static const llvm::StringSet<> Types = [] {
    llvm::StringSet<> Names;
#define COROLINT_FUTURE_TYPE(Type) Names.insert(Type);
#include "ApiCatalog.def"
    return Names;
  }();
  return isNamedIn(executorRecordOf(T), Types);
}

bool ApiCatalog::isThreadPoolType(QualType T) {
  static const llvm::StringRef Pools[] = {
#define COROLINT_THREAD_POOL(Type) Type,
#include "ApiCatalog.def"
  };
  static const llvm::StringRef PoolNames[] = {
#define COROLINT_THREAD_POOL_NAME(Text) Text,
#include "ApiCatalog.def"
  };
  const CXXRecordDecl *RD = executorRecordOf(T);
  if (!RD)
    return false;
  if (llvm::any_of(Pools, [&](llvm::StringRef Pool) {
        return isOrDerivesFrom(RD, Pool);
      }))
    return true;
  // Only the project's own classes by name: a library's are listed above
  // (concurrencpp's thread_pool_executor serves blocking work too).
  const SourceManager &SM = RD->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(RD->getLocation()) || !RD->getIdentifier() ||
      inFrameworkNamespace(plainQualifiedName(RD)))
    return false;
  std::string Name = RD->getName().lower();
  return llvm::any_of(PoolNames, [&](llvm::StringRef Text) {
    return llvm::StringRef(Name).contains(Text);
  });
}

const Expr *ApiCatalog::boundExecutorOf(const Expr *Token) {
  static const llvm::StringSet<> Binders = [] {
    llvm::StringSet<> Names;
#define COROLINT_EXECUTOR_BINDER(Name)                                         \
  Names.insert(Name);                                                          \
  if (std::string Boost = boostAsioSpelling(Name); !Boost.empty())             \
    Names.insert(Boost);
#include "ApiCatalog.def"
    return Names;
  }();
  const auto *Call =
      dyn_cast_or_null<CallExpr>(Token ? stripWrappers(Token) : nullptr);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() < 2 ||
      !Binders.contains(plainQualifiedName(Callee)))
    return nullptr;
  return Call->getArg(0);
}

bool ApiCatalog::isPoolHopMethodCall(const Expr *Call) {
  static const llvm::StringRef Methods[] = {
#define COROLINT_POOL_HOP_METHOD(Method) Method,
#include "ApiCatalog.def"
  };
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
  const CXXMethodDecl *Method = MC ? MC->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || MC->getNumArgs() != 0 ||
      !llvm::is_contained(Methods, Method->getName()))
    return false;
  return isThreadPoolType(MC->getImplicitObjectArgument()->getType());
}

std::optional<ApiMatch>
ApiCatalog::lookupBlockingByName(const FunctionDecl *Callee) const {
  static const llvm::StringRef Affixes[] = {
#define COROLINT_BLOCKING_NAME(Affix) Affix,
#include "ApiCatalog.def"
  };
  // Only a declaration the translation unit cannot see into: a body says
  // what the function does better than its name.
  if (!Callee || !Callee->getIdentifier() || Callee->hasBody() ||
      Callee->getASTContext().getSourceManager().isInSystemHeader(
          Callee->getCanonicalDecl()->getLocation()))
    return std::nullopt;
  llvm::StringRef Name = Callee->getName();
  bool Named = false;
  for (llvm::StringRef Affix : Affixes) {
    if (Affix.consume_front("-")) {
      if (Name.ends_with(Affix))
        return std::nullopt;
      continue;
    }
    Named |=
        Affix.ends_with("_") ? Name.starts_with(Affix) : Name.ends_with(Affix);
  }
  if (!Named || Allowed.contains(plainQualifiedName(Callee)) ||
      annotatedBlockingCategory(Callee) == "-")
    return std::nullopt;
  ApiMatch Match;
  Match.Entry = &NamedBlocking;
  Match.Name = Match.DisplayName = plainQualifiedName(Callee);
  Match.Callee = Callee;
  return Match;
}

void ApiCatalog::addBlockingPool(llvm::StringRef Name) {
  Name = Name.trim();
  Name.consume_front("::");
  if (!Name.empty())
    DesignatedBlockingPools.insert(Name);
}

bool ApiCatalog::isDesignatedBlockingPool(const Expr *Executor) const {
  if (!Executor)
    return false;
  Executor = stripWrappers(Executor);
  auto Designated = [&](const NamedDecl *D) {
    return D && (hasBlockingPoolAnnotation(D) ||
                 DesignatedBlockingPools.contains(plainQualifiedName(D)));
  };
  if (const auto *Call = dyn_cast<CallExpr>(Executor)) {
    if (lookup(Call, ApiKind::BlockingPool))
      return true;
    if (Designated(Call->getDirectCallee()))
      return true;
  }
  if (Designated(referencedDecl(Executor)))
    return true;
  const CXXRecordDecl *RD = executorRecordOf(Executor->getType());
  if (!RD)
    return false;
  if (hasBlockingPoolAnnotation(RD))
    return true;
  return llvm::any_of(DesignatedBlockingPools, [&](const auto &Entry) {
    return isOrDerivesFrom(RD, Entry.getKey());
  });
}

const ApiEntry *ApiCatalog::find(llvm::StringRef Name, ApiKind Kind) const {
  // Built-in rows first, then the user's: as when both were one list with
  // the user's appended.
  for (const auto *Index : {&Builtin.ByName, &UserByName}) {
    auto It = Index->find(Name);
    if (It == Index->end())
      continue;
    for (const ApiEntry *E : It->second)
      if (E->Kind == Kind)
        return E;
  }
  return nullptr;
}

bool hasBlockingPoolAnnotation(const Decl *D) {
  if (!D)
    return false;
  auto Annotated = [](const Decl *X) {
    return llvm::any_of(X->specific_attrs<AnnotateAttr>(),
                        [](const AnnotateAttr *A) {
                          return A->getAnnotation() == BlockingPoolAnnotation;
                        });
  };
  for (const Decl *Redecl : D->redecls())
    if (Annotated(Redecl))
      return true;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      return Annotated(Pattern);
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return Annotated(Spec->getSpecializedTemplate()->getTemplatedDecl());
  return false;
}

std::string annotatedBlockingCategory(const FunctionDecl *FD) {
  auto Scan = [](const FunctionDecl *D) -> std::string {
    for (const FunctionDecl *Redecl : D->redecls())
      for (const auto *A : Redecl->specific_attrs<AnnotateAttr>()) {
        llvm::StringRef Ann = A->getAnnotation();
        if (Ann == "corolint::nonblocking")
          return "-";
        // An executor (or the function) designated for blocking work.
        if (Ann == BlockingPoolAnnotation)
          continue;
        if (Ann.consume_front("corolint::blocking"))
          return Ann.consume_front(":") && !Ann.empty() ? Ann.str()
                                                        : "annotated";
      }
    return "";
  };
  std::string Result = Scan(FD);
  if (Result.empty())
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      Result = Scan(Pattern);
  return Result;
}

const Expr *receiverOf(const Expr *Call) {
  // The static type users wrote matters (an ifstream passed where an
  // istream& is expected), so derived-to-base conversions are looked
  // through.
  const Expr *Receiver = nullptr;
  if (calledFunctionObject(Call))
    Receiver = cast<CallExpr>(Call)->getNumArgs() > 1
                   ? cast<CallExpr>(Call)->getArg(1)
                   : nullptr;
  else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    Receiver = MC->getImplicitObjectArgument();
  else if (const auto *CE = dyn_cast<CallExpr>(Call))
    Receiver = CE->getNumArgs() > 0 ? CE->getArg(0) : nullptr;
  else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call))
    Receiver = Ctor->getNumArgs() > 0 ? Ctor->getArg(0) : nullptr;
  return Receiver ? Receiver->IgnoreParenImpCasts() : nullptr;
}

const VarDecl *calledFunctionObject(const Expr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // Library function objects live at namespace scope; a local
  // `std::function<void()> read` is not POSIX read.
  if (!VD || !VD->getDeclContext()->getRedeclContext()->isNamespace())
    return nullptr;
  return VD;
}

const ApiEntry *ApiCatalog::Rows::of(ApiKind Kind) const {
  for (const auto *List : {Builtin, User})
    if (List)
      for (const ApiEntry *E : *List)
        if (E->Kind == Kind)
          return E;
  return nullptr;
}

ApiCatalog::Rows ApiCatalog::rowsNamed(llvm::StringRef Name) const {
  // StringMap entries never move: the pointers stay valid while the maps
  // are only read, which they are once the options are parsed.
  Rows Result;
  if (auto It = Builtin.ByName.find(Name); It != Builtin.ByName.end())
    Result.Builtin = &It->second;
  if (auto It = UserByName.find(Name); It != UserByName.end())
    Result.User = &It->second;
  return Result;
}

const ApiCatalog::CalleeFacts &
ApiCatalog::calleeFacts(const FunctionDecl *Callee,
                        const VarDecl *FunctionObject) const {
  const ASTContext *Ctx = &Callee->getASTContext();
  if (MemoContext != Ctx) {
    startTranslationUnit();
    MemoContext = Ctx;
  }
  auto [It, Inserted] = CalleeMemo.try_emplace({Callee, FunctionObject});
  CalleeFacts &F = It->second;
  if (!Inserted)
    return F;
  F.Annotated = annotatedBlockingCategory(Callee);
  // A function object (a customisation point object such as
  // stdexec::sync_wait) is catalogued under the object's name.
  F.Name = FunctionObject ? plainQualifiedName(FunctionObject)
                          : plainQualifiedName(Callee);
  F.Excluded = F.Annotated == "-" || Allowed.contains(F.Name);
  F.ByName = rowsNamed(F.Name);
  F.SystemCFunction = isSystemCFunction(Callee);
  F.GrpcSyncStub = isGrpcSyncStubCall(Callee);
  return F;
}

const ApiCatalog::ReceiverFacts &
ApiCatalog::receiverFacts(const CXXRecordDecl *Receiver,
                          const FunctionDecl *Callee) const {
  // Only asked after calleeFacts, which set MemoContext for this AST.
  auto [It, Inserted] = ReceiverMemo.try_emplace({Receiver, Callee});
  ReceiverFacts &F = It->second;
  if (!Inserted)
    return F;
  F.Name =
      plainQualifiedName(Receiver) + "::" + Callee->getDeclName().getAsString();
  F.Excluded = Allowed.contains(F.Name);
  F.ByName = rowsNamed(F.Name);
  return F;
}

std::optional<ApiMatch> ApiCatalog::lookup(const Expr *Call,
                                           ApiKind Kind) const {
  const FunctionDecl *Callee = nullptr;
  bool IsConstructor = false;
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    Callee = CE->getDirectCallee();
  } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call)) {
    // Only constructors given arguments open files or take locks.
    if (Ctor->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(Ctor->getArg(0)))
      return std::nullopt;
    Callee = Ctor->getConstructor();
    IsConstructor = true;
  }
  if (!Callee)
    return std::nullopt;

  const VarDecl *FunctionObject = calledFunctionObject(Call);
  const CalleeFacts &Facts = calleeFacts(Callee, FunctionObject);
  if (Facts.Excluded)
    return std::nullopt;
  const std::string &Name = Facts.Name;

  if (!Facts.Annotated.empty()) {
    if (Kind != ApiKind::Blocking)
      return std::nullopt;
    ApiMatch Match;
    Match.Callee = Callee;
    Match.DisplayName = Match.Name = Name;
    // Annotations are rare; a per-category entry is created on demand and
    // kept so the match can point at it.
    for (const auto &E : AnnotationEntries)
      if (E->Category == Facts.Annotated) {
        Match.Entry = E.get();
        return Match;
      }
    auto &Self = const_cast<ApiCatalog &>(*this);
    Self.AnnotationEntries.push_back(
        std::make_unique<ApiEntry>(ApiEntry{ApiKind::Blocking,
                                            Facts.Annotated,
                                            "",
                                            {},
                                            "its asynchronous counterpart"}));
    Match.Entry = Self.AnnotationEntries.back().get();
    return Match;
  }

  const ApiEntry *Direct = Facts.ByName.of(Kind);
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  bool ViaReceiverApplies =
      Method && !IsConstructor && !FunctionObject && Callee->getDeclName();
  // Most calls are of nothing in the catalog: no receiver to look at.
  if (!Direct && !ViaReceiverApplies &&
      !(Kind == ApiKind::Blocking && Facts.GrpcSyncStub))
    return std::nullopt;

  const Expr *Receiver = receiverOf(Call);
  const CXXRecordDecl *ReceiverRecord =
      Receiver ? recordOf(Receiver->getType()) : nullptr;

  ApiMatch Match;
  Match.Callee = Callee;
  Match.DisplayName = Name;

  auto Accept = [&](const ApiEntry *E, llvm::StringRef MatchedName) -> bool {
    if (!E)
      return false;
    if (!llvm::StringRef(E->Name).contains("::") && !Facts.SystemCFunction)
      return false;
    if (!receiverMatches(ReceiverRecord, E->Receivers))
      return false;
    Match.Entry = E;
    Match.Name = MatchedName.str();
    return true;
  };

  if (Accept(Direct, Name))
    return Match;

  // A method inherited from an implementation base (std::__basic_future)
  // is catalogued under the class users name (std::future).
  if (ViaReceiverApplies && ReceiverRecord) {
    const ReceiverFacts &Via = receiverFacts(ReceiverRecord, Callee);
    if (Via.Excluded)
      return std::nullopt;
    if (Via.Name != Name && Accept(Via.ByName.of(Kind), Via.Name)) {
      Match.DisplayName = Via.Name;
      return Match;
    }
  }
  if (Kind == ApiKind::Blocking && Facts.GrpcSyncStub) {
    Match.Entry = find(GrpcSyncStubName, Kind);
    Match.Name = GrpcSyncStubName;
    return Match.Entry ? std::optional<ApiMatch>(Match) : std::nullopt;
  }
  return std::nullopt;
}

} // namespace clang::tidy::corolint
