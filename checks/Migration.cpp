//===--- Migration.cpp - Facts and plan of `corolint migrate` -------------===//

#include "Migration.h"
#include "ApiCatalog.h"
#include "AsyncRewrite.h"
#include "Names.h"
#include "ProjectIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <atomic>
#include <functional>

namespace clang::tidy::corolint {

// ---- Conditional text.

static std::string condition(char Kind, unsigned Index, llvm::StringRef Then,
                             llvm::StringRef Else) {
  return ("\x01" + llvm::Twine(Kind) + llvm::Twine(Index) + "\x02" + Then +
          "\x03" + Else + "\x04")
      .str();
}

namespace {

/// Reads resolveMigrationText's grammar; Pos moves past what was read.
class ConditionalText {
public:
  ConditionalText(llvm::StringRef Text, llvm::ArrayRef<std::string> Conditions,
                  const std::set<std::string> &Converted, bool Twin)
      : Text(Text), Conditions(Conditions), Converted(Converted), Twin(Twin) {}

  /// Reads up to (not including) one of \p Stops at this nesting level.
  std::string read(size_t &Pos, llvm::StringRef Stops) {
    std::string Out;
    while (Pos < Text.size() && !Stops.contains(Text[Pos])) {
      if (Text[Pos] != '\x01') {
        Out += Text[Pos++];
        continue;
      }
      char Kind = Text[++Pos];
      size_t Digits = ++Pos;
      while (Pos < Text.size() && Text[Pos] != '\x02')
        ++Pos;
      unsigned Index = 0;
      Text.slice(Digits, Pos).getAsInteger(10, Index);
      ++Pos; // \x02
      std::string Then = read(Pos, "\x03");
      ++Pos; // \x03
      std::string Else = read(Pos, "\x04");
      ++Pos; // \x04
      bool Converts =
          Index < Conditions.size() && Converted.count(Conditions[Index]) != 0;
      bool Taken = Kind == 't' ? Converts && Twin : Converts;
      Out += Taken ? Then : Else;
    }
    return Out;
  }

private:
  llvm::StringRef Text;
  llvm::ArrayRef<std::string> Conditions;
  const std::set<std::string> &Converted;
  bool Twin;
};

} // namespace

std::string resolveMigrationText(llvm::StringRef Text,
                                 llvm::ArrayRef<std::string> Conditions,
                                 const std::set<std::string> &ConvertedUsrs,
                                 bool Twin) {
  size_t Pos = 0;
  return ConditionalText(Text, Conditions, ConvertedUsrs, Twin).read(Pos, "");
}

// ---- Facts of one translation unit.

namespace {

/// A lock guard class of the catalog (COROLINT_LOCK_GUARD), the classes
/// coro-lock-across-await follows.
bool isLockType(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD &&
         ApiCatalog::lockGuardMutexArgument(plainQualifiedName(RD)).has_value();
}

bool isIoContextType(QualType T, Framework Target) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  // Why not the catalog: the migration's target is asio itself; its event
  // loop class is what the bridge runs, not an API the checks classify.
  return RD->getQualifiedNameAsString() ==
         (asioNamespace(Target) + "::io_context").str();
}

const Expr *stripTemporaries(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      return E;
  }
}

