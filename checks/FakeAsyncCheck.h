//===--- FakeAsyncCheck.h - coro-fake-async ---------------------*- C++ -*-===//

#ifndef COROLINT_CHECKS_FAKEASYNCCHECK_H
#define COROLINT_CHECKS_FAKEASYNCCHECK_H

#include "CoroutineCheck.h"
#include "FakeAsync.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::corolint {

/// Flags a function whose signature promises asynchrony while its body only
/// moves blocking work onto another thread (std::async, a thread, a pool, a
/// coroutine's hop onto a pool), or does it inline before returning a ready
/// future or task. The analysis is FakeAsyncAnalysis, shared with
/// coro-blocking-call.
///
/// For the user-facing documentation see docs/checks/coro-fake-async.md.
class FakeAsyncCheck : public CoroutineCheck {
public:
  FakeAsyncCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  const std::string RawBlockingExecutors;
  const bool IncludeCpuBoundOffload;
  FakeAsyncAnalysis Analysis;
  /// A template's instantiations are one definition in the source.
  llvm::DenseSet<SourceLocation> Reported;
};

/// coro-fake-async's options as another check reads them: the executors
/// designated for blocking work matter to coro-blocking-call too.
FakeAsyncOptions fakeAsyncOptions(const ClangTidyCheck::OptionsView &Options);

} // namespace clang::tidy::corolint

#endif
