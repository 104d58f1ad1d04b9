//===--- CoroutineCheck.h - Base of the plain corolint checks ---*- C++ -*-===//
//
// What the corolint checks that are not AsyncApiUseChecks share: they run
// on C++20 code only, where coroutines exist; and those that look at every
// function body of the project register the same matcher for it.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_COROUTINECHECK_H
#define COROLINT_CHECKS_COROUTINECHECK_H

#include "AsyncContext.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::corolint {

class CoroutineCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
};

/// A check of every function definition outside system headers, each
/// walked from its body down (registerFunctionBodyMatcher).
class FunctionBodyCheck : public CoroutineCheck {
public:
  using CoroutineCheck::CoroutineCheck;
  void registerMatchers(ast_matchers::MatchFinder *Finder) final {
    registerFunctionBodyMatcher(Finder, this);
  }
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final {
    if (const FunctionDecl *FD = matchedFunctionBody(Result))
      checkDefinition(FD, *Result.Context);
  }

protected:
  /// Checks one function definition.
  virtual void checkDefinition(const FunctionDecl *FD, ASTContext &Ctx) = 0;
};

} // namespace clang::tidy::corolint

#endif