const FunctionDecl *functionNamedBy(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

/// `std::thread(f, args...).detach()`: the thread's construction.
const CXXConstructExpr *detachedThreadStart(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  // Why not the catalog: the catalog's COROLINT_DETACH row says that detach
  // lets work go; the migration needs the thread's construction under it,
  // which is this pattern's shape, not a property of an API.
  if (!M || M->getName() != "detach" ||
      M->getParent()->getQualifiedNameAsString() != "std::thread")
    return nullptr;
  const auto *Construct = dyn_cast<CXXConstructExpr>(
      stripTemporaries(Call->getImplicitObjectArgument()));
  if (!Construct || Construct->getNumArgs() < 1 ||
      !functionNamedBy(Construct->getArg(0)))
    return nullptr;
  return Construct;
}

class FactCollector {
public:
  FactCollector(ASTContext &Ctx, const ApiCatalog &Catalog,
                const MigrationOptions &Options)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Catalog(Catalog),
        Options(Options), NS(asioNamespace(Options.Target).str()) {}

  bool isProjectDecl(const Decl *D) const {
    SourceLocation L = SM.getExpansionLoc(D->getLocation());
    return L.isValid() && !SM.isInSystemHeader(L);
  }

  bool isProjectFunction(const FunctionDecl *FD) const {
    if (!FD || !isProjectDecl(FD))
      return false;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->getParent()->isLambda() || MD->getParent()->isLocalClass())
        return false;
    return !FD->isLocalExternDecl();
  }

  std::optional<MigrationSpan> span(CharSourceRange Range) const {
    CharSourceRange File =
        Lexer::makeFileCharRange(Range, SM, Ctx.getLangOpts());
    if (File.isInvalid())
      return std::nullopt;
    auto [FID, Begin] = SM.getDecomposedLoc(File.getBegin());
    auto [EndFID, End] = SM.getDecomposedLoc(File.getEnd());
    if (FID != EndFID || End < Begin)
      return std::nullopt;
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
    if (!Entry)
      return std::nullopt;
    MigrationSpan S;
    llvm::StringRef Real = Entry->getFileEntry().tryGetRealPathName();
    S.File = (Real.empty() ? Entry->getName() : Real).str();
    S.Offset = Begin;
    S.Length = End - Begin;
    S.Line = SM.getLineNumber(FID, Begin);
    return S;
  }
  std::optional<MigrationSpan> tokenSpan(SourceRange R) const {
    if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
      return std::nullopt;
    return span(CharSourceRange::getTokenRange(R));
  }
  std::optional<MigrationSpan> pointSpan(SourceLocation L) const {
    if (L.isMacroID())
      return std::nullopt;
    return span(CharSourceRange::getCharRange(L, L));
  }

  std::string textOf(const MigrationSpan &S) const {
    auto Ref = SM.getFileManager().getOptionalFileRef(S.File);
    if (S.File.empty() || !Ref)
      return "";
    FileID FID = SM.translateFile(*Ref);
    if (FID.isInvalid())
      return "";
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(FID, &Invalid);
    if (Invalid || S.Offset + S.Length > Buffer.size())
      return "";
    return Buffer.substr(S.Offset, S.Length).str();
  }

  std::string usr(const FunctionDecl *FD) {
    FD = FD->getCanonicalDecl();
    auto [It, New] = Usrs.try_emplace(FD);
    if (New) {
      It->second = usrOf(FD);
      // Every program of a compile database has its main.
      if (FD->isMain())
        if (auto Where = pointSpan(SM.getExpansionLoc(FD->getLocation())))
          It->second += "@" + Where->File;
    }
    return It->second;
  }

  MigrationFunction &record(const FunctionDecl *FD) {
    std::string U = usr(FD);
    auto [It, New] = Functions.try_emplace(U);
    MigrationFunction &F = It->second;
    if (New) {
      F.Usr = U;
      F.Name = FD->getQualifiedNameAsString();
      F.PlainName = FD->getNameAsString();
      F.Root = F.Name == "main" || llvm::is_contained(Options.Roots, F.Name);
      F.Refusal = intrinsicRefusal(FD);
      if (F.Root && isa<CXXMethodDecl>(FD) && F.Refusal.empty())
        F.Refusal = "a root must be a free function: its bridge takes its "
                    "name and signature";
      if (auto S = pointSpan(FD->getLocation()))
        F.Where = *S;
    }
    return F;
  }

  std::string intrinsicRefusal(const FunctionDecl *FD) const {
    if (isa<CXXConstructorDecl>(FD))
      return "a constructor cannot be a coroutine";
    if (isa<CXXDestructorDecl>(FD))
      return "a destructor cannot be a coroutine";
    if (isa<CXXConversionDecl>(FD) || FD->isOverloadedOperator())
      return "an operator keeps its signature: callers use it in "
             "expressions";
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->isVirtual())
        return "virtual: every override and every call through the base "
               "would change too";
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      for (const FieldDecl *Field : MD->getParent()->fields())
        if (isIoContextType(Field->getType(), Options.Target) &&
            !Field->getType()->isReferenceType())
          return "its class owns the io_context '" + Field->getNameAsString() +
                 "' and runs it itself: the operations would complete only "
                 "while that loop runs, not on the caller's executor";
    if (FD->isTemplated())
      return "a template: its instantiations are not rewritten yet";
    if (FD->getReturnType()->getContainedDeducedType())
      return "its return type is deduced";
    if (FD->isConstexpr())
      return "constexpr: a coroutine cannot be constexpr";
    if (FD->isExternC() && FD->getName() != "main")
      return "extern \"C\": its callers may not be C++";
    if (FD->isVariadic())
      return "C-style variadic: a coroutine cannot take '...'";
    return "";
  }

  void addDeclaration(MigrationFunction &F, const FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() || !isProjectDecl(FD))
      return;
    MigrationDeclaration D;
    auto Whole = tokenSpan(FD->getSourceRange());
    auto Name = pointSpan(FD->getLocation());
    if (!Whole || !Name)
      return;
    D.Whole = *Whole;
    D.Name = *Name;
    D.Name.Length = FD->getDeclName().getAsString().size();
    if (auto RT = tokenSpan(FD->getReturnTypeSourceRange()))
      D.ReturnType = *RT;
    D.Text = textOf(D.Whole);
    SourceLocation AfterEnd = Lexer::getLocForEndOfToken(
        FD->getSourceRange().getEnd(), 0, SM, Ctx.getLangOpts());
    std::optional<Token> Next = Lexer::findNextToken(
        FD->getSourceRange().getEnd(), SM, Ctx.getLangOpts());
    if (Next && Next->is(tok::semi))
      AfterEnd = Next->getEndLoc();
    if (auto S = pointSpan(AfterEnd))
      D.Insert = *S;
    if (!llvm::is_contained(F.Declarations, D))
      F.Declarations.push_back(std::move(D));
  }

  void collect(const FunctionDecl *FD) {
    if (!isProjectFunction(FD))
      return;
    MigrationFunction &F = record(FD);
    for (const FunctionDecl *Redecl : FD->redecls())
      addDeclaration(F, Redecl);
    if (!FD->doesThisDeclarationHaveABody() || F.Defined)
      return;
    collectDefinition(F, FD);
  }

  // -- The body.

  /// A piece of the body that changes when the function converts.
  struct Node {
    unsigned Begin = 0, End = 0;
    unsigned Id = 0;
    std::function<std::string()> Text;
  };

  struct Walk {
    MigrationFunction *F = nullptr;
    FileID File;
    std::vector<Node> Nodes;
    std::set<std::pair<unsigned, unsigned>> Ranges;
    std::vector<std::string> Locks;            // Names of the locks held here.
    std::set<const DeclRefExpr *> ContextUses; // Allowed uses.
    std::map<const VarDecl *, MigrationSpan> Contexts;
    llvm::DenseMap<llvm::StringRef, unsigned> ConditionIndex;
    bool InLambda = false;
    bool Coroutine = false;
  };

  unsigned conditionFor(Walk &W, const std::string &Usr) {
    auto [It, New] = W.ConditionIndex.try_emplace(Usr, W.F->Conditions.size());
    if (New)
      W.F->Conditions.push_back(Usr);
    return It->second;
  }

  /// The text \p S will have once the nodes inside it (except \p Self) are
  /// rewritten.
  std::string rewrittenText(const Walk &W, unsigned Begin, unsigned End,
                            unsigned Self) {
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(W.File, &Invalid);
    if (Invalid)
      return "";
    std::string Out;
    unsigned Pos = Begin;
    for (const Node &N : W.Nodes) {
      if (N.Id == Self || N.Begin < Pos || N.End > End)
        continue;
      Out += Buffer.slice(Pos, N.Begin).str();
      Out += N.Text();
      Pos = N.End;
    }
    Out += Buffer.slice(Pos, End).str();
    return Out;
  }

  std::optional<std::pair<unsigned, unsigned>> offsets(const Walk &W,
                                                       SourceRange R) {
    auto S = tokenSpan(R);
    if (!S || SM.getFileID(SM.getExpansionLoc(R.getBegin())) != W.File)
      return std::nullopt;
    return std::make_pair(S->Offset, S->Offset + S->Length);
  }

  void addNode(Walk &W, unsigned Begin, unsigned End,
               std::function<std::string()> Text) {
    // An expression reached twice (through an OpaqueValueExpr) is one node;
    // two nodes of one range would each contain the other.
    if (!W.Ranges.insert({Begin, End}).second)
      return;
    unsigned Id = W.Nodes.size();
    W.Nodes.push_back({Begin, End, Id, std::move(Text)});
  }

  static bool needsParentheses(const Stmt *Parent) {
    // `co_await x.f().g()` would await the result of g.
    return Parent && (isa<MemberExpr, ArraySubscriptExpr>(Parent) ||
                      (isa<UnaryOperator>(Parent) &&
                       cast<UnaryOperator>(Parent)->isPostfix()));
  }

  void walk(const Stmt *S, const Stmt *Parent, Walk &W) {
    if (!S)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      bool Was = W.InLambda;
      W.InLambda = true;
      walk(Lambda->getBody(), S, W);
      W.InLambda = Was;
      return;
    }
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      // Its other children are the awaiter's calls on the same operand.
      walk(Suspend->getOperand(), S, W);
      return;
    }
    if (const auto *Compound = dyn_cast<CompoundStmt>(S)) {
      size_t Held = W.Locks.size();
      for (const Stmt *Child : Compound->body())
        walk(Child, S, W);
      W.Locks.resize(Held);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD)
          continue; // A local class's methods are functions of their own.
        if (isLockType(VD->getType()))
          W.Locks.push_back(VD->getNameAsString());
        if (!W.InLambda && isIoContextType(VD->getType(), Options.Target) &&
            !VD->getType()->isReferenceType())
          if (auto Where = tokenSpan(DS->getSourceRange()))
            W.Contexts[VD] = *Where;
        walk(VD->getInit(), S, W);
      }
      return;
    }
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      if (!W.InLambda && !W.Coroutine) {
        auto Where = pointSpan(Return->getReturnLoc());
        if (!Where)
          refuse(*W.F, "a 'return' is spelled by a macro");
        else
          addNode(W, Where->Offset, Where->Offset + strlen("return"),
                  [] { return std::string("co_return"); });
      }
      walk(Return->getRetValue(), S, W);
      return;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      // A blocking constructor (a file stream that opens its file) has no
      // awaitable form: it is a leaf the climb cannot start from.
      if (!W.InLambda && !W.Coroutine)
        if (std::optional<ApiMatch> Api =
                Catalog.lookup(Construct, ApiKind::Blocking)) {
          MigrationLeaf Leaf;
          Leaf.Api = Api->Name;
          Leaf.Spelled = Api->DisplayName;
          Leaf.Category = Api->Entry->Category;
          if (auto Where =
                  pointSpan(SM.getExpansionLoc(Construct->getBeginLoc())))
            Leaf.Where = *Where;
          W.F->Leaves.push_back(std::move(Leaf));
        }
      // An I/O object built on a local io_context: the one use that an
      // executor serves as well.
      if (Construct->getNumArgs() > 0)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(
                Construct->getArg(0)->IgnoreParenImpCasts()))
          W.ContextUses.insert(DRE);
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      noteVariable(DRE, Parent, W);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (walkCall(Call, Parent, W))
        return;
    for (const Stmt *Child : S->children())
      walk(Child, S, W);
  }

  void noteVariable(const DeclRefExpr *DRE, const Stmt *Parent, Walk &W) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || W.InLambda)
      return;
    if (VD->getTLSKind() != VarDecl::TLS_None)
      if (auto Where = pointSpan(DRE->getLocation()))
        W.F->Notes.push_back(
            {"uses thread_local '" + VD->getNameAsString() +
                 "': once it is a coroutine, a co_await can resume it on "
                 "another thread, where the variable is another one",
             *Where});
    if (VD->hasGlobalStorage() && !VD->isStaticLocal() &&
        isIoContextType(VD->getType(), Options.Target))
      refuse(*W.F,
             "uses the io_context '" + VD->getNameAsString() +
                 "' of namespace scope (line " +
                 std::to_string(SM.getExpansionLineNumber(DRE->getLocation())) +
                 "): the coroutine's operations would wait on a loop "
                 "that only the bridge's io_context runs");
    auto Context = W.Contexts.find(VD);
    if (Context == W.Contexts.end() || W.ContextUses.count(DRE))
      return;
    if (W.F->Root) {
      // The bridge runs the root's io_context; the root may pass it on, not
      // run it itself.
      if (Parent && isa<MemberExpr>(Parent))
        refuse(*W.F, "uses its io_context '" + VD->getNameAsString() +
                         "' itself (line " +
                         std::to_string(
                             SM.getExpansionLineNumber(DRE->getLocation())) +
                         "): the bridge would run it twice");
      return;
    }
    refuse(*W.F,
           "makes its own io_context '" + VD->getNameAsString() +
               "' and uses it for more than constructing I/O objects "
               "(line " +
               std::to_string(SM.getExpansionLineNumber(DRE->getLocation())) +
               "): a coroutine runs on its caller's executor");
  }

  static void refuse(MigrationFunction &F, std::string Why) {
    if (F.Refusal.empty())
      F.Refusal = std::move(Why);
  }

  /// Walks a call's parts; false when the generic walk should do it.
  bool walkCall(const CallExpr *Call, const Stmt *Parent, Walk &W) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXConstructExpr *Thread = detachedThreadStart(Member)) {
        walkSpawn(Member, Thread, W);
        return true;
      }
    std::optional<ApiMatch> Api = Catalog.lookup(Call, ApiKind::Blocking);
    if (Api && !W.Coroutine) {
      walkLeaf(Call, *Api, Parent, W);
    } else if (const FunctionDecl *Callee = Call->getDirectCallee();
               Callee && isProjectFunction(Callee) && !Api) {
      walkProjectCall(Call, Callee, Parent, W);
    } else {
      return false;
    }
    // The callee expression is not walked: a function named as a callee
    // does not escape.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      walk(Member->getImplicitObjectArgument(), Call, W);
    for (const Expr *Arg : Call->arguments())
      walk(Arg, Call, W);
    return true;
  }

  void walkLeaf(const CallExpr *Call, const ApiMatch &Api, const Stmt *Parent,
                Walk &W) {
    if (W.InLambda)
      return;
    MigrationLeaf Leaf;
    Leaf.Api = Api.Name;
    Leaf.Spelled = Api.DisplayName;
    Leaf.Category = Api.Entry->Category;
    auto Where = tokenSpan(Call->getSourceRange());
    if (!Where) {
      if (auto Point = pointSpan(SM.getExpansionLoc(Call->getBeginLoc())))
        Leaf.Where = *Point;
      W.F->Leaves.push_back(std::move(Leaf));
      return;
    }
    Leaf.Where = *Where;
    Framework CalleeAsio = asioFlavourOf(Api.Name);
    const std::string *Template = Catalog.rewriteFor(Api.Name, Options.Target);
    auto Range = offsets(W, Call->getSourceRange());
    if (Template && Range &&
        (CalleeAsio == Framework::None || CalleeAsio == Options.Target)) {
      std::string TemplateText = *Template;
      const Walk *WP = &W;
      // The counterpart's text is computed once the nested nodes are known.
      bool Parens = needsParentheses(Parent);
      unsigned NodeIndex = W.Nodes.size();
      auto Text = [this, WP, TemplateText, Call, Parens,
                   NodeIndex]() -> std::string {
        std::optional<std::string> Expanded = expandRewrite(
            TemplateText, Call, Options.Target, Ctx, [&](const Expr *E) {
              auto R = offsets(*WP, E->getSourceRange());
              if (!R)
                return std::string();
              return rewrittenText(*WP, R->first, R->second, NodeIndex);
            });
        if (!Expanded)
          return "";
        return Parens ? "(" + *Expanded + ")" : *Expanded;
      };
      // Whether the template fits is known now: its text without nested
      // rewrites expands exactly when the full one does.
      if (expandRewrite(TemplateText, Call, Options.Target, Ctx)) {
        Leaf.Counterpart = *Template;
        addNode(W, Range->first, Range->second, Text);
        if (!W.Locks.empty())
          refuse(*W.F, "calls '" + Api.DisplayName + "' (line " +
                           std::to_string(Leaf.Where.Line) + ") while '" +
                           W.Locks.back() +
                           "' is locked: the lock would be held across the "
                           "co_await");
      }
    }
    W.F->Leaves.push_back(std::move(Leaf));
  }

  /// The call's callee name token, for a twin's `async_` name.
  std::optional<std::pair<unsigned, unsigned>> calleeName(const CallExpr *Call,
                                                          const Walk &W) {
    SourceLocation L;
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
      L = DRE->getLocation();
    else if (const auto *ME = dyn_cast<MemberExpr>(Callee))
      L = ME->getMemberLoc();
    if (L.isInvalid())
      return std::nullopt;
    return offsets(W, SourceRange(L, L));
  }

  void walkProjectCall(const CallExpr *Call, const FunctionDecl *Callee,
                       const Stmt *Parent, Walk &W) {
    MigrationCall C;
    C.Callee = usr(Callee);
    C.CalleeName = Callee->getQualifiedNameAsString();
    auto Where = tokenSpan(Call->getSourceRange());
    auto Range = offsets(W, Call->getSourceRange());
    if (auto Point = pointSpan(SM.getExpansionLoc(Call->getBeginLoc())))
      C.Where = Where ? *Where : *Point;
    if (W.InLambda)
      C.Blocker = "called in a lambda, which would have to become a "
                  "coroutine too";
    else if (!Range)
      C.Blocker = "called in a macro expansion";
    else if (!W.Locks.empty())
      C.Blocker = "called while '" + W.Locks.back() +
                  "' is locked: the lock would be held across the co_await";
    if (C.Blocker.empty()) {
      unsigned Index = conditionFor(W, C.Callee);
      std::string Open = needsParentheses(Parent) ? "(co_await " : "co_await ";
      std::string Close = needsParentheses(Parent) ? ")" : "";
      const Walk *WP = &W;
      unsigned NodeIndex = W.Nodes.size();
      unsigned Begin = Range->first, End = Range->second;
      addNode(W, Begin, End, [=] {
        return condition('c', Index, Open, "") +
               rewrittenText(*WP, Begin, End, NodeIndex) +
               condition('c', Index, Close, "");
      });
      if (auto Name = calleeName(Call, W)) {
        std::string Plain = Callee->getNameAsString();
        std::string Twin = Options.TwinPrefix + Plain;
        addNode(W, Name->first, Name->second,
                [=] { return condition('t', Index, Twin, Plain); });
      }
    }
    W.F->Calls.push_back(std::move(C));
  }

  void walkSpawn(const CXXMemberCallExpr *Detach,
                 const CXXConstructExpr *Thread, Walk &W) {
    const FunctionDecl *Entry = functionNamedBy(Thread->getArg(0));
    if (!isProjectFunction(Entry)) {
      for (const Expr *Arg : Thread->arguments())
        walk(Arg, Thread, W);
      return;
    }
    MigrationCall C;
    C.Callee = usr(Entry);
    C.CalleeName = Entry->getQualifiedNameAsString();
    C.Spawn = true;
    auto Range = offsets(W, Detach->getSourceRange());
    if (auto Where = tokenSpan(Detach->getSourceRange()))
      C.Where = *Where;
    for (const ParmVarDecl *P : Entry->parameters())
      if (P->getType()->isReferenceType() &&
          !P->getType().getNonReferenceType().isConstQualified())
        C.Blocker = "started on a detached thread with parameter '" +
                    P->getNameAsString() +
                    "' taken by reference: a spawned coroutine outlives its "
                    "caller's frame";
    if (W.InLambda)
      C.Blocker = "started in a lambda";
    if (!Range)
      C.Blocker = "started in a macro expansion";
    if (C.Blocker.empty()) {
      unsigned Index = conditionFor(W, C.Callee);
      const Walk *WP = &W;
      unsigned NodeIndex = W.Nodes.size();
      unsigned Begin = Range->first, End = Range->second;
      std::string Plain = Entry->getNameAsString();
      std::string Twin = Options.TwinPrefix + Plain;
      std::vector<std::pair<unsigned, unsigned>> Args;
      for (unsigned I = 1; I < Thread->getNumArgs(); ++I)
        if (auto R = offsets(W, Thread->getArg(I)->getSourceRange()))
          Args.push_back(*R);
      std::string Namespace = NS;
      addNode(W, Begin, End, [=] {
        std::string Call = condition('t', Index, Twin, Plain) + "(";
        for (size_t I = 0; I < Args.size(); ++I) {
          if (I)
            Call += ", ";
          Call += rewrittenText(*WP, Args[I].first, Args[I].second, NodeIndex);
        }
        Call += ")";
        std::string Spawned =
            Namespace + "::co_spawn(co_await " + Namespace +
            "::this_coro::executor, " + Call +
            ", [](std::exception_ptr e) { if (e) std::rethrow_exception(e); "
            "})";
        return condition('c', Index, Spawned,
                         rewrittenText(*WP, Begin, End, NodeIndex));
      });
    }
    W.F->Calls.push_back(std::move(C));
    for (unsigned I = 1; I < Thread->getNumArgs(); ++I)
      walk(Thread->getArg(I), Thread, W);
  }

  void collectDefinition(MigrationFunction &F, const FunctionDecl *FD) {
    F.Defined = true;
    const Stmt *Body = FD->getBody();
    F.IsCoroutine = isa<CoroutineBodyStmt>(Body);
    if (auto S = tokenSpan(FD->getSourceRange()))
      F.Definition = *S;
    else
      refuse(F, "its definition is spelled by a macro");
    F.DefinitionText = textOf(F.Definition);
    if (auto S = pointSpan(FD->getLocation())) {
      F.DefinitionName = *S;
      F.DefinitionName.Length = FD->getDeclName().getAsString().size();
      F.Where = *S;
    }
    QualType RT = FD->getReturnType();
    if (auto S = tokenSpan(FD->getReturnTypeSourceRange())) {
      F.DefinitionReturnType = *S;
      F.ReturnType = textOf(*S);
    } else if (!F.IsCoroutine) {
      refuse(F, "its return type is spelled by a macro");
    }
    if (RT->isVoidType())
      F.ReturnType = "void";
    if (FunctionTypeLoc TL = FD->getFunctionTypeLoc())
      if (auto S = pointSpan(TL.getLParenLoc().getLocWithOffset(1)))
        F.ParamsOpen = *S;
    if (const auto *Compound = dyn_cast<CompoundStmt>(Body)) {
      if (auto S = pointSpan(Compound->getRBracLoc()))
        F.BodyClose = *S;
      F.RootFallsOffEnd =
          Compound->body_empty() || !isa<ReturnStmt>(Compound->body_back());
      SourceLocation Open = Compound->getLBracLoc();
      if (Open.isFileID()) {
        auto [FID, Offset] = SM.getDecomposedLoc(Open);
        llvm::StringRef Before = SM.getBufferData(FID).take_front(Offset);
        Before = Before.substr(Before.rfind('\n') + 1);
        F.BraceOnOwnLine = Before.trim().empty();
      }
    }
    if (F.Root) {
      for (const ParmVarDecl *P : FD->parameters()) {
        // The bridge runs an io_context of its own: an I/O object from the
        // caller would wait on a loop nobody runs.
        QualType T = P->getType().getNonReferenceType();
        if (T->isPointerType())
          T = T->getPointeeType();
        if (const auto *RD = T->getAsCXXRecordDecl())
          if (asioFlavourOf(RD->getQualifiedNameAsString()) != Framework::None)
            refuse(F, "takes the asio object '" + P->getNameAsString() +
                          "' from its caller: the bridge's io_context would "
                          "not run it (make the caller the root)");
        if (P->getName().empty())
          refuse(F, "a parameter has no name, so the bridge cannot pass it");
        if (!F.RootArguments.empty())
          F.RootArguments += ", ";
        F.RootArguments += P->getNameAsString();
      }
      if (FD->getNumParams() > 0)
        if (auto S = tokenSpan(SourceRange(
                FD->getParamDecl(0)->getBeginLoc(),
                FD->getParamDecl(FD->getNumParams() - 1)->getEndLoc())))
          F.RootParameters = textOf(*S);
    }

    Walk W;
    W.F = &F;
    W.File = SM.getFileID(SM.getExpansionLoc(FD->getLocation()));
    W.Coroutine = F.IsCoroutine;
    if (F.IsCoroutine) {
      // Calls of functions that convert become co_await here too; the
      // coroutine must be able to await the target's awaitable.
      TaskTypeInfo Info = classifyType(RT);
      if (Info.Fw != Options.Target)
        W.InLambda = true; // Calls here cannot await: report them so.
      walk(cast<CoroutineBodyStmt>(Body)->getBody(), nullptr, W);
    } else {
      walk(Body, nullptr, W);
    }
    if (F.IsCoroutine && W.InLambda)
      for (MigrationCall &C : F.Calls)
        C.Blocker = "called in a coroutine of another framework (" +
                    frameworkName(classifyType(RT).Fw).str() + ")";
    if (F.Root) {
      if (W.Contexts.size() > 1)
        refuse(F, "makes more than one io_context");
      if (W.Contexts.size() == 1) {
        F.RootContext = W.Contexts.begin()->first->getNameAsString();
        F.RootContextDeclaration = wholeLines(W.Contexts.begin()->second);
      }
    } else {
      for (const auto &[VD, Where] : W.Contexts) {
        // Its I/O objects now run on the coroutine's executor.
        unsigned Begin = Where.Offset, End = Where.Offset + Where.Length;
        std::string Name = VD->getNameAsString();
        std::string Namespace = NS;
        addNode(W, Begin, End, [=] {
          return Namespace + "::any_io_executor " + Name + " = co_await " +
                 Namespace + "::this_coro::executor;";
        });
      }
    }

    // Outer nodes first, so that rewrittenText skips what they contain.
    llvm::sort(W.Nodes, [](const Node &A, const Node &B) {
      return std::tie(A.Begin, B.End) < std::tie(B.Begin, A.End);
    });
    unsigned Covered = 0;
    bool Any = false;
    for (const Node &N : W.Nodes) {
      if (Any && N.Begin < Covered)
        continue;
      MigrationEdit E;
      E.Where.File = F.Definition.File;
      E.Where.Offset = N.Begin;
      E.Where.Length = N.End - N.Begin;
      E.Where.Line = SM.getLineNumber(W.File, N.Begin);
      E.Text = N.Text();
      bool Invalid = false;
      E.Original =
          SM.getBufferData(W.File, &Invalid).slice(N.Begin, N.End).str();
      if (E.Text.empty() && !E.Original.empty()) {
        refuse(F, "the awaitable form of line " + std::to_string(E.Where.Line) +
                      " cannot be spelled");
        continue;
      }
      F.Edits.push_back(std::move(E));
      Covered = N.End;
      Any = true;
    }
  }

  /// \p S with the blanks before it and the line break after it, when it
  /// is alone on its lines.
  MigrationSpan wholeLines(MigrationSpan S) const {
    auto Ref = SM.getFileManager().getOptionalFileRef(S.File);
    if (!Ref)
      return S;
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(SM.translateFile(*Ref), &Invalid);
    if (Invalid)
      return S;
    unsigned Begin = S.Offset, End = S.Offset + S.Length;
    while (Begin > 0 && (Buffer[Begin - 1] == ' ' || Buffer[Begin - 1] == '\t'))
      --Begin;
    unsigned After = End;
    while (After < Buffer.size() &&
           (Buffer[After] == ' ' || Buffer[After] == '\t'))
      ++After;
    if ((Begin == 0 || Buffer[Begin - 1] == '\n') && After < Buffer.size() &&
        Buffer[After] == '\n') {
      // A blank line on both sides: one of them goes too.
      if (Begin >= 2 && Buffer[Begin - 2] == '\n' &&
          After + 1 < Buffer.size() && Buffer[After + 1] == '\n')
        ++After;
      S.Offset = Begin;
      S.Length = After + 1 - Begin;
    }
    return S;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const ApiCatalog &Catalog;
  const MigrationOptions &Options;
  std::string NS;
  llvm::DenseMap<const FunctionDecl *, std::string> Usrs;
  std::map<std::string, MigrationFunction> Functions;
  std::vector<std::pair<std::string, MigrationSpan>> Escapes;
};

