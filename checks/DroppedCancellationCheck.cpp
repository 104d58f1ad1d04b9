//===--- DroppedCancellationCheck.cpp - coro-dropped-cancellation ---------===//

#include "DroppedCancellationCheck.h"
#include "ApiCatalog.h"
#include "Names.h"
#include "SuspensionFlow.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Regex.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

using Token = DroppedCancellationCheck::AvailableToken;

std::string typeNameOf(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD ? plainQualifiedName(RD) : std::string();
}

// The statements the user wrote: a coroutine's body without the promise
// machinery (whose parameter copies name every parameter).
const Stmt *userBody(const FunctionDecl *FD) {
  const Stmt *Body = FD->getBody();
  if (const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coro->getBody();
  return Body;
}

const CXXRecordDecl *closureOf(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->getParent()->isLambda() ? MD->getParent() : nullptr;
}

// "'worker'", "this lambda": the function whose cancellation is lost.
std::string describeFunction(const FunctionDecl *FD) {
  if (closureOf(FD))
    return "this lambda";
  return "'" + FD->getNameAsString() + "'";
}

// The callee and the written arguments of a call or construction; the
// arguments line up with the callee's parameters. Operator calls are left
// out: their operands are not where a token goes.
struct CallShape {
  const FunctionDecl *Callee = nullptr;
  llvm::ArrayRef<const Expr *> Args;
  /// Where a trailing argument is inserted: the closing parenthesis.
  SourceLocation Close;
};

std::optional<CallShape> shapeOf(const Stmt *S) {
  CallShape Shape;
  if (isa<CXXOperatorCallExpr>(S))
    return std::nullopt;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    Shape.Callee = Call->getDirectCallee();
    Shape.Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
    Shape.Close = Call->getRParenLoc();
  } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(S)) {
    Shape.Callee = Ctor->getConstructor();
    Shape.Args = llvm::ArrayRef(Ctor->getArgs(), Ctor->getNumArgs());
    Shape.Close = Ctor->getParenOrBraceRange().getEnd();
  }
  if (!Shape.Callee || Shape.Args.size() > Shape.Callee->getNumParams())
    return std::nullopt;
  return Shape;
}

// The arguments the user wrote: those before the first defaulted one.
unsigned writtenArgs(const CallShape &Shape) {
  unsigned N = 0;
  while (N < Shape.Args.size() && !isa<CXXDefaultArgExpr>(Shape.Args[N]))
    ++N;
  return N;
}

// `{}`, `std::stop_token{}`, `std::stop_token()`, `folly::CancellationToken{}`
// where a token is expected: a token that can never be cancelled.
bool isEmptyToken(const Expr *Arg) {
  Arg = stripWrappers(Arg);
  if (const auto *List = dyn_cast<InitListExpr>(Arg))
    return List->getNumInits() == 0;
  const auto *Construct = dyn_cast<CXXConstructExpr>(Arg);
  if (!Construct || !Construct->getConstructor())
    return false;
  if (Construct->getNumArgs() == 0)
    return true;
  // A copy or move of a temporary: look at the temporary.
  if (Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return isEmptyToken(Construct->getArg(0));
  return false;
}

// Which of the watched declarations a statement names, and how: asking
// the token (COROLINT_TOKEN_CHECK) or anything else — passing, copying,
// storing, registering a callback.
class TokenUses : public RecursiveASTVisitor<TokenUses> {
public:
  explicit TokenUses(const llvm::SmallPtrSetImpl<const ValueDecl *> &Watched)
      : Watched(Watched) {}
  bool shouldVisitImplicitCode() const { return false; }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (!ApiCatalog::isTokenCheck(Call->getMethodDecl()))
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(
            stripWrappers(Call->getImplicitObjectArgument())))
      CheckRefs.insert(Ref);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (!Watched.contains(Ref->getDecl()))
      return true;
    Named.insert(Ref->getDecl());
    if (!CheckRefs.contains(Ref))
      Passed.insert(Ref->getDecl());
    return true;
  }

  /// Named at all.
  llvm::SmallPtrSet<const ValueDecl *, 4> Named;
  /// Named other than as the object of a token check.
  llvm::SmallPtrSet<const ValueDecl *, 4> Passed;

private:
  const llvm::SmallPtrSetImpl<const ValueDecl *> &Watched;
  // Visited before the reference inside them (pre-order).
  llvm::SmallPtrSet<const DeclRefExpr *, 4> CheckRefs;
};

// The parameters a body asks to cancel (`source.request_stop()`), lambdas
// included: a function that cancels through a source it was given is the
// canceller, and the source's token is not its own to pass on.
class StopRequests : public RecursiveASTVisitor<StopRequests> {
public:
  explicit StopRequests(const ApiCatalog &Catalog) : Catalog(Catalog) {}
  bool shouldVisitImplicitCode() const { return false; }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (Catalog.lookup(Call, ApiKind::RequestsStop))
      if (const auto *P = dyn_cast_or_null<ParmVarDecl>(
              referencedDecl(Call->getImplicitObjectArgument())))
        Requested.insert(P);
    return true;
  }
  llvm::SmallPtrSet<const ParmVarDecl *, 2> Requested;

