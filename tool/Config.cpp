//===--- Config.cpp - Check selection and CheckOptions --------------------===//

#include "Config.h"
#include "CheckDocs.h"
#include "ClangTidyCompat.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <fmt/format.h>

namespace corolint {
namespace tidy = clang::tidy;
namespace {

// The compiler's own warnings and the static analyser are clang-tidy's
// business; this binary reports coro-* checks and compile errors only.
constexpr llvm::StringLiteral OnlyCorolint =
    "-clang-analyzer-*,-clang-diagnostic-*";

/// Parses configuration text; the error names the source and position.
llvm::Expected<tidy::ClangTidyOptions> parseConfig(llvm::StringRef Text,
                                                   llvm::StringRef Source) {
  std::string FirstError;
  auto Parsed = tidy::parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Text, Source), [&](const llvm::SMDiagnostic &D) {
        if (D.getKind() != llvm::SourceMgr::DK_Error || !FirstError.empty())
          return;
        FirstError = fmt::format("{}:{}:{}: malformed config: {}", Source.str(),
                                 D.getLineNo(), D.getColumnNo() + 1,
                                 D.getMessage().str());
      });
  if (Parsed)
    return *Parsed;
  if (FirstError.empty())
    FirstError = fmt::format("{}: malformed config: {}", Source.str(),
                             Parsed.getError().message());
  return llvm::createStringError(FirstError);
}

/// FileOptionsProvider with a .clang-tidy handler that remembers the first
/// malformed file instead of only printing it.
class CheckedFileOptionsProvider : public tidy::FileOptionsProvider {
public:
  CheckedFileOptionsProvider(tidy::ClangTidyOptions Defaults,
                             tidy::ClangTidyOptions Overrides,
                             std::string *FirstError)
      : FileOptionsProvider(
            {}, std::move(Defaults), std::move(Overrides),
            ConfigFileHandlers{{".clang-tidy",
                                [FirstError](llvm::MemoryBufferRef Buffer)
                                    -> llvm::ErrorOr<tidy::ClangTidyOptions> {
                                  auto Parsed =
                                      parseConfig(Buffer.getBuffer(),
                                                  Buffer.getBufferIdentifier());
                                  if (Parsed)
                                    return *Parsed;
                                  std::string Message =
                                      llvm::toString(Parsed.takeError());
                                  if (FirstError && FirstError->empty())
                                    *FirstError = Message;
                                  // Analysis only starts once every config
                                  // parsed, so this is reached by a file edited
                                  // during the run.
                                  return tidy::ClangTidyOptions();
                                }}}) {
    // This constructor of clang-tidy's provider leaves the file system unset.
    FS = llvm::vfs::getRealFileSystem();
  }
};

} // namespace

llvm::Error validateCheckGlobs(llvm::StringRef Globs) {
  std::vector<std::string> Known = registeredChecks();
  llvm::SmallVector<llvm::StringRef> Terms;
  Globs.split(Terms, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Term : Terms) {
    Term = Term.trim();
    if (Term.empty() || Term.starts_with("-"))
      continue;
    tidy::GlobList Glob(Term);
    if (llvm::none_of(Known,
                      [&](const std::string &C) { return Glob.contains(C); }))
      return llvm::createStringError(fmt::format(
          "--checks: unknown check '{}' (see --list-checks)", Term.str()));
  }
  return llvm::Error::success();
}

llvm::Expected<Config> Config::create(const DriverOptions &Options) {
  Config C;
  C.Defaults = tidy::ClangTidyOptions::getDefaults();
  C.Defaults.Checks = "-*,coro-*";
  if (Options.ChecksGiven) {
    if (llvm::Error E = validateCheckGlobs(Options.Checks))
      return std::move(E);
    C.Overrides.Checks = Options.Checks + "," + OnlyCorolint.str();
  } else {
    C.Overrides.Checks = OnlyCorolint.str();
  }
  applyClangTidyOverrides(Options, C.Overrides);

  if (Options.ConfigGiven) {
    auto Parsed = parseConfig(Options.ConfigText, "--config");
    if (!Parsed)
      return Parsed.takeError();
    C.Explicit = *Parsed;
  } else if (!Options.ConfigFile.empty()) {
    auto Buffer = llvm::MemoryBuffer::getFile(Options.ConfigFile);
    if (!Buffer)
      return llvm::createStringError(fmt::format("{}: {}", Options.ConfigFile,
                                                 Buffer.getError().message()));
    auto Parsed = parseConfig((*Buffer)->getBuffer(), Options.ConfigFile);
    if (!Parsed)
      return Parsed.takeError();
    C.Explicit = *Parsed;
  }
  return C;
}

std::unique_ptr<tidy::ClangTidyOptionsProvider> Config::makeProvider() const {
  if (Explicit)
    return std::make_unique<tidy::ConfigOptionsProvider>(
        tidy::ClangTidyGlobalOptions(), Defaults, *Explicit, Overrides);
  return std::make_unique<CheckedFileOptionsProvider>(Defaults, Overrides,
                                                      nullptr);
}

llvm::Error Config::checkConfigFiles(llvm::ArrayRef<std::string> Files) const {
  if (Explicit)
    return llvm::Error::success();
  std::string FirstError;
  CheckedFileOptionsProvider Provider(Defaults, Overrides, &FirstError);
  for (const std::string &File : Files) {
    Provider.getRawOptions(File);
    if (!FirstError.empty())
      return llvm::createStringError(FirstError);
  }
  return llvm::Error::success();
}

std::vector<std::string> Config::enabledChecks(llvm::StringRef File) const {
  tidy::ClangTidyOptions Options = makeProvider()->getOptions(File);
  tidy::GlobList Filter(Options.Checks.value_or(""));
  std::vector<std::string> Enabled;
  for (const std::string &Check : registeredChecks())
    if (Filter.contains(Check))
      Enabled.push_back(Check);
  return Enabled;
}

bool Config::setsHeaderFilter(llvm::StringRef File) const {
  // Every source but the defaults (the first): .clang-tidy files, --config,
  // and the command line's --header-filter.
  auto Sources = makeProvider()->getRawOptions(File);
  return llvm::any_of(llvm::drop_begin(Sources), [](const auto &Source) {
    return Source.first.HeaderFilterRegex.has_value();
  });
}

} // namespace corolint
