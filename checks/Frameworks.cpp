//===--- Frameworks.cpp - Which coroutine library a type belongs to -------===//

#include "Frameworks.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::corolint {

llvm::StringRef frameworkName(Framework F) {
  switch (F) {
  case Framework::None:
    return "none";
  case Framework::Asio:
    return "asio";
  case Framework::BoostAsio:
    return "Boost.Asio";
  case Framework::Folly:
    return "folly";
  case Framework::Cppcoro:
    return "cppcoro";
  case Framework::Stdexec:
    return "stdexec";
  case Framework::Libcoro:
    return "libcoro";
  case Framework::Cobalt:
    return "Boost.Cobalt";
  case Framework::AsyncSimple:
    return "async_simple";
  case Framework::Seastar:
    return "seastar";
  case Framework::Generic:
    return "generic";
  }
  llvm_unreachable("unknown framework");
}

llvm::StringRef asioNamespace(Framework F) {
  // Why not the catalog: these are the frameworks' own namespaces, which
  // the Framework enum stands for; catalog rows are spelled under them.
  if (F == Framework::Asio)
    return "asio";
  if (F == Framework::BoostAsio)
    return "boost::asio";
  return "";
}

Framework asioFlavourOf(llvm::StringRef QualifiedName) {
  for (Framework F : {Framework::Asio, Framework::BoostAsio})
    if (QualifiedName.starts_with(asioNamespace(F)) &&
        QualifiedName.drop_front(asioNamespace(F).size()).starts_with("::"))
      return F;
  return Framework::None;
}

namespace {

/// How a type known by name behaves (COROLINT_TASK_TYPE's Kind).
enum class KnownTaskKind { LazyTask, EagerTask, Future, FireAndForget };

struct KnownType {
  llvm::StringLiteral Name;
  Framework Fw;
  KnownTaskKind Kind;
};

constexpr KnownType KnownTypes[] = {
#define COROLINT_TASK_TYPE(Name, Fw, Kind)                                     \
  {Name, Framework::Fw, KnownTaskKind::Kind},
#include "ApiCatalog.def"
};

bool hasMemberNamed(const CXXRecordDecl *RD, llvm::StringRef Name) {
  if (!RD || !RD->hasDefinition())
    return false;
  const IdentifierInfo &II = RD->getASTContext().Idents.get(Name);
  DeclarationName DN(&II);
  if (!RD->lookup(DN).empty())
    return true;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (hasMemberNamed(recordOf(Base.getType()), Name))
      return true;
  return false;
}

bool hasCoAwaitOperator(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  DeclarationName Op =
      RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Coawait);
  return !RD->lookup(Op).empty();
}

} // namespace

namespace {

const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  RD = RD->getDefinition();
  const IdentifierInfo &II = RD->getASTContext().Idents.get(Name);
  for (const NamedDecl *D : RD->lookup(DeclarationName(&II)))
    return D;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const NamedDecl *D = findMember(recordOf(Base.getType()), Name))
      return D;
  return nullptr;
}

const CXXMethodDecl *findMethod(const CXXRecordDecl *RD, llvm::StringRef Name) {
  const NamedDecl *D = findMember(RD, Name);
  if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(D))
    D = Template->getTemplatedDecl();
  return dyn_cast_or_null<CXXMethodDecl>(D);
}

// `bool await_ready() { return true; }` and the like.
std::optional<bool> constantAwaitReady(const CXXRecordDecl *Awaiter) {
  const CXXMethodDecl *Ready = findMethod(Awaiter, "await_ready");
  if (!Ready)
    return std::nullopt;
  const FunctionDecl *Def = Ready->getDefinition();
  const auto *Body =
      dyn_cast_or_null<CompoundStmt>(Def ? Def->getBody() : nullptr);
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *Value = Return ? Return->getRetValue() : nullptr;
  if (const auto *Literal = dyn_cast_or_null<CXXBoolLiteralExpr>(
          Value ? Value->IgnoreImpCasts() : nullptr))
    return Literal->getValue();
  return std::nullopt;
}