private:
  const ApiCatalog &Catalog;
};

TokenUses usesIn(const Stmt *S,
                 const llvm::SmallPtrSetImpl<const ValueDecl *> &Watched) {
  TokenUses Uses(Watched);
  if (S)
    Uses.TraverseStmt(const_cast<Stmt *>(S));
  return Uses;
}

// Whether a call in \p E passes a real token to a token parameter
// (`co_withCancellation(token, task())`, `start(callback, token)`).
bool passesAToken(const Expr *E, llvm::function_ref<bool(QualType)> IsToken) {
  bool Found = false;
  forEachExecutedStmtIn(E, [&](const ExecutionSite &Site) {
    std::optional<CallShape> Shape = shapeOf(Site.S);
    if (Found || !Shape)
      return;
    for (unsigned I = 0; I < Shape->Args.size(); ++I)
      if (IsToken(Shape->Callee->getParamDecl(I)->getType()) &&
          !isa<CXXDefaultArgExpr>(Shape->Args[I]) &&
          !isEmptyToken(Shape->Args[I]))
        Found = true;
  });
  return Found;
}

bool isInCatchBlock(const ExecutionSite &Site) {
  return llvm::any_of(Site.Ancestors,
                      [](const Stmt *S) { return isa<CXXCatchStmt>(S); });
}

// The call is the operand of a co_await (through the temporaries Sema wraps
// around it).
bool isAwaitedDirectly(const ExecutionSite &Site) {
  for (const Stmt *Parent : llvm::reverse(Site.Ancestors)) {
    if (isa<CoawaitExpr, DependentCoawaitExpr>(Parent))
      return true;
    if (!isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ExprWithCleanups, ParenExpr, CXXFunctionalCastExpr>(Parent))
      return false;
  }
  return false;
}

// The function template or member a call's callee was instantiated from:
// the declaration its overloads are siblings of.
const FunctionDecl *patternOf(const FunctionDecl *FD) {
  if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate())
    return Primary->getTemplatedDecl();
  if (const FunctionDecl *Member = FD->getInstantiatedFromMemberFunction())
    return Member;
  return FD;
}

bool sameQualifiers(const FunctionDecl *A, const FunctionDecl *B) {
  const auto *MA = dyn_cast<CXXMethodDecl>(A);
  const auto *MB = dyn_cast<CXXMethodDecl>(B);
  if (!MA || !MB)
    return !MA && !MB;
  return MA->getMethodQualifiers() == MB->getMethodQualifiers() &&
         MA->getRefQualifier() == MB->getRefQualifier() &&
         MA->isStatic() == MB->isStatic();
}

// An overload of \p Callee that takes the same parameters plus one token at
// some position (`cv.wait(lock, pred)` and `cv.wait(lock, stoken, pred)`).
struct TokenOverload {
  const FunctionDecl *Decl;
  unsigned Position;
};

std::optional<TokenOverload>
overloadWithToken(const FunctionDecl *Callee,
                  llvm::function_ref<bool(QualType)> IsToken) {
  const FunctionDecl *Pattern = patternOf(Callee);
  if (!Pattern->getDeclName().isIdentifier())
    return std::nullopt;
  const ASTContext &Ctx = Callee->getASTContext();
  const DeclContext *Scope = Pattern->getDeclContext();
  unsigned N = Pattern->getNumParams();
  for (const NamedDecl *Found : Scope->lookup(Pattern->getDeclName())) {
    const auto *Candidate = dyn_cast<FunctionDecl>(Found);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Found))
      Candidate = Template->getTemplatedDecl();
    if (!Candidate || Candidate == Pattern || Candidate->isDeleted() ||
        Candidate->getNumParams() != N + 1 ||
        Candidate->getAccess() == AS_private ||
        Candidate->getAccess() == AS_protected ||
        !sameQualifiers(Candidate, Pattern) ||
        Candidate->isVariadic() != Pattern->isVariadic())
      continue;
    for (unsigned K = 0; K <= N; ++K) {
      if (!IsToken(Candidate->getParamDecl(K)->getType()))
        continue;
      bool Same = true;
      for (unsigned I = 0; I < N && Same; ++I)
        Same = Ctx.hasSameType(
            Pattern->getParamDecl(I)->getType(),
            Candidate->getParamDecl(I < K ? I : I + 1)->getType());
      if (Same)
        return TokenOverload{Candidate, K};
    }
  }
  return std::nullopt;
}

// The public getters of \p RD that hand out a token and can be called on
// a parameter of type \p ParamType: no arguments, callable on its
// constness, returning a token by value or reference (`ctx.stop_token()`,
// `source.get_token()`).
llvm::SmallVector<const CXXMethodDecl *, 2>
tokenGettersOf(const CXXRecordDecl *RD, QualType ParamType,
               llvm::function_ref<bool(QualType)> IsToken) {
  llvm::SmallVector<const CXXMethodDecl *, 2> Getters;
  QualType Object = ParamType.getNonReferenceType();
  if (Object->isPointerType())
    Object = Object->getPointeeType();
  bool ConstObject = Object.isConstQualified();
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getAccess() == AS_public &&
        M->getNumParams() == 0 && !M->isStatic() && !M->isDeleted() &&
        (!ConstObject || M->isConst()) && M->getRefQualifier() != RQ_RValue &&
        IsToken(M->getReturnType()))
      Getters.push_back(M);
  return Getters;
}

