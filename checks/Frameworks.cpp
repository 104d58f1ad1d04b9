//===--- Frameworks.cpp - Which coroutine library a type belongs to -------===//

#include "Frameworks.h"
#include "Names.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
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
  if (F == Framework::Asio)
    return "asio";
  if (F == Framework::BoostAsio)
    return "boost::asio";
  return "";
}

namespace {

struct KnownType {
  llvm::StringLiteral Name;
  Framework Fw;
  bool IsTask;
  bool IsLazy;
  bool IsFireAndForget;
};

// Task and future templates of the frameworks corolint knows by name. Types
// not listed here are still recognised by shape (promise_type, awaiter
// members, [[clang::coro_return_type]]).
constexpr KnownType KnownTypes[] = {
    {"asio::awaitable", Framework::Asio, true, true, false},
    {"boost::asio::awaitable", Framework::BoostAsio, true, true, false},
    {"folly::coro::Task", Framework::Folly, true, true, false},
    {"folly::coro::TaskWithExecutor", Framework::Folly, true, true, false},
    {"folly::SemiFuture", Framework::Folly, false, false, false},
    {"folly::Future", Framework::Folly, false, false, false},
    {"cppcoro::task", Framework::Cppcoro, true, true, false},
    {"cppcoro::shared_task", Framework::Cppcoro, true, true, false},
    {"exec::task", Framework::Stdexec, true, true, false},
    {"coro::task", Framework::Libcoro, true, true, false},
    {"boost::cobalt::task", Framework::Cobalt, true, true, false},
    {"boost::cobalt::promise", Framework::Cobalt, true, false, false},
    {"boost::cobalt::detached", Framework::Cobalt, true, false, true},
    {"async_simple::coro::Lazy", Framework::AsyncSimple, true, true, false},
    {"seastar::future", Framework::Seastar, false, false, false},
    {"winrt::fire_and_forget", Framework::Generic, true, false, true},
    {"drogon::AsyncTask", Framework::Generic, true, false, true},
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

TaskTypeInfo classifyType(QualType T,
                          llvm::ArrayRef<std::string> ExtraTaskTypes) {
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
    Info.IsTask = Known.IsTask;
    Info.IsAwaitable = !Known.IsFireAndForget;
    Info.IsLazy = Known.IsLazy;
    Info.IsFireAndForget = Known.IsFireAndForget;
    return Info;
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
  if (hasCoAwaitOperator(RD) || (hasMemberNamed(RD, "await_ready") &&
                                 hasMemberNamed(RD, "await_suspend") &&
                                 hasMemberNamed(RD, "await_resume"))) {
    Info.Fw = Framework::Generic;
    Info.IsAwaitable = true;
  }
  // Whether an unknown task type is lazy depends on its promise's
  // initial_suspend, which the checks that care inspect themselves.
  return Info;
}

} // namespace clang::tidy::corolint
