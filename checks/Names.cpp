//===--- Names.cpp - Template-agnostic qualified names --------------------===//

#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::corolint {

std::string plainQualifiedName(const NamedDecl *D) {
  // Constructors are named after their class; operators, destructors and
  // conversion functions have no identifier and keep their spelled name.
  std::string Leaf;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D))
    Leaf = Ctor->getParent()->getName().str();
  else if (const IdentifierInfo *II = D->getIdentifier())
    Leaf = II->getName().str();
  else
    Leaf = D->getDeclName().getAsString();
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Parts.push_back(Leaf);
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (!RD->getIdentifier())
        continue;
      Parts.push_back(RD->getName());
    } else if (isa<LinkageSpecDecl>(DC) || isa<ExportDecl>(DC)) {
      continue;
    } else if (!isa<TranslationUnitDecl>(DC)) {
      // Function-local declarations are not catalog material.
      break;
    }
  }
  std::string Result;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Result.empty())
      Result += "::";
    Result += *It;
  }
  return Result;
}

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  return T->getAsCXXRecordDecl();
}

bool isOrDerivesFrom(const CXXRecordDecl *Record, llvm::StringRef Name) {
  if (!Record)
    return false;
  if (plainQualifiedName(Record) == Name)
    return true;
  if (!Record->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (isOrDerivesFrom(recordOf(Base.getType()), Name))
      return true;
  return false;
}

std::string writtenText(SourceRange R, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(
      SM.getExpansionRange(R.getBegin()).getBegin(),
      SM.getExpansionRange(R.getEnd()).getEnd());
  return Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
}

// Why not the catalog: this is the naming rule the catalog's rows rely on
// (Boost.Asio is asio under boost::), not a name of its own.
std::string boostAsioSpelling(llvm::StringRef Name) {
  if (Name.starts_with("asio::"))
    return ("boost::" + Name).str();
  return std::string();
}

const Expr *stripWrappers(const Expr *E) {
  while (true) {
    const Expr *Inner = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
      Inner = Cleanups->getSubExpr();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Inner))
      Inner = Cast->getSubExpr();
    if (Inner == E)
      return E;
    E = Inner;
  }
}

const ValueDecl *referencedDecl(const Expr *E) {
  E = stripWrappers(E);
  // A copy or move of `x` (a shared_ptr passed by value) still names x.
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
      Copy && Copy->getNumArgs() == 1 && Copy->getConstructor() &&
      Copy->getConstructor()->isCopyOrMoveConstructor())
    return referencedDecl(Copy->getArg(0));
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    return referencedDecl(Call->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl()->getIdentifier() ? Ref->getDecl() : nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getIdentifier() ? Member->getMemberDecl()
                                                    : nullptr;
  return nullptr;
}

llvm::StringSet<> parseNameSet(llvm::StringRef Raw) {
  llvm::StringSet<> Set;
  for (llvm::StringRef Name : utils::options::parseStringList(Raw))
    Set.insert(Name.trim());
  return Set;
}

std::vector<std::string> parsePlainQualifiedNames(llvm::StringRef Raw) {
  std::vector<std::string> Names;
  for (llvm::StringRef Name : utils::options::parseStringList(Raw)) {
    Name = Name.trim();
    Name.consume_front("::");
    if (!Name.empty())
      Names.push_back(Name.str());
  }
  return Names;
}

bool isQualifiedName(llvm::StringRef Name) {
  static const llvm::Regex QualifiedName(
      "^(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$");
  return QualifiedName.match(Name);
}

llvm::SmallVector<llvm::StringRef, 1>
invalidQualifiedNames(llvm::StringRef Raw) {
  llvm::SmallVector<llvm::StringRef, 1> Invalid;
  for (llvm::StringRef Name : utils::options::parseStringList(Raw))
    if (!Name.trim().empty() && !isQualifiedName(Name.trim()))
      Invalid.push_back(Name.trim());
  return Invalid;
}

} // namespace clang::tidy::corolint