/// Visits the project's declarations (never the system headers').
class FactVisitor : public RecursiveASTVisitor<FactVisitor> {
public:
  explicit FactVisitor(FactCollector &C) : C(C) {}
  bool shouldVisitTemplateInstantiations() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && !C.isProjectDecl(D) &&
        !isa<NamespaceDecl, LinkageSpecDecl>(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    C.collect(FD);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      Callees.insert(DRE);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXConstructExpr *Thread = detachedThreadStart(Member))
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(Thread->getArg(0)->IgnoreParenImpCasts()))
          Callees.insert(DRE);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
    if (!FD || Callees.count(DRE) || !C.isProjectFunction(FD))
      return true;
    if (auto Where = C.pointSpan(C.SM.getExpansionLoc(DRE->getLocation())))
      C.Escapes.push_back({C.usr(FD), *Where});
    return true;
  }

private:
  FactCollector &C;
  llvm::DenseSet<const DeclRefExpr *> Callees;
};

} // namespace

MigrationUnit collectMigrationFacts(ASTContext &Ctx, const ApiCatalog &Catalog,
                                    const MigrationOptions &Options) {
  Catalog.startTranslationUnit();
  FactCollector Collector(Ctx, Catalog, Options);
  FactVisitor(Collector).TraverseDecl(Ctx.getTranslationUnitDecl());
  MigrationUnit Unit;
  for (auto &Entry : Collector.Functions)
    Unit.Functions.push_back(std::move(Entry.second));
  Unit.Escapes = std::move(Collector.Escapes);
  // Every file on an include path to the umbrella header sees all of it.
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::StringRef Umbrella =
      Options.Target == Framework::BoostAsio ? "boost/asio.hpp" : "asio.hpp";
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isFile())
      continue;
    OptionalFileEntryRef File = Entry.getFile().getContentCache().OrigEntry;
    if (!File || !(File->getName() == Umbrella ||
                   File->getName().ends_with("/" + Umbrella.str())))
      continue;
    SourceLocation Includer = Entry.getFile().getIncludeLoc();
    while (Includer.isValid()) {
      FileID FID = SM.getFileID(Includer);
      OptionalFileEntryRef Outer = SM.getFileEntryRefForID(FID);
      if (!Outer)
        break;
      llvm::StringRef Real = Outer->getFileEntry().tryGetRealPathName();
      if (!Unit.FilesWithFramework
               .insert((Real.empty() ? Outer->getName() : Real).str())
               .second)
        break;
      Includer = SM.getIncludeLoc(FID);
    }
  }
  return Unit;
}

