// Temporary bootstrap driver; replaced by the full driver.
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;

static llvm::cl::OptionCategory Category("corolint");
static llvm::cl::opt<std::string> Checks("checks", llvm::cl::init("coro-*"),
                                         llvm::cl::cat(Category));
static llvm::cl::opt<bool> Fix("fix", llvm::cl::cat(Category));
static llvm::cl::opt<std::string> Config("config", llvm::cl::cat(Category));

int main(int argc, const char **argv) {
  auto OP = tooling::CommonOptionsParser::create(argc, argv, Category);
  if (!OP) {
    llvm::errs() << "corolint: " << llvm::toString(OP.takeError()) << "\n";
    return 2;
  }
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*," + Checks;
  ClangTidyOptions Overrides;
  if (!Config.empty()) {
    auto Parsed = parseConfiguration(llvm::MemoryBufferRef(Config, "--config"));
    if (!Parsed) {
      llvm::errs() << "corolint: bad --config\n";
      return 2;
    }
    Overrides = *Parsed;
    Overrides.Checks = "-*," + Checks;
  }
  auto Provider = std::make_unique<DefaultOptionsProvider>(Global, Defaults);
  ClangTidyOptions Merged = Defaults;
  Merged.mergeWith(Overrides, 0);
  Provider = std::make_unique<DefaultOptionsProvider>(Global, Merged);
  ClangTidyContext Context(std::move(Provider));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, OP->getCompilations(), OP->getSourcePathList(), FS,
                   Fix, false, "", true);
  unsigned WarningsAsErrors = 0;
  handleErrors(Errors, Context, Fix ? FB_Fix : FB_NoFix, WarningsAsErrors, FS);
  return Errors.empty() ? 0 : 1;
}
