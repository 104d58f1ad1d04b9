//===--- BlockingCallCheck.cpp - coro-blocking-call -----------------------===//

#include "BlockingCallCheck.h"
#include "AsyncRewrite.h"
#include "FakeAsyncCheck.h"
#include "Names.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::corolint {

namespace {

bool mentionsNonBlocking(SourceRange R, const ASTContext &Ctx) {
  std::string Text = writtenText(R, Ctx);
  return llvm::any_of(ApiCatalog::nonBlockingSpellings(),
                      [&](llvm::StringRef S) {
                        return llvm::StringRef(Text).contains(S);
                      });
}

bool argumentsMentionNonBlocking(const CallExpr *Call, const ASTContext &Ctx,
                                 unsigned FromArg) {
  for (unsigned I = FromArg; I < Call->getNumArgs(); ++I)
    if (mentionsNonBlocking(Call->getArg(I)->getSourceRange(), Ctx))
      return true;
  return false;
}

// `ex` in `if (!ex)` or `if (ex == nullptr)`; null for other conditions.
const ValueDecl *nullTestedDecl(const Expr *Cond, ASTContext &Ctx) {
  Cond = stripWrappers(Cond);
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot)
    return referencedDecl(Not->getSubExpr());
  if (const auto *Eq = dyn_cast<BinaryOperator>(Cond);
      Eq && Eq->getOpcode() == BO_EQ &&
      Eq->getRHS()->isNullPointerConstant(Ctx,
                                          Expr::NPC_ValueDependentIsNotNull))
    return referencedDecl(Eq->getLHS());
  return nullptr;
}

// The variable holds what `co_await CurrentExecutor()` gave: the executor
// the coroutine runs on, null when it runs inline on its caller's thread.
bool holdsCurrentExecutor(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  const auto *Await = VD && VD->getInit()
                          ? dyn_cast<CoawaitExpr>(stripWrappers(VD->getInit()))
                          : nullptr;
  return Await && Await->getOperand() &&
         ApiCatalog::isCurrentExecutorType(
             stripWrappers(Await->getOperand())->getType());
}

// The site is in the branch a coroutine takes when it runs on no executor
// (`if (!ex) { std::this_thread::sleep_for(d); co_return; }`): there it runs
// inline on its caller's thread, and blocking is how it waits.
bool inNoExecutorBranch(const ExecutionSite &Site, ASTContext &Ctx) {
  for (size_t I = 0; I < Site.Ancestors.size(); ++I) {
    const auto *If = dyn_cast<IfStmt>(Site.Ancestors[I]);
    if (If && Site.childOf(I) == If->getThen() &&
        holdsCurrentExecutor(nullTestedDecl(If->getCond(), Ctx)))
      return true;
  }
  return false;
}