// ---- Recording.

static std::atomic<MigrationRecorder *> CurrentMigration{nullptr};

MigrationRecorder::MigrationRecorder(MigrationOptions Options)
    : Options(std::move(Options)) {}

MigrationRecorder *MigrationRecorder::current() { return CurrentMigration; }

namespace {
class MigrationConsumer : public ASTConsumer {
public:
  explicit MigrationConsumer(MigrationRecorder &Recorder)
      : Recorder(Recorder) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    ApiCatalog Catalog;
    Recorder.add(collectMigrationFacts(Ctx, Catalog, Recorder.options()));
  }

private:
  MigrationRecorder &Recorder;
};
} // namespace

std::unique_ptr<ASTConsumer> MigrationRecorder::consumer() {
  return std::make_unique<MigrationConsumer>(*this);
}

void MigrationRecorder::add(MigrationUnit Unit) {
  std::lock_guard<std::mutex> Guard(Lock);
  Units.push_back(std::move(Unit));
}

std::vector<MigrationUnit> MigrationRecorder::take() {
  std::lock_guard<std::mutex> Guard(Lock);
  return std::move(Units);
}

ScopedMigrationRecorder::ScopedMigrationRecorder(MigrationRecorder &Recorder) {
  CurrentMigration = &Recorder;
}
ScopedMigrationRecorder::~ScopedMigrationRecorder() {
  CurrentMigration = nullptr;
}

