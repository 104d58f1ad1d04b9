//===--- CorolintModule.cpp - The coro-* checks as a clang-tidy module ----===//

#include "BlockingCallCheck.h"
#include "DetachedTaskCheck.h"
#include "DroppedCancellationCheck.h"
#include "FakeAsyncCheck.h"
#include "LockAcrossAwaitCheck.h"
#include "SyncWaitCheck.h"
#include "ThreadLocalAcrossAwaitCheck.h"
#include "UnawaitedTaskCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::corolint {

class CorolintModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingCallCheck>("coro-blocking-call");
    Factories.registerCheck<SyncWaitCheck>("coro-sync-wait");
    Factories.registerCheck<DetachedTaskCheck>("coro-detached-task");
    Factories.registerCheck<UnawaitedTaskCheck>("coro-unawaited-task");
    Factories.registerCheck<LockAcrossAwaitCheck>("coro-lock-across-await");
    Factories.registerCheck<ThreadLocalAcrossAwaitCheck>(
        "coro-thread-local-across-await");
    Factories.registerCheck<FakeAsyncCheck>("coro-fake-async");
    Factories.registerCheck<DroppedCancellationCheck>(
        "coro-dropped-cancellation");
  }
};

} // namespace clang::tidy::corolint

namespace clang::tidy {
// Registered once per process, whichever front end links the module.
static ClangTidyModuleRegistry::Add<corolint::CorolintModule>
    CorolintModuleRegistration("corolint-module",
                               "Checks for C++20 coroutine code.");
} // namespace clang::tidy