// Where a call is written: a function object's call starts at the object
// (`stdexec::write_env(...)`), not at its parenthesis.
SourceLocation callBegin(const CallExpr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    return Op->getArg(0)->getBeginLoc();
  return Call->getBeginLoc();
}

bool isFixable(SourceLocation L) { return L.isValid() && !L.isMacroID(); }

// Inserts \p Text as argument \p Position of a call with \p Written
// arguments.
std::optional<FixItHint> insertArgument(const CallShape &Shape,
                                        unsigned Written, unsigned Position,
                                        llvm::StringRef Text,
                                        const ASTContext &Ctx) {
  if (Position < Written) {
    SourceLocation At = Shape.Args[Position]->getBeginLoc();
    if (!isFixable(At))
      return std::nullopt;
    return FixItHint::CreateInsertion(At, (Text + ", ").str());
  }
  if (Position != Written)
    return std::nullopt;
  if (Written == 0) {
    if (!isFixable(Shape.Close))
      return std::nullopt;
    return FixItHint::CreateInsertion(Shape.Close, Text);
  }
  SourceLocation Last = Shape.Args[Written - 1]->getEndLoc();
  if (!isFixable(Last))
    return std::nullopt;
  return FixItHint::CreateInsertion(
      Lexer::getLocForEndOfToken(Last, 0, Ctx.getSourceManager(),
                                 Ctx.getLangOpts()),
      (", " + Text).str());
}

std::optional<FixItHint> replaceArgument(const Expr *Arg,
                                         llvm::StringRef Text) {
  SourceRange R = Arg->getSourceRange();
  if (!isFixable(R.getBegin()) || !isFixable(R.getEnd()))
    return std::nullopt;
  return FixItHint::CreateReplacement(R, Text);
}

bool isLoop(const Stmt *S) {
  return isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S);
}

// A loop with no condition, or one that is always true: `for (;;)`,
// `while (true)`.
bool isIndefinite(const Stmt *Loop, const ASTContext &Ctx) {
  const Expr *Cond = nullptr;
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    Cond = While->getCond();
  else if (const auto *Do = dyn_cast<DoStmt>(Loop))
    Cond = Do->getCond();
  else if (const auto *For = dyn_cast<ForStmt>(Loop)) {
    Cond = For->getCond();
    if (!Cond)
      return true;
  } else {
    return false;
  }
  bool Value = false;
  return Cond && !Cond->isValueDependent() &&
         Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Do->getBody();
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Range->getBody();
  return nullptr;
}

// Whether anything in \p Loop's body leaves it: a break that belongs to it,
// return, co_return, throw, goto, or a call that does not return.
bool canLeave(const Stmt *Loop) {
  bool Leaves = false;
  forEachExecutedStmtIn(loopBody(Loop), [&](const ExecutionSite &Site) {
    if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr, GotoStmt, IndirectGotoStmt>(
            Site.S)) {
      Leaves = true;
    } else if (isa<BreakStmt>(Site.S)) {
      Leaves |= llvm::none_of(Site.Ancestors, [](const Stmt *A) {
        return isLoop(A) || isa<SwitchStmt>(A);
      });
    } else if (const auto *Call = dyn_cast<CallExpr>(Site.S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      Leaves |= Callee && Callee->isNoReturn();
    }
  });
  return Leaves;
}

bool isValidQualifiedName(llvm::StringRef Name) {
  static const llvm::Regex Qualified(
      "^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$");
  return Qualified.match(Name);
}

} // namespace

DroppedCancellationCheck::DroppedCancellationCheck(StringRef Name,
                                                   ClangTidyContext *Context)
    : FunctionBodyCheck(Name, Context),
      RawTokenTypes(Options.get("TokenTypes", "")),
      RawShieldFunctions(Options.get("ShieldFunctions", "")) {
  auto Parse = [&](llvm::StringRef Raw, llvm::StringRef Option,
                   llvm::function_ref<void(llvm::StringRef)> Add) {
    for (llvm::StringRef Item : utils::options::parseStringList(Raw)) {
      Item = Item.trim();
      if (Item.empty())
        continue;
      Item.consume_front("::");
      // A name that can never match turns the option off silently.
      if (!isValidQualifiedName(Item)) {
        configurationDiag("invalid configuration value '%0' for option "
                          "'%1.%2'; expected qualified names such as "
                          "'%select{mylib::StopToken|mylib::shield}3'")
            << Item << Name << Option << (Option == "ShieldFunctions");
        continue;
      }
      Add(Item);
    }
  };
  Parse(RawTokenTypes, "TokenTypes",
        [&](llvm::StringRef T) { TokenTypes.push_back(T.str()); });
  Parse(RawShieldFunctions, "ShieldFunctions",
        [&](llvm::StringRef F) { ShieldFunctions.insert(F); });
}

void DroppedCancellationCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "TokenTypes", RawTokenTypes);
  Options.store(Opts, "ShieldFunctions", RawShieldFunctions);
}