// Code that handles "would block" right after a call (EAGAIN, asio's
// error::would_block) knows the descriptor does not block.
bool handlesWouldBlockAround(const ExecutionSite &Site, const ASTContext &Ctx) {
  auto Mentions = [&](const Stmt *S) {
    std::string Text = writtenText(S->getSourceRange(), Ctx);
    return llvm::any_of(
        ApiCatalog::wouldBlockSpellings(),
        [&](llvm::StringRef W) { return llvm::StringRef(Text).contains(W); });
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
    : AsyncApiUseCheck(Name, Context, ApiKind::Blocking, "BlockingFunctions",
                       "annotated"),
      RawCategories(
          Options.get("Categories", ApiCatalog::defaultBlockingCategories())),
      RawAsyncReplacements(Options.get("AsyncReplacements", "")),
      ReportConditionalPaths(Options.get("ReportConditionalPaths", false)) {
  // The pools a project designates for blocking work are facts about the
  // project, configured once on coro-fake-async: blocking there is their
  // purpose for this check too.
  FakeAsyncOptions FakeAsyncConfig = fakeAsyncOptions(OptionsView(
      "coro-fake-async", Context->getOptions().CheckOptions, Context));
  for (const std::string &Pool : FakeAsyncConfig.BlockingExecutors)
    Catalog.addBlockingPool(Pool);
  if (Context->isCheckEnabled("coro-fake-async"))
    FakeAsync.emplace(std::move(FakeAsyncConfig));
  for (llvm::StringRef Category :
       utils::options::parseStringList(RawCategories))
    EnabledCategories.insert(Category.trim());
  // User-defined categories of BlockingFunctions are always on: naming a
  // function is asking for it to be reported.
  for (llvm::StringRef Spec : utils::options::parseStringList(RawUserApis)) {
    llvm::StringRef Category = Spec.split('=').second.trim();
    EnabledCategories.insert(Category.empty() ? "annotated" : Category);
  }
  // A category nothing defines is a typo that would silently turn a whole
  // family of findings off.
  llvm::StringSet<> Defined;
  for (const ApiCategory &C : ApiCatalog::categories()) {
    if (C.Kind != ApiKind::Blocking || C.Default == CategoryDefault::Internal)
      continue;
    Defined.insert(C.Id);
    if (C.Default == CategoryDefault::Always)
      EnabledCategories.insert(C.Id);
  }
  for (llvm::StringRef Spec : utils::options::parseStringList(RawUserApis))
    Defined.insert(Spec.split('=').second.trim());
  for (llvm::StringRef Category :
       utils::options::parseStringList(RawCategories))
    if (!Category.trim().empty() && !Defined.contains(Category.trim()))
      configurationDiag("invalid configuration value '%0' for option "
                        "'%1.Categories'; expected categories from: %2")
          << Category.trim() << Name
          << llvm::join(ApiCatalog::knownCategories(), ", ");
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
  AsyncApiUseCheck::storeOptions(Opts);
  Options.store(Opts, "Categories", RawCategories);
  Options.store(Opts, "AsyncReplacements", RawAsyncReplacements);
  Options.store(Opts, "ReportConditionalPaths", ReportConditionalPaths);
}

void BlockingCallCheck::onStartOfTranslationUnit() {
  AsyncApiUseCheck::onStartOfTranslationUnit();
  Catalog.startTranslationUnit();
  NonBlockingDescriptors.reset();
  Executors.clear();
  if (FakeAsync)
    FakeAsync->clear();
}

void BlockingCallCheck::collectNonBlockingDescriptors(ASTContext &Ctx) {
  NonBlockingDescriptors.emplace();
  // Once per translation unit, and only when a raw descriptor call shows
  // up in an async context at all. A descriptor is non-blocking when the
  // code configures it so anywhere in the translation unit: often in
  // another function of the same class (its constructor) than the I/O.
  auto Project = unless(isExpansionInSystemHeader());
  auto Insert = [&](const ValueDecl *D) {
    if (D)
      NonBlockingDescriptors->insert(D);
  };
  // fcntl(fd, F_SETFL, flags | O_NONBLOCK), ioctl(fd, FIONBIO, &on).
  for (const BoundNodes &Nodes :
       match(callExpr(Project,
                      callee(functionDecl(
                          hasAnyName(ApiCatalog::descriptorFlagSetters()))),
                      argumentCountAtLeast(2))
                 .bind("call"),
             Ctx)) {
    const auto *Call = Nodes.getNodeAs<CallExpr>("call");
    if (argumentsMentionNonBlocking(Call, Ctx, 1))
      Insert(referencedDecl(Call->getArg(0)));
  }
  // sock.non_blocking(true) (asio), s.blocking(blocking_t::no) (libcoro).
  for (const BoundNodes &Nodes :
       match(cxxMemberCallExpr(Project,
                               callee(cxxMethodDecl(hasAnyName(
                                   ApiCatalog::nonBlockingSetters()))),
                               argumentCountAtLeast(1))
                 .bind("call"),
             Ctx)) {
    const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("call");
    const auto *On = dyn_cast<CXXBoolLiteralExpr>(
        Call->getArg(0)->IgnoreParenImpCasts());
    std::optional<NonBlockingArgument> Argument =
        ApiCatalog::nonBlockingSetterArgument(Call->getMethodDecl()->getName());
    bool NonBlocking = Argument == NonBlockingArgument::True
                           ? On && On->getValue()
                           : argumentsMentionNonBlocking(Call, Ctx, 0);
    if (NonBlocking)
      Insert(referencedDecl(Call->getImplicitObjectArgument()));
  }
  // A descriptor made non-blocking where it is created: a variable or member
  // initialised, or assigned, from socket(..., SOCK_NONBLOCK), accept4(...,
  // SOCK_NONBLOCK) or a factory told so (make_socket({..., blocking_t::no})).
  auto Creation = expr(ignoringImplicit(
                           anyOf(callExpr(), cxxConstructExpr(),
                                 cxxFunctionalCastExpr())))
                      .bind("init");
  for (const BoundNodes &Nodes :
       match(varDecl(Project, hasInitializer(Creation)).bind("decl"), Ctx))
    if (mentionsNonBlocking(Nodes.getNodeAs<Expr>("init")->getSourceRange(),
                            Ctx))
      Insert(Nodes.getNodeAs<VarDecl>("decl"));
  for (const BoundNodes &Nodes :
       match(cxxConstructorDecl(Project, forEachConstructorInitializer(
                                             cxxCtorInitializer(
                                                 forField(fieldDecl().bind(
                                                     "decl")),
                                                 withInitializer(Creation)))),
             Ctx))
    if (mentionsNonBlocking(Nodes.getNodeAs<Expr>("init")->getSourceRange(),
                            Ctx))
      Insert(Nodes.getNodeAs<FieldDecl>("decl"));
  for (const BoundNodes &Nodes :
       match(binaryOperator(Project, isAssignmentOperator(),
                            hasLHS(expr().bind("lhs")), hasRHS(Creation)),
             Ctx))
    if (mentionsNonBlocking(Nodes.getNodeAs<Expr>("init")->getSourceRange(),
                            Ctx))
      Insert(referencedDecl(Nodes.getNodeAs<Expr>("lhs")));
}

bool BlockingCallCheck::showsNonBlocking(const Expr *Call, const ApiMatch &Api,
                                         const ExecutionSite &Site,
                                         ASTContext &Ctx) {
  if (const auto *CE = dyn_cast<CallExpr>(Call);
      CE && (Catalog.argumentsSayNonBlocking(Api.Name, CE, Ctx) ||
             ApiCatalog::isWakeUpWrite(Api.Name, CE)))
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

std::optional<ApiMatch> BlockingCallCheck::findApi(const Expr *Call,
                                                   const ExecutionSite &Site,
                                                   const Stmt *,
                                                   ASTContext &Ctx) {
  std::optional<ApiMatch> Api = Catalog.lookup(Call, ApiKind::Blocking);
  if (!Api || !EnabledCategories.contains(Api->Entry->Category))
    return std::nullopt;
  if (showsNonBlocking(Call, *Api, Site, Ctx))
    return std::nullopt;
  return Api;
}

void BlockingCallCheck::startContext(const AsyncContext &AC) {
  DescriptorReady = AC.WaitsForReadiness;
  OnBlockingPool = false;
}

bool BlockingCallCheck::looksAt(const ExecutionSite &Site, ASTContext &Ctx) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(Site.S);
      Await && Await->getOperand()) {
    const Expr *Awaited = stripWrappers(Await->getOperand());
    if (Catalog.lookup(Awaited, ApiKind::Readiness))
      DescriptorReady = true;
    if (std::optional<HopTarget> Hop = Executors.hopOf(Awaited, Ctx))
      OnBlockingPool = *Hop == HopTarget::BlockingPool;
    return false;
  }
  return !OnBlockingPool;
}

// A sync wait is coro-sync-wait's finding, not a blocking call here.
bool BlockingCallCheck::isOpaque(const Expr *Call) {
  return Catalog.lookup(Call, ApiKind::SyncWait).has_value();
}

bool BlockingCallCheck::keepsUse(const AsyncApiUse &Use, const AsyncContext &AC,
                                 const ExecutionSite &Site, ASTContext &Ctx) {
  if (Use.isDirect()) {
    if (DescriptorReady && Catalog.descriptorOf(Use.Api.Name, Use.Call))
      return false;
  } else {
    if (Use.Path->Conditional && !ReportConditionalPaths)
      return false;
    // Reactor-style I/O on a ready descriptor, or followed by would-block
    // handling, does not wait.
    const Expr *ApiCall = Use.Path->apiCall();
    if (ApiCall && Catalog.descriptorOf(Use.Api.Name, ApiCall) &&
        (DescriptorReady || handlesWouldBlockAround(Site, Ctx)))
      return false;
  }
  llvm::ArrayRef<const Expr *> Chain;
  if (Use.Path)
    Chain = Use.Path->Chain;
  return !inNoExecutorBranch(Site, Ctx) &&
         !(FakeAsync &&
           FakeAsync->ownsBlockingCall(Use.Call, AC.Function, Chain, Ctx));
}

void BlockingCallCheck::planUse(AsyncApiUse &Use, const AsyncContext &AC,
                                const ExecutionSite &Site, ASTContext &Ctx) {
  if (!Use.isDirect() || !Site.CanAwait)
    return;
  bool TokenOk = asioNamespace(AC.Fw).empty() || acceptsDefaultAsioToken(AC);
  // The callee's asio flavour must be the coroutine's: a standalone asio
  // socket cannot be awaited with boost::asio::use_awaitable.
  Framework CalleeAsio = asioFlavourOf(Use.Api.Name);
  bool SameAsio = CalleeAsio == Framework::None || CalleeAsio == AC.Fw;
  if (!TokenOk || !SameAsio)
    return;
  if (const std::string *Template = Catalog.rewriteFor(Use.Api.Name, AC.Fw))
    if (std::optional<std::string> Text =
            expandRewrite(*Template, Use.Call, AC.Fw, Ctx))
      Use.Rewrite = replaceCallFixIt(Use.Call, *Text, Site.Ancestors);
}

void BlockingCallCheck::render(const AsyncApiUse &Use, const AsyncContext &AC) {
  llvm::StringRef Category =
      ApiCatalog::describeCategory(ApiKind::Blocking, Use.Api.Entry->Category);
  if (!Use.isDirect()) {
    diag(Use.Call->getBeginLoc(),
         "call to '%0' in %1 blocks the executor thread: it reaches '%2' (%3)")
        << plainQualifiedName(Use.Helper) << AC.describe()
        << Use.Api.DisplayName << Category << Use.Call->getSourceRange();
    notePath(*this, *Use.Path, "blocks", AC.Function->getASTContext());
    return;
  }
  auto Diag = diag(Use.Call->getBeginLoc(),
                   "blocking call to '%0' (%1) in %2 stalls the executor "
                   "thread; use %3 instead")
              << Use.Api.DisplayName << Category << AC.describe()
              << Use.Api.Entry->Advice << Use.Call->getSourceRange();
  if (Use.Rewrite)
    Diag << *Use.Rewrite;
}

} // namespace clang::tidy::corolint