PromiseInfo::Start startOf(const CXXRecordDecl *Promise) {
  const CXXMethodDecl *Initial = findMethod(Promise, "initial_suspend");
  if (!Initial)
    return PromiseInfo::Start::Unknown;
  const CXXRecordDecl *Awaiter = recordOf(Initial->getReturnType());
  if (!Awaiter)
    return PromiseInfo::Start::Unknown;
  std::string Name = plainQualifiedName(Awaiter);
  // Why not the catalog: the standard's two trivial awaitables belong to the
  // language's coroutine support, which this file models.
  if (Name == "std::suspend_always")
    return PromiseInfo::Start::Suspended;
  if (Name == "std::suspend_never")
    return PromiseInfo::Start::Running;
  if (std::optional<bool> Ready = constantAwaitReady(Awaiter))
    return *Ready ? PromiseInfo::Start::Running : PromiseInfo::Start::Suspended;
  return PromiseInfo::Start::Unknown;
}

bool isAwaitableByShape(const CXXRecordDecl *RD) {
  return hasCoAwaitOperator(RD) || (hasMemberNamed(RD, "await_ready") &&
                                    hasMemberNamed(RD, "await_suspend") &&
                                    hasMemberNamed(RD, "await_resume"));
}

} // namespace

std::optional<PromiseInfo> promiseOf(QualType T) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  const NamedDecl *Member = findMember(RD, "promise_type");
  if (!Member)
    return std::nullopt;
  const CXXRecordDecl *Promise = nullptr;
  if (const auto *Nested = dyn_cast<CXXRecordDecl>(Member))
    Promise = Nested;
  else if (const auto *Alias = dyn_cast<TypedefNameDecl>(Member))
    Promise = recordOf(Alias->getUnderlyingType());
  if (!Promise || !Promise->hasDefinition())
    return std::nullopt;
  PromiseInfo Info;
  Info.Promise = Promise->getDefinition();
  Info.InitialSuspend = startOf(Info.Promise);
  Info.HasAwaitTransform = hasMemberNamed(Info.Promise, "await_transform");
  if (const CXXMethodDecl *Handler =
          findMethod(Info.Promise, "unhandled_exception")) {
    const FunctionDecl *Def = Handler->getDefinition();
    Info.UnhandledException = cast<CXXMethodDecl>(Def ? Def : Handler);
    if (const auto *Body =
            dyn_cast_or_null<CompoundStmt>(Def ? Def->getBody() : nullptr))
      Info.SwallowsExceptions = Body->body_empty();
  }
  return Info;
}

bool isFireAndForgetByShape(QualType T) {
  if (T.isNull() || T->isDependentType())
    return false;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || isAwaitableByShape(RD))
    return false;
  // A member could hold the coroutine handle or a future to join.
  if (!RD->getDefinition()->isEmpty())
    return false;
  std::optional<PromiseInfo> Promise = promiseOf(T);
  return Promise && Promise->InitialSuspend == PromiseInfo::Start::Running;
}

bool isAwaitableIn(QualType Awaited, const FunctionDecl *Coroutine) {
  if (!Coroutine)
    return false;
  QualType CoroutineType = Coroutine->getReturnType();
  TaskTypeInfo Task = classifyType(Awaited);
  TaskTypeInfo Context = classifyType(CoroutineType);
  if (!Task.IsAwaitable || Context.Fw == Framework::None)
    return false;
  if (Task.Fw != Framework::Generic && Task.Fw == Context.Fw) {
    if (asioNamespace(Task.Fw).empty())
      return true;
    // asio::awaitable<T, Executor> is only awaitable in a coroutine on the
    // same executor type.
    const auto *AwaitedSpec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Awaited.getNonReferenceType()->getAsCXXRecordDecl());
    const auto *ContextSpec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        CoroutineType->getAsCXXRecordDecl());
    if (!AwaitedSpec || !ContextSpec ||
        AwaitedSpec->getTemplateArgs().size() < 2 ||
        ContextSpec->getTemplateArgs().size() < 2)
      return false;
    const TemplateArgument &A = AwaitedSpec->getTemplateArgs()[1];
    const TemplateArgument &B = ContextSpec->getTemplateArgs()[1];
    return A.getKind() == TemplateArgument::Type &&
           B.getKind() == TemplateArgument::Type &&
           A.getAsType().getCanonicalType() == B.getAsType().getCanonicalType();
  }
  // Across frameworks only a real awaiter works, and only if the
  // coroutine's promise does not filter what it awaits.
  if (!isAwaitableByShape(Awaited.getNonReferenceType()->getAsCXXRecordDecl()))
    return false;
  std::optional<PromiseInfo> Promise = promiseOf(CoroutineType);
  return Promise && !Promise->HasAwaitTransform;
}