// ---- The plan.

namespace {

std::string where(const MigrationSpan &S) {
  return (llvm::sys::path::filename(S.File) + ":" + llvm::Twine(S.Line)).str();
}

class Planner {
public:
  Planner(std::vector<MigrationUnit> &Units, const MigrationOptions &Options)
      : Options(Options) {
    for (MigrationUnit &U : Units) {
      for (MigrationFunction &F : U.Functions)
        merge(F);
      for (auto &[Usr, Where] : U.Escapes)
        Escapes.try_emplace(Usr, Where);
      Plan.FilesWithFramework.insert(U.FilesWithFramework.begin(),
                                     U.FilesWithFramework.end());
    }
    for (auto &[Usr, F] : Functions) {
      for (const MigrationCall &C : F.Calls)
        Callers[C.Callee].push_back({&F, &C});
      if (F.Root && F.Defined)
        Plan.RootsFound.insert(F.Name);
    }
  }

  void merge(MigrationFunction &F) {
    auto [It, New] = Functions.try_emplace(F.Usr);
    MigrationFunction &Into = It->second;
    if (New) {
      Into = std::move(F);
      return;
    }
    if (F.Defined && Into.Defined && !(F.Definition == Into.Definition) &&
        Conflicts.insert(F.Usr).second)
      Plan.Errors.push_back(
          "'" + F.Name + "' is defined in " +
          where(std::min(Into.Definition, F.Definition)) + " and in " +
          where(std::max(Into.Definition, F.Definition)) +
          ": these are two programs; migrate each program's files on their "
          "own");
    std::vector<MigrationDeclaration> Declarations =
        std::move(Into.Declarations);
    if (F.Defined && !Into.Defined)
      Into = std::move(F);
    for (MigrationDeclaration &D : Declarations)
      if (!llvm::is_contained(Into.Declarations, D))
        Into.Declarations.push_back(std::move(D));
    for (MigrationDeclaration &D : F.Declarations)
      if (!llvm::is_contained(Into.Declarations, D))
        Into.Declarations.push_back(std::move(D));
  }

