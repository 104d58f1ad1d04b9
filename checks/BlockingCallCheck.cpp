//===--- BlockingCallCheck.cpp - coro-blocking-call -----------------------===//

#include "BlockingCallCheck.h"
#include "AsyncRewrite.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

constexpr llvm::StringLiteral DefaultCategories =
    "sleep;wait;file;socket;dns;process;database;http;rpc";

llvm::StringRef describeCategory(llvm::StringRef Category) {
  return llvm::StringSwitch<llvm::StringRef>(Category)
      .Case("sleep", "sleep")
      .Case("wait", "waits for another thread")
      .Case("file", "file I/O")
      .Case("socket", "socket I/O")
      .Case("dns", "DNS lookup")
      .Case("process", "waits for a process")
      .Case("database", "database round trip")
      .Case("http", "HTTP request")
      .Case("rpc", "synchronous RPC")
      .Case("lock", "lock acquisition")
      .Default(Category);
}

const ValueDecl *referencedDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

bool argumentsMention(const CallExpr *Call, llvm::StringRef Word,
                      const ASTContext &Ctx, unsigned FromArg = 1) {
  for (unsigned I = FromArg; I < Call->getNumArgs(); ++I)
    if (llvm::StringRef(writtenText(Call->getArg(I)->getSourceRange(), Ctx))
            .contains(Word))
      return true;
  return false;
}

