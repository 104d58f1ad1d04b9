//===--- AsyncRewrite.cpp - Turning a blocking call into co_await ---------===//

#include "AsyncRewrite.h"
#include "ApiCatalog.h"
#include "Names.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::corolint {

std::string spelledText(const Expr *E, const ASTContext &Ctx) {
  SourceRange R = E->getSourceRange();
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return std::string();
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

namespace {

// asio's synchronous overloads report errors through a trailing
// `error_code&`; the asynchronous form takes it via redirect_error.
bool isErrorCodeOutParam(const ParmVarDecl *P) {
  QualType T = P->getType();
  if (!T->isLValueReferenceType() || T.getNonReferenceType().isConstQualified())
    return false;
  return ApiCatalog::isErrorCodeType(T);
}

} // namespace

std::optional<std::string> expandPlaceholders(
    llvm::StringRef Template,
    llvm::ArrayRef<std::pair<llvm::StringRef, std::string>> Values) {
  std::string Out;
  for (size_t I = 0; I < Template.size();) {
    if (Template[I] != '{') {
      Out += Template[I++];
      continue;
    }
    size_t Close = Template.find('}', I);
    if (Close == llvm::StringRef::npos)
      return std::nullopt;
    llvm::StringRef Key = Template.slice(I + 1, Close);
    const auto *It =
        llvm::find_if(Values, [&](const auto &KV) { return KV.first == Key; });
    if (It == Values.end())
      return std::nullopt;
    Out += It->second;
    I = Close + 1;
  }
  return Out;
}

std::optional<std::string>
expandRewrite(llvm::StringRef Template, const Expr *Call, Framework Fw,
              const ASTContext &Ctx,
              llvm::function_ref<std::string(const Expr *)> TextOf) {
  auto Spell = [&](const Expr *E) {
    return TextOf ? TextOf(E) : spelledText(E, Ctx);
  };
  const auto *CE = dyn_cast<CallExpr>(Call);
  if (!CE)
    return std::nullopt;
  const FunctionDecl *Callee = CE->getDirectCallee();

  std::string Recv;
  unsigned FirstArg = 0;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
    if (!ME || ME->isImplicitAccess())
      return std::nullopt;
    Recv = Spell(ME->getBase());
    if (Recv.empty())
      return std::nullopt;
    Recv += ME->isArrow() ? "->" : ".";
  } else if (isa<CXXOperatorCallExpr>(CE)) {
    return std::nullopt;
  }

  std::vector<std::string> Args;
  std::string ErrorCode;
  for (unsigned I = FirstArg, N = CE->getNumArgs(); I < N; ++I) {
    const Expr *Arg = CE->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      break;
    std::string Text = Spell(Arg);
    if (Text.empty())
      return std::nullopt;
    if (I + 1 == N && Callee && I < Callee->getNumParams() &&
        isErrorCodeOutParam(Callee->getParamDecl(I))) {
      ErrorCode = Text;
      break;
    }
    Args.push_back(Text);
  }

  llvm::StringRef NS = asioNamespace(Fw);
  // Why not the catalog: this is the {token} placeholder's expansion, which
  // ApiCatalog.def documents for every rewrite template.
  std::string Token;
  if (!NS.empty())
    Token = ErrorCode.empty() ? (NS + "::use_awaitable").str()
                              : (NS + "::redirect_error(" + NS +
                                 "::use_awaitable, " + ErrorCode + ")")
                                    .str();
  else if (!ErrorCode.empty())
    return std::nullopt; // Only asio has a token to carry the error_code.

  std::string JoinedArgs, Lead;
  for (const std::string &A : Args) {
    if (!JoinedArgs.empty())
      JoinedArgs += ", ";
    JoinedArgs += A;
    Lead += A + ", ";
  }

  llvm::SmallVector<std::pair<llvm::StringRef, std::string>, 5> Values = {
      {"recv", Recv}, {"args", JoinedArgs}, {"lead", Lead}};
  if (!NS.empty())
    Values.push_back({"ns", NS.str()});
  if (!Token.empty())
    Values.push_back({"token", Token});
  return expandPlaceholders(Template, Values);
}

bool acceptsDefaultAsioToken(const AsyncContext &Ctx) {
  if (!Ctx.isCoroutine() || asioNamespace(Ctx.Fw).empty())
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Ctx.Function->getReturnType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 2)
    return false;
  // use_awaitable is use_awaitable_t<any_io_executor>; an awaitable on
  // another executor needs a token of its own.
  const TemplateArgument &Executor = Spec->getTemplateArgs()[1];
  if (Executor.getKind() != TemplateArgument::Type)
    return false;
  std::string Spelled = Executor.getAsType().getCanonicalType().getAsString();
  // any_io_executor is a class in asio >= 1.19 and an alias of
  // execution::any_executor<...> before.
  return llvm::StringRef(Spelled).contains("any_io_executor") ||
         llvm::StringRef(Spelled).contains("any_executor<");
}

std::optional<FixItHint>
replaceCallFixIt(const Expr *Call, llvm::StringRef Replacement,
                 llvm::ArrayRef<const Stmt *> Ancestors) {
  SourceRange R = Call->getSourceRange();
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return std::nullopt;
  bool NeedsParens = false;
  for (size_t I = Ancestors.size(); I-- > 0;) {
    const auto *Parent = dyn_cast<Expr>(Ancestors[I]);
    if (!Parent)
      break;
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups>(Parent))
      continue;
    // `co_await x.f().g()` would await the result of g.
    NeedsParens = isa<MemberExpr, ArraySubscriptExpr>(Parent) ||
                  (isa<UnaryOperator>(Parent) &&
                   cast<UnaryOperator>(Parent)->isPostfix());
    break;
  }
  std::string Text =
      NeedsParens ? "(" + Replacement.str() + ")" : Replacement.str();
  return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(R), Text);
}

} // namespace clang::tidy::corolint