  bool hasCounterpartLeaf(const MigrationFunction &F) const {
    return llvm::any_of(F.Leaves, [](const MigrationLeaf &L) {
      return L.Counterpart.has_value();
    });
  }

  bool callsConverting(const MigrationFunction &F) const {
    // A call that cannot await (in a lambda) refuses the callee instead.
    return llvm::any_of(F.Calls, [&](const MigrationCall &C) {
      return C.Blocker.empty() && Converting.count(C.Callee) != 0;
    });
  }

  /// Can become a coroutine as far as the function itself goes.
  std::string refusalOf(const MigrationFunction &F) const {
    if (!F.Refusal.empty())
      return F.Refusal;
    auto Escape = Escapes.find(F.Usr);
    // A twin leaves the function, and its address, as they are.
    if (Escape != Escapes.end() && !Options.KeepSync)
      return "its address is taken (" + where(Escape->second) +
             "): calls through the pointer cannot be rewritten";
    return "";
  }

  bool bridgeable(const MigrationFunction &F) const {
    return F.Root && F.Defined && !F.IsCoroutine && refusalOf(F).empty();
  }

  void solve() {
    while (true) {
      // The least set: leaves with a counterpart, then their callers.
      Converting.clear();
      bool Grew = true;
      while (Grew) {
        Grew = false;
        for (auto &[Usr, F] : Functions) {
          if (Converting.count(Usr) || Removed.count(Usr) || !F.Defined ||
              F.IsCoroutine || F.Root)
            continue;
          if (!hasCounterpartLeaf(F) && !callsConverting(F))
            continue;
          if (std::string Why = refusalOf(F); !Why.empty()) {
            remove(F, Why, F.Where);
            continue;
          }
          Converting.insert(Usr);
          Grew = true;
        }
      }
      bool Changed = false;
      // With twins, a caller that stays synchronous keeps the original.
      for (const std::string &Usr :
           Options.KeepSync ? std::set<std::string>() : Converting) {
        for (const auto &[Caller, Call] : Callers[Usr]) {
          const MigrationFunction &F = Functions[Usr];
          if (!Call->Blocker.empty()) {
            remove(F, Call->Blocker, Call->Where);
            Changed = true;
            break;
          }
          if (Converting.count(Caller->Usr) || Caller->IsCoroutine ||
              bridgeable(*Caller))
            continue;
          // A root that cannot be bridged says why, before its callees say
          // that it stays synchronous.
          if (Caller->Root && Caller->Defined && !Caller->IsCoroutine)
            remove(*Caller, refusalOf(*Caller), Caller->Where);
          remove(F,
                 "called by '" + Caller->Name + "' (" + where(Call->Where) +
                     "), which stays synchronous",
                 Call->Where);
          Changed = true;
          break;
        }
      }
      if (!Changed)
        break;
    }
    // A function whose twin exists already (a second --keep-sync run) keeps
    // it: the new twins await it, and nothing is added twice.
    if (Options.KeepSync) {
      std::set<std::string> Coroutines;
      for (const auto &[Usr, F] : Functions)
        if (F.IsCoroutine)
          Coroutines.insert(F.Name);
      for (const std::string &Usr : Converting)
        if (Coroutines.count(twinName(Functions[Usr])))
          Twinned.insert(Usr);
    }
    // Roots with something to bridge; refused roots are reported. With
    // twins the trunk stays as it is.
    for (auto &[Usr, F] : Functions) {
      if (Options.KeepSync)
        break;
      if (!F.Root || !F.Defined || F.IsCoroutine)
        continue;
      std::string Why = refusalOf(F);
      // A refused root that calls what was refused because of it says why.
      bool CallsRemoved =
          !Why.empty() && llvm::any_of(F.Calls, [&](const MigrationCall &C) {
            return Removed.count(C.Callee) != 0;
          });
      if (!hasCounterpartLeaf(F) && !callsConverting(F) && !CallsRemoved)
        continue;
      if (!Why.empty()) {
        remove(F, Why, F.Where);
        continue;
      }
      Roots.insert(Usr);
    }
  }