// Code that handles "would block" right after a call (EAGAIN, asio's
// error::would_block) knows the descriptor does not block.
bool handlesWouldBlockAround(const ExecutionSite &Site, const ASTContext &Ctx) {
  auto Mentions = [&](const Stmt *S) {
    std::string Text = writtenText(S->getSourceRange(), Ctx);
    llvm::StringRef T(Text);
    return T.contains("EAGAIN") || T.contains("EWOULDBLOCK") ||
           T.contains("EINPROGRESS") || T.contains("would_block") ||
           T.contains("try_again");
  };
  if (Site.FullStmt && Mentions(Site.FullStmt))
    return true;
  if (!Site.Block)
    return false;
  const Stmt *const *Body = Site.Block->body_begin();
  for (unsigned I = 0, N = Site.Block->size(); I + 1 < N; ++I)
    if (Body[I] == Site.FullStmt)
      return Mentions(Body[I + 1]);
  return false;
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawBlockingFunctions(Options.get("BlockingFunctions", "")),
      RawAllowedFunctions(Options.get("AllowedFunctions", "")),
      RawCategories(Options.get("Categories", DefaultCategories)),
      RawAsyncReplacements(Options.get("AsyncReplacements", "")),
      Interprocedural(Options.get("Interprocedural", true)) {
  for (llvm::StringRef Spec :
       utils::options::parseStringList(RawBlockingFunctions))
    Catalog.addUserEntry(ApiKind::Blocking, Spec, "annotated");
  for (llvm::StringRef Name :
       utils::options::parseStringList(RawAllowedFunctions))
    Catalog.allow(Name);
  for (llvm::StringRef Category :
       utils::options::parseStringList(RawCategories))
    EnabledCategories.insert(Category.trim());
  // User-defined categories of BlockingFunctions are always on: naming a
  // function is asking for it to be reported.
  for (llvm::StringRef Spec :
       utils::options::parseStringList(RawBlockingFunctions)) {
    llvm::StringRef Category = Spec.split('=').second.trim();
    EnabledCategories.insert(Category.empty() ? "annotated" : Category);
  }
  EnabledCategories.insert("annotated");
  for (llvm::StringRef Spec :
       utils::options::parseStringList(RawAsyncReplacements)) {
    // "[framework:]name=template"; the framework defaults to asio.
    Framework Fw = Framework::Asio;
    auto [Head, Rest] = Spec.split(':');
    if (!Rest.empty() && !Head.contains('=') && !Rest.starts_with(":")) {
      if (Head == "folly")
        Fw = Framework::Folly;
      else if (Head == "asio" || Head == "boost")
        Fw = Framework::Asio;
      else
        Head = "";
      if (!Head.empty())
        Spec = Rest;
    }
    Catalog.addUserRewrite(Spec, Fw);
  }
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingFunctions", RawBlockingFunctions);
  Options.store(Opts, "AllowedFunctions", RawAllowedFunctions);
  Options.store(Opts, "Categories", RawCategories);
  Options.store(Opts, "AsyncReplacements", RawAsyncReplacements);
  Options.store(Opts, "Interprocedural", Interprocedural);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  registerAsyncContextMatchers(Finder, this);
}

void BlockingCallCheck::onStartOfTranslationUnit() {
  Summaries.clear();
  NonBlockingDescriptors.reset();
}

void BlockingCallCheck::collectNonBlockingDescriptors(ASTContext &Ctx) {
  NonBlockingDescriptors.emplace();
  // Once per translation unit, and only when a raw descriptor call shows
  // up in an async context at all.
  auto Setters =
      match(callExpr(callee(functionDecl(hasAnyName("::fcntl", "::ioctl",
                                                    "::socket", "::accept4"))))
                .bind("call"),
            Ctx);
  // asio: sock.non_blocking(true).
  auto AsioSetters =
      match(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("non_blocking"))),
                              hasArgument(0, cxxBoolLiteral(equals(true))))
                .bind("call"),
            Ctx);
  for (const BoundNodes &Nodes : AsioSetters)
    if (const ValueDecl *D =
            referencedDecl(Nodes.getNodeAs<CXXMemberCallExpr>("call")
                               ->getImplicitObjectArgument()))
      NonBlockingDescriptors->insert(D);
  for (const BoundNodes &Nodes : Setters) {
    const auto *Call = Nodes.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    llvm::StringRef Name = Callee->getName();
    if (Name == "fcntl" || Name == "ioctl") {
      if (Call->getNumArgs() < 2 || !(argumentsMention(Call, "NONBLOCK", Ctx) ||
                                      argumentsMention(Call, "FIONBIO", Ctx)))
        continue;
      if (const ValueDecl *D = referencedDecl(Call->getArg(0)))
        NonBlockingDescriptors->insert(D);
      continue;
    }
    // socket(..., SOCK_STREAM | SOCK_NONBLOCK, ...) and accept4(...,
    // SOCK_NONBLOCK): the descriptor is whatever the result is stored in.
    if (!argumentsMention(Call, "SOCK_NONBLOCK", Ctx, 0))
      continue;
    DynTypedNode Node = DynTypedNode::create(*Call);
    for (int Depth = 0; Depth < 4; ++Depth) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.size() != 1)
        break;
      if (const auto *VD = Parents[0].get<VarDecl>()) {
        NonBlockingDescriptors->insert(VD);
        break;
      }
      if (const auto *BO = Parents[0].get<BinaryOperator>()) {
        if (BO->isAssignmentOp())
          if (const ValueDecl *D = referencedDecl(BO->getLHS()))
            NonBlockingDescriptors->insert(D);
        break;
      }
      Node = Parents[0];
    }
  }
}

bool BlockingCallCheck::showsNonBlocking(const Expr *Call, const ApiMatch &Api,
                                         const ExecutionSite &Site,
                                         ASTContext &Ctx) {
  if (const auto *CE = dyn_cast<CallExpr>(Call);
      CE && Catalog.argumentsSayNonBlocking(Api.Name, CE, Ctx))
    return true;
  const Expr *Descriptor = Catalog.descriptorOf(Api.Name, Call);
  if (!Descriptor)
    return false;
  if (handlesWouldBlockAround(Site, Ctx))
    return true;
  if (!NonBlockingDescriptors)
    collectNonBlockingDescriptors(Ctx);
  const ValueDecl *D = referencedDecl(Descriptor);
  return D && NonBlockingDescriptors->contains(D);
}