TaskTypeInfo classifyType(QualType T,
                          llvm::ArrayRef<std::string> ExtraTaskTypes,
                          llvm::ArrayRef<std::string> ExtraFireAndForgetTypes) {
  TaskTypeInfo Info;
  if (T.isNull() || T->isDependentType())
    return Info;
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return Info;
  std::string Name = plainQualifiedName(RD);
  for (const KnownType &Known : KnownTypes) {
    if (Name != Known.Name)
      continue;
    Info.Fw = Known.Fw;
    Info.IsTask = Known.Kind != KnownTaskKind::Future;
    Info.IsAwaitable = Known.Kind != KnownTaskKind::FireAndForget;
    Info.IsLazy = Known.Kind == KnownTaskKind::LazyTask;
    Info.IsFireAndForget = Known.Kind == KnownTaskKind::FireAndForget;
    return Info;
  }
  for (const std::string &Extra : ExtraFireAndForgetTypes) {
    if (Name == Extra) {
      Info.Fw = Framework::Generic;
      Info.IsTask = Info.IsFireAndForget = true;
      return Info;
    }
  }
  for (const std::string &Extra : ExtraTaskTypes) {
    if (Name == Extra) {
      Info.Fw = Framework::Generic;
      Info.IsTask = Info.IsAwaitable = Info.IsLazy = true;
      return Info;
    }
  }
  const CXXRecordDecl *Pattern = RD;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (RD->hasAttr<CoroReturnTypeAttr>() ||
      Pattern->hasAttr<CoroReturnTypeAttr>() ||
      hasMemberNamed(RD, "promise_type")) {
    Info.Fw = Framework::Generic;
    Info.IsTask = true;
  }
  if (isAwaitableByShape(RD)) {
    Info.Fw = Framework::Generic;
    Info.IsAwaitable = true;
  }
  if (Info.IsTask) {
    if (std::optional<PromiseInfo> Promise = promiseOf(T))
      Info.IsLazy = Promise->InitialSuspend == PromiseInfo::Start::Suspended;
    Info.IsFireAndForget = isFireAndForgetByShape(T);
  }
  return Info;
}

TaskTypeInfo TypeModel::classify(QualType T) const {
  // classifyType reads nothing of T but the class it names.
  if (T.isNull() || T->isDependentType())
    return TaskTypeInfo();
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return TaskTypeInfo();
  if (const ASTContext *Ctx = &RD->getASTContext(); MemoContext != Ctx) {
    startTranslationUnit();
    MemoContext = Ctx;
  }
  auto [It, Inserted] = Memo.try_emplace(RD);
  if (Inserted)
    It->second = classifyType(T, TaskTypes, FireAndForgetTypes);
  return It->second;
}

TypeModel readTypeModel(const ClangTidyCheck::OptionsView &Options,
                        const ClangTidyCheck &Check,
                        llvm::StringRef CheckName) {
  TypeModel Model;
  Model.RawTaskTypes = Options.getLocalOrGlobal("TaskTypes", "").str();
  Model.RawFireAndForgetTypes =
      Options.getLocalOrGlobal("FireAndForgetTypes", "").str();
  auto Read = [&](llvm::StringRef Option, llvm::StringRef Raw,
                  std::vector<std::string> &Names) {
    for (llvm::StringRef Invalid : invalidQualifiedNames(Raw))
      Check.configurationDiag("invalid configuration value '%0' for option "
                              "'%1.%2'; expected qualified type names")
          << Invalid << CheckName << Option;
    Names = parsePlainQualifiedNames(Raw);
  };
  Read("TaskTypes", Model.RawTaskTypes, Model.TaskTypes);
  Read("FireAndForgetTypes", Model.RawFireAndForgetTypes,
       Model.FireAndForgetTypes);
  return Model;
}

} // namespace clang::tidy::corolint