  std::string twinName(const MigrationFunction &F) const {
    llvm::StringRef Scope = F.Name;
    size_t Colons = Scope.rfind("::");
    std::string Prefix = Colons == llvm::StringRef::npos
                             ? ""
                             : Scope.take_front(Colons + 2).str();
    return Prefix + Options.TwinPrefix + F.PlainName;
  }

  void remove(const MigrationFunction &F, std::string Why, MigrationSpan At) {
    if (!Removed.insert(F.Usr).second)
      return;
    Plan.Refused.push_back(
        {&F, std::move(Why), At.File.empty() ? F.Where : At});
  }

  std::string awaitable(llvm::StringRef T) const {
    return (asioNamespace(Options.Target) + "::awaitable<" + T + ">").str();
  }

  void addEdit(MigrationSpan Where, std::string Text) {
    Plan.Edits[Where.File].push_back({std::move(Where), std::move(Text), ""});
  }

  /// The function's edits applied to its definition, for a twin.
  std::string twinDefinition(const MigrationFunction &F) {
    std::vector<MigrationEdit> Edits = F.Edits;
    Edits.push_back({F.DefinitionReturnType, awaitable(F.ReturnType), ""});
    Edits.push_back({F.DefinitionName, Options.TwinPrefix + F.PlainName, ""});
    llvm::sort(Edits, [](const MigrationEdit &A, const MigrationEdit &B) {
      return A.Where.Offset < B.Where.Offset;
    });
    std::string Out;
    unsigned Pos = F.Definition.Offset;
    llvm::StringRef Text = F.DefinitionText;
    for (const MigrationEdit &E : Edits) {
      if (E.Where.Offset < Pos)
        continue;
      Out += Text.slice(Pos - F.Definition.Offset,
                        E.Where.Offset - F.Definition.Offset);
      Out += E.Text;
      Pos = E.Where.Offset + E.Where.Length;
    }
    Out += Text.substr(Pos - F.Definition.Offset);
    return resolveMigrationText(Out, F.Conditions, Converting, true);
  }

  std::string twinDeclaration(const MigrationDeclaration &D,
                              const MigrationFunction &F) {
    std::string Out;
    llvm::StringRef Text = D.Text;
    unsigned Base = D.Whole.Offset;
    unsigned RT = D.ReturnType.Offset - Base, Name = D.Name.Offset - Base;
    Out += Text.slice(0, RT);
    Out += awaitable(F.ReturnType);
    Out += Text.slice(RT + D.ReturnType.Length, Name);
    Out += Options.TwinPrefix + F.PlainName;
    Out += Text.substr(Name + D.Name.Length);
    return Out + ";";
  }