std::optional<ApiMatch>
BlockingCallCheck::blockingApi(const Expr *Call, const ExecutionSite &Site,
                               ASTContext &Ctx) {
  std::optional<ApiMatch> Api = Catalog.lookup(Call, ApiKind::Blocking);
  if (!Api || !EnabledCategories.contains(Api->Entry->Category))
    return std::nullopt;
  if (showsNonBlocking(Call, *Api, Site, Ctx))
    return std::nullopt;
  return Api;
}

void BlockingCallCheck::reportDirect(const Expr *Call, const ApiMatch &Api,
                                     const AsyncContext &AC,
                                     const ExecutionSite &Site,
                                     ASTContext &Ctx) {
  std::optional<FixItHint> Fix;
  if (Site.CanAwait) {
    Framework RewriteFw = AC.Fw;
    bool TokenOk = asioNamespace(AC.Fw).empty() || acceptsDefaultAsioToken(AC);
    // The callee's asio flavour must be the coroutine's: a standalone asio
    // socket cannot be awaited with boost::asio::use_awaitable.
    bool SameAsio = true;
    if (llvm::StringRef(Api.Name).starts_with("boost::asio::"))
      SameAsio = AC.Fw == Framework::BoostAsio;
    else if (llvm::StringRef(Api.Name).starts_with("asio::"))
      SameAsio = AC.Fw == Framework::Asio;
    if (TokenOk && SameAsio)
      if (const std::string *Template = Catalog.rewriteFor(Api.Name, RewriteFw))
        if (std::optional<std::string> Text =
                expandRewrite(*Template, Call, RewriteFw, Ctx))
          Fix = replaceCallFixIt(Call, *Text, Ctx);
  }
  std::string Advice = Api.Entry->Advice;
  auto Diag = diag(Call->getBeginLoc(),
                   "blocking call to '%0' (%1) in %2 stalls the executor "
                   "thread; use %3 instead")
              << Api.DisplayName << describeCategory(Api.Entry->Category)
              << AC.describe() << Advice;
  Diag << Call->getSourceRange();
  if (Fix)
    Diag << *Fix;
}

void BlockingCallCheck::reportIndirect(const Expr *Call,
                                       const FunctionDecl *Callee,
                                       const ReachedApi &S,
                                       const AsyncContext &AC) {
  diag(Call->getBeginLoc(),
       "call to '%0' in %1 blocks the executor thread: it reaches '%2' (%3)")
      << Callee->getQualifiedNameAsString() << AC.describe()
      << S.Api.DisplayName << describeCategory(S.Api.Entry->Category)
      << Call->getSourceRange();
  notePath(*this, S, "blocks");
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  std::optional<AsyncContext> AC = asyncContextFromMatch(Result);
  if (!AC)
    return;
  ASTContext &Ctx = *Result.Context;
  forEachExecutedStmt(*AC, [&](const ExecutionSite &Site) {
    if (!isa<CallExpr, CXXConstructExpr>(Site.S))
      return;
    const auto *Call = cast<Expr>(Site.S);
    if (std::optional<ApiMatch> Api = blockingApi(Call, Site, Ctx)) {
      if (!(AC->WaitsForReadiness && Catalog.descriptorOf(Api->Name, Call)))
        reportDirect(Call, *Api, *AC, Site, Ctx);
      return;
    }
    if (!Interprocedural)
      return;
    const auto *CE = dyn_cast<CallExpr>(Call);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      return;
    const ReachedApi *S = Summaries.reachedFrom(
        Callee, Ctx,
        [&](const Expr *Inner, const ExecutionSite &InnerSite, const Stmt *) {
          return blockingApi(Inner, InnerSite, Ctx);
        });
    if (!S)
      return;
    // Reactor-style I/O reached from a readiness handler, or followed by
    // would-block handling, runs on a ready or non-blocking descriptor.
    if (Catalog.descriptorOf(S->Api.Name, S->Chain.back()) &&
        (AC->WaitsForReadiness || handlesWouldBlockAround(Site, Ctx)))
      return;
    reportIndirect(Call, Callee, *S, *AC);
  });
}

} // namespace clang::tidy::corolint