bool DroppedCancellationCheck::isTokenType(QualType T) const {
  return ApiCatalog::isTokenType(T, TokenTypes);
}

bool DroppedCancellationCheck::isShield(const FunctionDecl *FD) const {
  return FD && !ShieldFunctions.empty() &&
         ShieldFunctions.contains(plainQualifiedName(FD));
}

void DroppedCancellationCheck::onStartOfTranslationUnit() {
  Catalog.startTranslationUnit();
}

// Every function body, from the body down: whether a function has a token
// is read from its own declaration, never by climbing.
void DroppedCancellationCheck::checkDefinition(const FunctionDecl *FD,
                                               ASTContext &Ctx) {
  if (FD->isImplicit() || ApiCatalog::isFrameworkImplementation(FD) ||
      isShield(FD))
    return;
  checkFunction(FD, Ctx);
}

void DroppedCancellationCheck::checkFunction(const FunctionDecl *FD,
                                             ASTContext &Ctx) {
  auto IsToken = [&](QualType T) { return isTokenType(T); };
  std::optional<AsyncContext> Coroutine = coroutineContext(FD);
  const Stmt *Body = userBody(FD);
  auto Walk = [&](llvm::function_ref<void(const ExecutionSite &)> Visit) {
    // An immediately invoked lambda is a function of its own, checked when
    // its call operator is.
    auto Own = [&](const ExecutionSite &Site) {
      if (!Site.InvokedLambda)
        Visit(Site);
    };
    if (Coroutine)
      forEachExecutedStmt(*Coroutine, Own);
    else
      forEachExecutedStmtIn(Body, Own);
  };

  // --- The tokens the function has. -------------------------------------
  std::vector<Token> Tokens;
  llvm::SmallPtrSet<const ValueDecl *, 4> OwnTokens;
  // Read from the body only for a function with a parameter handing out a
  // token.
  std::optional<StopRequests> Cancellers;
  auto RequestsStop = [&](const ParmVarDecl *P) {
    if (!Cancellers) {
      Cancellers.emplace(Catalog);
      if (Body)
        Cancellers->TraverseStmt(const_cast<Stmt *>(Body));
    }
    return Cancellers->Requested.contains(P);
  };
  for (const ParmVarDecl *P : FD->parameters()) {
    if (!P->getIdentifier())
      continue;
    QualType T = P->getType();
    if (isTokenType(T)) {
      Tokens.push_back({P, P->getName().str(), typeNameOf(T), true, false});
      OwnTokens.insert(P);
      continue;
    }
    // A token reachable from a parameter's public fields and getters
    // (`req.stop_token`, `ctx.stop_token()`), as Meziantou's MA0040 finds
    // them; a source's token is one (`src.get_token()`).
    const CXXRecordDecl *RD = recordOf(T);
    if (!RD || !RD->hasDefinition() || isTokenType(T))
      continue;
    bool Pointer = T.getNonReferenceType()->isPointerType();
    std::string Access = (P->getName() + (Pointer ? "->" : ".")).str();
    for (const FieldDecl *Field : RD->fields())
      if (Field->getIdentifier() && isTokenType(Field->getType()) &&
          Field->getAccess() == AS_public)
        Tokens.push_back({Field, Access + Field->getName().str(),
                          typeNameOf(Field->getType()), false, false});
    llvm::SmallVector<const CXXMethodDecl *, 2> Getters =
        tokenGettersOf(RD, T, IsToken);
    if (Getters.empty() || RequestsStop(P))
      continue;
    for (const CXXMethodDecl *Getter : Getters)
      Tokens.push_back({Getter, Access + Getter->getName().str() + "()",
                        typeNameOf(Getter->getReturnType()), false, false});
  }
  // Tokens awaited from the coroutine's getter:
  // `auto st = co_await asio::this_coro::cancellation_state;`.
  if (Coroutine)
    Walk([&](const ExecutionSite &Site) {
      const auto *DS = dyn_cast<DeclStmt>(Site.S);
      if (!DS)
        return;
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !VD->getIdentifier() || !VD->hasInit() ||
            !isTokenType(VD->getType()))
          continue;
        const auto *Await = dyn_cast<CoawaitExpr>(stripWrappers(VD->getInit()));
        if (Await &&
            ApiCatalog::isTokenGetter(Await->getOperand()->getType())) {
          Tokens.push_back({VD, VD->getName().str(), typeNameOf(VD->getType()),
                            true, false});
          OwnTokens.insert(VD);
        }
      }
    });
  // A lambda without a token of its own may pass the enclosing function's,
  // when it captures it (or captures by default).
  const CXXRecordDecl *Closure = closureOf(FD);
  if (Closure && OwnTokens.empty())
    if (const auto *Outer = dyn_cast<FunctionDecl>(Closure->getDeclContext())) {
      for (const ParmVarDecl *P : Outer->parameters()) {
        if (!P->getIdentifier() || !isTokenType(P->getType()))
          continue;
        bool Captured =
            Closure->getLambdaCaptureDefault() != LCD_None ||
            llvm::any_of(Closure->captures(), [&](const LambdaCapture &C) {
              return C.capturesVariable() && C.getCapturedVar() == P;
            });
        if (Captured)
          Tokens.push_back(
              {P, P->getName().str(), typeNameOf(P->getType()), false, false});
      }
    }
  // A folly coroutine always has its awaiter's token.
  Framework Fw = Coroutine ? Coroutine->Fw : Framework::None;
  if (std::optional<ImplicitToken> Implicit = ApiCatalog::implicitToken(Fw))
    if (llvm::none_of(Tokens, [&](const Token &T) {
          return T.TypeName == Implicit->TokenType;
        }))
      Tokens.push_back({nullptr, ("co_await " + Implicit->Getter).str(),
                        Implicit->TokenType.str(), false, true});

  // A framework that hands its own token to what a coroutine awaits does
  // not hand on a token parameter: with one of \p TypeName, awaiting is no
  // excuse for not passing it.
  auto HasTokenParameter = [&](llvm::StringRef TypeName) {
    return llvm::any_of(Tokens, [&](const Token &T) {
      return T.TypeName == TypeName && isa_and_nonnull<ParmVarDecl>(T.Decl);
    });
  };

  // The token to pass where a \p TypeName is expected, or null when there
  // is none or several equally good ones (listed in \p Choices).
  auto ChooseToken = [&](llvm::StringRef TypeName, bool CanAwait,
                         std::string &Choices) -> const Token * {
    // The function's own tokens first, then those it reaches.
    for (bool WantOwn : {true, false}) {
      const Token *Best = nullptr;
      unsigned Count = 0;
      for (const Token &T : Tokens)
        if (T.TypeName == TypeName && T.Own == WantOwn &&
            (CanAwait || !T.NeedsAwait)) {
          Choices += (Choices.empty() ? "'" : ", '") + T.Spelling + "'";
          Best = Best ? Best : &T;
          ++Count;
        }
      if (Count)
        return Count == 1 ? Best : nullptr;
    }
    return nullptr;
  };

  // --- Rules 1 and 4: calls that drop the token or pass the wrong one. ----
  // A call that drops or misdirects a token is the finding; the unused
  // parameter it leaves behind is the same problem.
  bool ReportedCall = false;
  llvm::SmallPtrSet<const Stmt *, 4> ReportedCalls;
  std::string Fn = describeFunction(FD);
  if (!Tokens.empty())
    Walk([&](const ExecutionSite &Site) {
      std::optional<CallShape> Shape = shapeOf(Site.S);
      if (!Shape || isShield(Shape->Callee) ||
          Shape->Callee->getBuiltinID() != 0)
        return;
      // Copying a token is not passing it to work.
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Shape->Callee);
          Ctor && Ctor->isCopyOrMoveConstructor())
        return;
      // Cleanup in a catch block is shielded from cancellation on purpose
      // (the documented idiom): it must run even when the work was
      // cancelled.
      if (isInCatchBlock(Site))
        return;
      const auto *CallE = cast<Expr>(Site.S);
      unsigned Written = writtenArgs(*Shape);
      std::string Callee = plainQualifiedName(Shape->Callee);
      if (isa<CXXConstructorDecl>(Shape->Callee))
        Callee = typeNameOf(CallE->getType());

      for (unsigned I = 0; I < Shape->Args.size(); ++I) {
        const ParmVarDecl *Param = Shape->Callee->getParamDecl(I);
        if (!isTokenType(Param->getType()))
          continue;
        std::string TypeName = typeNameOf(Param->getType());
        const Expr *Arg = Shape->Args[I];
        std::string Choices;
        const Token *Pass = ChooseToken(TypeName, Site.CanAwait, Choices);

        if (isa<CXXDefaultArgExpr>(Arg)) {
          // Awaiting a task in a framework that hands its token to what it
          // awaits forwards it already (folly's await_transform) — the
          // coroutine's own token, not a token parameter.
          if (isAwaitedDirectly(Site) &&
              ApiCatalog::inheritsToken(Fw, Param->getType()) &&
              !HasTokenParameter(TypeName))
            return;
          if (Choices.empty())
            return;
          auto Diag =
              diag(CallE->getBeginLoc(),
                   "'%0' accepts a cancellation token but none is "
                   "passed: cancelling %1 does not reach it; pass "
                   "%2")
              << Callee << Fn
              << (Pass ? "'" + Pass->Spelling + "'" : "one of " + Choices);
          if (Pass)
            if (auto Fix =
                    insertArgument(*Shape, Written, I, Pass->Spelling, Ctx))
              Diag << *Fix;
          ReportedCall = true;
          ReportedCalls.insert(Site.S);
          return;
        }
        if (isEmptyToken(Arg)) {
          if (Choices.empty())
            return;
          auto Diag =
              diag(Arg->getBeginLoc(),
                   "'%0' is given an empty cancellation token: "
                   "cancelling %1 does not reach it; pass %2")
              << Callee << Fn
              << (Pass ? "'" + Pass->Spelling + "'" : "one of " + Choices)
              << Arg->getSourceRange();
          if (Pass)
            if (auto Fix = replaceArgument(Arg, Pass->Spelling))
              Diag << *Fix;
          ReportedCall = true;
          ReportedCalls.insert(Site.S);
          return;
        }
        // The wrong token: a lambda or nested coroutine with a token of
        // its own passes one of the enclosing function's.
        const auto *Passed = dyn_cast_or_null<VarDecl>(referencedDecl(Arg));
        if (Passed && !OwnTokens.contains(Passed) &&
            isTokenType(Passed->getType()) &&
            Passed->getDeclContext()->isFunctionOrMethod() &&
            Passed->getDeclContext() != FD) {
          const Token *Mine = nullptr;
          unsigned Count = 0;
          for (const Token &T : Tokens)
            if (T.Own && T.TypeName == TypeName) {
              Mine = &T;
              ++Count;
            }
          if (!Mine)
            continue;
          auto Diag = diag(Arg->getBeginLoc(),
                           "'%0' is passed '%1', the enclosing function's "
                           "cancellation token, although %2 receives its own "
                           "'%3': cancelling %2 does not reach it")
                      << Callee << Passed->getName() << Fn << Mine->Spelling
                      << Arg->getSourceRange();
          if (Count == 1)
            if (auto Fix = replaceArgument(Arg, Mine->Spelling))
              Diag << *Fix;
          ReportedCall = true;
          ReportedCalls.insert(Site.S);
        }
      }

      // An overload that takes one more parameter, a token.
      bool PassesToken =
          llvm::any_of(Shape->Callee->parameters(), [&](const ParmVarDecl *P) {
            return isTokenType(P->getType());
          });
      if (PassesToken)
        return;
      std::optional<TokenOverload> Overload =
          overloadWithToken(Shape->Callee, IsToken);
      if (!Overload)
        return;
      std::string TypeName = typeNameOf(
          Overload->Decl->getParamDecl(Overload->Position)->getType());
      if (isAwaitedDirectly(Site) &&
          ApiCatalog::inheritsToken(
              Fw,
              Overload->Decl->getParamDecl(Overload->Position)->getType()) &&
          !HasTokenParameter(TypeName))
        return;
      std::string Choices;
      const Token *Pass = ChooseToken(TypeName, Site.CanAwait, Choices);
      if (Choices.empty())
        return;
      auto Diag = diag(CallE->getBeginLoc(),
                       "'%0' has an overload that takes a cancellation "
                       "token, but this call passes none: cancelling %1 "
                       "does not reach it; pass %2")
                  << Callee << Fn
                  << (Pass ? "'" + Pass->Spelling + "'" : "one of " + Choices);
      // The overload may return another type: only a call whose value is
      // unused is rewritten.
      ReportedCall = true;
      ReportedCalls.insert(Site.S);
      const auto *Full = dyn_cast<Expr>(Site.FullStmt);
      bool ValueUnused = Full && stripWrappers(Full) == CallE;
      if (Pass && Written == Shape->Args.size() &&
          (ValueUnused ||
           Ctx.hasSameType(Overload->Decl->getReturnType(),
                           patternOf(Shape->Callee)->getReturnType())))
        if (auto Fix = insertArgument(*Shape, Written, Overload->Position,
                                      Pass->Spelling, Ctx))
          Diag << *Fix;
    });

  // --- CXL-6: a folly task started detached loses the coroutine's token.
  if (Coroutine && ApiCatalog::implicitToken(Fw)) {
    Walk([&](const ExecutionSite &Site) {
      const auto *Call = dyn_cast<CallExpr>(Site.S);
      if (!Call || isInCatchBlock(Site))
        return;
      std::optional<ApiMatch> Detach =
          Catalog.lookup(Call, ApiKind::DropsToken);
      if (!Detach)
        return;
      // A start() that takes a token is the first rule's finding, with a
      // fix-it; one bound with co_withCancellation(token, task()) keeps it.
      if (llvm::any_of(Detach->Callee->parameters(),
                       [&](const ParmVarDecl *P) {
                         return isTokenType(P->getType());
                       }) ||
          passesAToken(Call, IsToken))
        return;
      std::optional<ImplicitToken> Implicit = ApiCatalog::implicitToken(Fw);
      diag(Call->getExprLoc(),
           "task started detached with '%0' loses the cancellation of %1: "
           "only co_await hands it the coroutine's token; bind it with "
           "co_withCancellation(co_await %2, task)")
          << Detach->DisplayName << Fn << Implicit->Getter;
    });
  }

  // --- Explicit resets: work told it can never be stopped. ----------------
  // A function is cancellable when it has a token, or is a coroutine whose
  // framework hands its own token to what it awaits (an exec::task's
  // receiver carries one).
  bool Cancellable = !Tokens.empty() ||
                     (Coroutine && !ApiCatalog::inheritedTokenType(Fw).empty());
  if (Cancellable)
    Walk([&](const ExecutionSite &Site) {
      const auto *Call = dyn_cast<CallExpr>(Site.S);
      if (!Call || Call->getNumArgs() == 0 || isInCatchBlock(Site))
        return;
      std::optional<ApiMatch> Writer = Catalog.lookup(Call, ApiKind::EnvWriter);
      if (!Writer)
        return;
      // write_env(sender, env) and sender | write_env(env): the environment
      // is the last argument.
      const Expr *Env = Call->getArg(Call->getNumArgs() - 1);
      if (!ApiCatalog::writesNeverStopToken(Env->getType()))
        return;
      // The never-stopping token as written, when it is one expression the
      // function's own token can replace.
      const Expr *Never = nullptr;
      forEachExecutedStmtIn(Env, [&](const ExecutionSite &Inner) {
        const auto *E = dyn_cast<Expr>(Inner.S);
        if (!Never && E && ApiCatalog::isNeverStopToken(E->getType()) &&
            isa<CXXConstructExpr, CXXTemporaryObjectExpr, InitListExpr>(
                stripWrappers(E)))
          Never = E;
      });
      const Token *Pass = nullptr;
      unsigned OwnCount = 0;
      for (const Token &T : Tokens)
        if (T.Own) {
          Pass = &T;
          ++OwnCount;
        }
      bool CanReplace = Never && OwnCount == 1 &&
                        ApiCatalog::canReplaceNeverStopToken(Pass->TypeName);
      // What to do instead: pass the token; await the sender plainly, where
      // the coroutine's own token is all it has; write its token, where it
      // has one the environment cannot take as it is.
      enum {
        PassOwnToken,
        AwaitPlainly,
        WriteToken
      } Advice = CanReplace       ? PassOwnToken
                 : Tokens.empty() ? AwaitPlainly
                                  : WriteToken;
      auto Diag =
          diag(callBegin(Call),
               "'%0' runs the sender with a stop token that is never "
               "stopped: cancelling %1 does not reach it; %select{pass '%3' "
               "in its environment|await the sender as it is (the "
               "coroutine's stop token reaches it)|give it the function's "
               "token in its environment}2, or shield it on purpose in a "
               "catch block or a ShieldFunctions function")
          << Writer->DisplayName << Fn << Advice
          << (CanReplace ? Pass->Spelling : "");
      if (CanReplace)
        if (auto Fix = replaceArgument(Never, Pass->Spelling))
          Diag << *Fix;
      ReportedCall = true;
    });

  // --- Explicit resets: a child spawned with no cancellation slot. --------
  // Only in a coroutine that declares a token of its own (it reads its
  // cancellation state, or takes a token) — one that never looks at its
  // cancellation leaves its children's to whoever owns them — or in a
  // function given a slot to bind.
  bool HasSlotParameter =
      llvm::any_of(FD->parameters(), [&](const ParmVarDecl *P) {
        return OwnTokens.contains(P) &&
               ApiCatalog::isBindableSlot(P->getType());
      });
  if (!OwnTokens.empty() && (Coroutine || HasSlotParameter))
    Walk([&](const ExecutionSite &Site) {
      const auto *Call = dyn_cast<CallExpr>(Site.S);
      if (!Call || isInCatchBlock(Site))
        return;
      std::optional<ApiMatch> Spawn =
          Catalog.lookup(Call, ApiKind::CancelledThroughToken);
      std::optional<CallShape> Shape = shapeOf(Call);
      // The completion token is the last written argument (asio adds a
      // defaulted constraint after it).
      unsigned Written = Shape ? writtenArgs(*Shape) : 0;
      if (!Spawn || Written < 2)
        return;
      const Expr *Completion = Call->getArg(Written - 1);
      QualType CompletionType = Completion->getType();
      const CXXRecordDecl *Handler = recordOf(CompletionType);
      // Detached, or a lambda: a token with no slot. Awaited tokens
      // (use_awaitable, as_tuple(use_awaitable)) carry the awaiting
      // coroutine's slot, and a bound one its own.
      if (ApiCatalog::isSlotBoundToken(CompletionType) ||
          !(ApiCatalog::isDetachedToken(CompletionType) ||
            (Handler && Handler->isLambda())))
        return;
      // The child given the token itself (`child(slot)`, a lambda capturing
      // it) is cancelled through it.
      for (unsigned I = 0; I + 1 < Written; ++I)
        if (!usesIn(Call->getArg(I), OwnTokens).Named.empty())
          return;
      // The work comes just before the completion token: a coroutine
      // called there is named, a function object is "its coroutine".
      std::string Child = "its coroutine";
      if (const auto *Started =
              dyn_cast<CallExpr>(stripWrappers(Call->getArg(Written - 2))))
        if (const FunctionDecl *Callee = Started->getDirectCallee();
            Callee && Callee->getIdentifier())
          Child = "'" + Callee->getName().str() + "'";
      // A slot the function was given is the one to bind; the coroutine's
      // own state's slot is not, as its next awaited operation takes it
      // over.
      const Token *Slot = nullptr;
      unsigned Slots = 0;
      for (const Token &T : Tokens)
        if (T.Own && isa_and_nonnull<ParmVarDecl>(T.Decl) &&
            ApiCatalog::isBindableSlot(T.Decl->getType())) {
          Slot = &T;
          ++Slots;
        }
      if (Slots != 1)
        Slot = nullptr;
      std::string Binder = ApiCatalog::slotBinderFor(Spawn->Name);
      auto Diag =
          diag(Call->getBeginLoc(),
               "'%0' starts %1 with a completion token that has no "
               "cancellation slot: cancelling %2 does not reach it, and "
               "nothing else can; %select{bind '%4' to the token with "
               "'%3'|co_await it (use_awaitable), or bind the slot of a "
               "cancellation signal that %2 emits when it is cancelled "
               "('%3')}5")
          << Spawn->DisplayName << Child << Fn << Binder
          << (Slot ? Slot->Spelling : "") << (Slot ? 0 : 1);
      ReportedCall = true;
      if (Slot) {
        SourceRange R = Completion->getSourceRange();
        if (isFixable(R.getBegin()) && isFixable(R.getEnd()))
          Diag << FixItHint::CreateInsertion(
                      R.getBegin(), Binder + "(" + Slot->Spelling + ", ")
               << FixItHint::CreateInsertion(
                      Lexer::getLocForEndOfToken(R.getEnd(), 0,
                                                 Ctx.getSourceManager(),
                                                 Ctx.getLangOpts()),
                      ")");
      }
    });

  // --- Rule 2: a named token parameter never used. ------------------------
  // Unnamed parameters are the deliberate way to ignore cancellation; an
  // override's or a virtual function's signature is the interface's.
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  bool SignatureImposed =
      Method && (Method->isVirtual() || Method->size_overridden_methods() > 0);
  TokenUses Uses = usesIn(Body, OwnTokens);
  // A constructor may store its token in a member initialiser.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        Uses.TraverseStmt(Init->getInit());
  if (!SignatureImposed && !FD->isTemplateInstantiation() && !ReportedCall)
    for (const ParmVarDecl *P : FD->parameters())
      if (OwnTokens.contains(P) && !Uses.Named.contains(P) &&
          !P->hasAttr<UnusedAttr>())
        diag(P->getLocation(),
             "cancellation token '%0' is never used: cancelling %1 has no "
             "effect; check it or pass it on, or leave the parameter "
             "unnamed if ignoring cancellation is deliberate")
            << P->getName() << Fn;

  // --- Rule 3: a loop that never observes the token. ----------------------
  // Only when the function observes its tokens solely by asking them: a
  // token passed on, stored or given to a callback elsewhere may be what
  // ends the loop (a callee reads the copy, a stop_callback closes the
  // queue the loop waits on).
  llvm::SmallPtrSet<const ValueDecl *, 4> Checked;
  for (const ValueDecl *T : OwnTokens)
    if (Uses.Named.contains(T))
      Checked.insert(T);
  if (Checked.empty() || llvm::any_of(Checked, [&](const ValueDecl *T) {
        return Uses.Passed.contains(T);
      }))
    return;
  llvm::SmallPtrSet<const Stmt *, 4> Reported;
  // The coroutine's control flow, built for its first candidate loop.
  std::unique_ptr<CoroutineFlow> Flow;
  bool FlowBuilt = false;
  auto SuspendsOnEveryIteration = [&](const Stmt *Loop) {
    if (!FlowBuilt) {
      Flow = CoroutineFlow::build(FD, Ctx);
      FlowBuilt = true;
    }
    if (Flow)
      return Flow->suspendsOnEveryIteration(Loop);
    // A template has no CFG; its instantiations answer on theirs, at the
    // same locations, so the pattern answers only when it has none.
    if (const FunctionTemplateDecl *Template =
            FD->getDescribedFunctionTemplate();
        Template && !Template->specializations().empty())
      return false;
    return suspendsOnEveryIterationWithoutCFG(Loop);
  };
  Walk([&](const ExecutionSite &Site) {
    if (!isLoop(Site.S) || llvm::any_of(Site.Ancestors, [&](const Stmt *A) {
          return Reported.contains(A);
        }))
      return;
    if (!usesIn(Site.S, Checked).Named.empty())
      return;
    // A call in the loop that drops the token is the finding already; its
    // fix makes the loop pass the token on.
    bool HasReportedCall = false;
    forEachExecutedStmtIn(Site.S, [&](const ExecutionSite &Inner) {
      HasReportedCall |= ReportedCalls.contains(Inner.S);
    });
    if (HasReportedCall)
      return;
    // Awaiting in a framework that hands its token to the awaited work
    // passes on the token the coroutine was given by its framework (the
    // awaited getter's); a token parameter is another token, which the
    // awaited work never sees.
    bool Inherited = llvm::any_of(Checked, [&](const ValueDecl *T) {
      return !isa<ParmVarDecl>(T) &&
             ApiCatalog::inheritsToken(Fw, T->getType());
    });
    bool Suspends = Coroutine && SuspendsOnEveryIteration(Site.S);
    if (Suspends && Inherited)
      return;
    bool Forever = !Suspends && isIndefinite(Site.S, Ctx) && !canLeave(Site.S);
    if (!Suspends && !Forever)
      return;
    Reported.insert(Site.S);
    const ValueDecl *First = *Checked.begin();
    diag(Site.S->getBeginLoc(),
         "this loop never checks '%0' nor passes it on: it %select{runs "
         "until the process ends|suspends on every iteration}1 and cancelling "
         "%2 cannot stop it")
        << First->getName() << Suspends << Fn;
  });
}

} // namespace clang::tidy::corolint