  void rootEdits(const MigrationFunction &F) {
    std::string NS = asioNamespace(Options.Target).str();
    std::string Async = Options.TwinPrefix + F.PlainName;
    bool Main = F.Name == "main";
    addEdit(F.DefinitionReturnType, awaitable(F.ReturnType));
    addEdit(F.DefinitionName, Async);
    std::string Context = F.RootContext.empty() ? "io_context" : F.RootContext;
    if (!F.RootContext.empty()) {
      addEdit(F.ParamsOpen, NS + "::io_context& " + Context +
                                (F.RootParameters.empty() ? "" : ", "));
      addEdit(F.RootContextDeclaration, "");
    }
    for (const MigrationEdit &E : F.Edits)
      addEdit(E.Where,
              resolveMigrationText(E.Text, F.Conditions, Converting, false));
    if (Main && F.RootFallsOffEnd)
      addEdit(F.BodyClose, "  co_return 0;\n");
    // The bridge: the root's old name runs the coroutine to completion on
    // an io_context, rethrowing what escapes it as the old body did.
    bool Void = F.ReturnType == "void";
    std::string Args = F.RootContext.empty() ? "" : Context;
    if (!F.RootArguments.empty())
      Args += (Args.empty() ? "" : ", ") + F.RootArguments;
    std::string Bridge = "\n\n" + F.ReturnType + " " + F.PlainName + "(" +
                         F.RootParameters + ")" +
                         (F.BraceOnOwnLine ? "\n{\n  " : " {\n  ") + NS +
                         "::io_context " + Context + ";\n";
    if (!Void)
      Bridge += "  " + F.ReturnType + " result{};\n";
    Bridge += "  " + NS + "::co_spawn(" + Context + ", " + Async + "(" + Args +
              "),\n";
    if (Void)
      Bridge += "      [](std::exception_ptr e) {\n"
                "        if (e)\n"
                "          std::rethrow_exception(e);\n"
                "      });\n";
    else
      Bridge += "      [&](std::exception_ptr e, " + F.ReturnType +
                " value) {\n"
                "        if (e)\n"
                "          std::rethrow_exception(e);\n"
                "        result = value;\n"
                "      });\n";
    Bridge += "  " + Context + ".run();\n";
    if (!Void)
      Bridge += "  return result;\n";
    Bridge += "}";
    MigrationSpan After = F.Definition;
    After.Offset += After.Length;
    After.Length = 0;
    addEdit(After, Bridge);
  }

  void edits() {
    for (const std::string &Usr : Converting) {
      const MigrationFunction &F = Functions[Usr];
      if (Options.KeepSync && Twinned.count(Usr))
        continue;
      if (Options.KeepSync) {
        MigrationSpan After = F.Definition;
        After.Offset += After.Length;
        After.Length = 0;
        addEdit(After, "\n\n" + twinDefinition(F));
        for (const MigrationDeclaration &D : F.Declarations)
          if (D.ReturnType.Length && D.Insert.Length == 0 &&
              !D.Insert.File.empty())
            addEdit(D.Insert, "\n" + twinDeclaration(D, F));
        continue;
      }
      addEdit(F.DefinitionReturnType, awaitable(F.ReturnType));
      for (const MigrationDeclaration &D : F.Declarations)
        if (D.ReturnType.Length)
          addEdit(D.ReturnType, awaitable(F.ReturnType));
      for (const MigrationEdit &E : F.Edits)
        addEdit(E.Where,
                resolveMigrationText(E.Text, F.Conditions, Converting, false));
    }
    if (Options.KeepSync)
      return;
    for (const std::string &Usr : Roots)
      rootEdits(Functions[Usr]);
    // Coroutines that call converted functions await them.
    for (auto &[Usr, F] : Functions) {
      if (!F.IsCoroutine)
        continue;
      for (const MigrationEdit &E : F.Edits) {
        std::string Text =
            resolveMigrationText(E.Text, F.Conditions, Converting, false);
        if (Text != E.Original)
          addEdit(E.Where, Text);
      }
    }
    for (auto &[File, Edits] : Plan.Edits) {
      llvm::sort(Edits, [](const MigrationEdit &A, const MigrationEdit &B) {
        return std::tie(A.Where.Offset, A.Where.Length, A.Text) <
               std::tie(B.Where.Offset, B.Where.Length, B.Text);
      });
      Edits.erase(
          std::unique(Edits.begin(), Edits.end(),
                      [](const MigrationEdit &A, const MigrationEdit &B) {
                        return A.Where == B.Where && A.Text == B.Text;
                      }),
          Edits.end());
    }
  }

  void describe() {
    auto Describe = [&](const MigrationFunction &F) {
      PlannedFunction P;
      P.Facts = &F;
      for (const MigrationLeaf &L : F.Leaves) {
        // Taking a lock is no I/O to migrate; coro-lock-across-await
        // watches the locks of coroutines.
        if (L.Category == "lock")
          continue;
        if (L.Counterpart)
          P.Reasons.push_back("'" + L.Spelled + "' (line " +
                              std::to_string(L.Where.Line) +
                              ") becomes its awaitable form");
        else
          Plan.StaysBlocking.push_back({&F, &L});
      }
      for (const MigrationCall &C : F.Calls)
        if (Converting.count(C.Callee) && C.Blocker.empty()) {
          std::string Reason =
              (C.Spawn ? "spawns '" : "awaits '") + C.CalleeName + "' (line " +
              std::to_string(C.Where.Line) + ")" +
              (C.Spawn ? " with co_spawn instead of a detached thread" : "");
          if (!llvm::is_contained(P.Reasons, Reason))
            P.Reasons.push_back(std::move(Reason));
          if (!llvm::is_contained(P.Awaits, C.Callee))
            P.Awaits.push_back(C.Callee);
        }
      for (const MigrationNote &N : F.Notes)
        Plan.Notes.push_back({&F, N});
      return P;
    };
    for (const std::string &Usr : Converting)
      if (!Twinned.count(Usr))
        Plan.Converted[Usr] = Describe(Functions[Usr]);
    for (const auto &[Usr, F] : Functions)
      if (!Converting.count(Usr) && !Roots.count(Usr) && !F.IsCoroutine)
        for (const MigrationLeaf &L : F.Leaves)
          if (!L.Counterpart && L.Category != "lock")
            Plan.NoCounterpart.push_back({&F, &L});
    for (const std::string &Usr : Roots)
      Plan.Roots[Usr] = Describe(Functions[Usr]);
    if (!Options.KeepSync)
      for (const auto &[Usr, F] : Functions)
        if (F.IsCoroutine && callsConverting(F))
          Plan.AwaitingCoroutines[Usr] = Describe(F);
    llvm::sort(Plan.Refused,
               [](const RefusedFunction &A, const RefusedFunction &B) {
                 return std::tie(A.Where.File, A.Where.Line, A.Facts->Name) <
                        std::tie(B.Where.File, B.Where.Line, B.Facts->Name);
               });
  }

  const MigrationOptions &Options;
  std::map<std::string, MigrationFunction> Functions;
  std::map<std::string, MigrationSpan> Escapes;
  std::map<
      std::string,
      std::vector<std::pair<const MigrationFunction *, const MigrationCall *>>>
      Callers;
  std::set<std::string> Converting, Removed, Roots, Conflicts, Twinned;
  MigrationPlan Plan;
};

} // namespace

MigrationPlan planMigration(std::vector<MigrationUnit> &Units,
                            const MigrationOptions &Options) {
  auto P = std::make_shared<Planner>(Units, Options);
  P->solve();
  P->edits();
  P->describe();
  MigrationPlan Plan = std::move(P->Plan);
  Plan.Options = Options;
  Plan.Owner = std::shared_ptr<const void>(P, P.get());
  return Plan;
}

} // namespace clang::tidy::corolint
