//===--- ClangTidyCompat.cpp - clang-tidy's flags in corolint -------------===//

#include "ClangTidyCompat.h"
#include "Analysis.h"
#include "Config.h"
#include "Driver.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "llvm/Support/FileSystem.h"
#include <fmt/format.h>

namespace corolint {
namespace tidy = clang::tidy;
namespace cl = llvm::cl;

cl::OptionCategory &clangTidyCategory() {
  static cl::OptionCategory Category(
      "clang-tidy's options (same meaning as in clang-tidy)");
  return Category;
}

namespace {

cl::list<std::string> ExtraArg(
    "extra-arg",
    cl::desc("Additional argument to append to the compiler command line"),
    cl::value_desc("arg"), cl::cat(clangTidyCategory()));
cl::list<std::string> ExtraArgBefore(
    "extra-arg-before",
    cl::desc("Additional argument to prepend to the compiler command line"),
    cl::value_desc("arg"), cl::cat(clangTidyCategory()));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression of the headers to report findings in "
             "(overrides HeaderFilterRegex; default '.*')"),
    cl::value_desc("regex"), cl::cat(clangTidyCategory()));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Regular expression of headers not to report findings in, even "
             "if --header-filter matches them"),
    cl::value_desc("regex"), cl::cat(clangTidyCategory()));
cl::opt<bool> SystemHeaders(
    "system-headers",
    cl::desc("Report findings in system headers too (--system-headers=false "
             "overrides SystemHeaders)"),
    cl::cat(clangTidyCategory()));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Checks whose findings are errors (globs; overrides "
             "WarningsAsErrors). In a compile hook only errors fail the "
             "compile"),
    cl::value_desc("globs"), cl::cat(clangTidyCategory()));
cl::opt<std::string> LineFilter(
    "line-filter",
    cl::desc("Report findings only on these lines, as JSON: "
             "'[{\"name\":\"a.cpp\",\"lines\":[[1,3],[5,5]]},{\"name\":\"b.h\"}]'"),
    cl::value_desc("json"), cl::cat(clangTidyCategory()));
cl::opt<bool> FixErrors(
    "fix-errors",
    cl::desc("Apply fix-its even if a file has compile errors (implies "
             "--fix)"),
    cl::cat(clangTidyCategory()));
cl::opt<bool> FixNotes(
    "fix-notes",
    cl::desc("A finding without a fix-it takes the fix-it of its only note "
             "with one (implies --fix)"),
    cl::cat(clangTidyCategory()));
cl::opt<bool>
    DumpConfig("dump-config",
               cl::desc("Print the effective configuration of the first file "
                        "(or of the current directory) and exit"),
               cl::cat(clangTidyCategory()));
cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the configuration for unknown checks and options, and "
             "exit (1 when there are problems)"),
    cl::cat(clangTidyCategory()));
cl::opt<bool> UseColor("use-color",
                       cl::desc("Colour text output (--use-color=false: never; "
                                "same as --color=always|never)"),
                       cl::cat(clangTidyCategory()));
cl::opt<bool> EnableCheckProfile(
    "enable-check-profile",
    cl::desc("Print the time each check took, summed over the files, on "
             "standard error"),
    cl::cat(clangTidyCategory()));
// The name users of other linters look for.
cl::alias Profile("profile", cl::desc("Alias for --enable-check-profile"),
                  cl::aliasopt(EnableCheckProfile));
cl::opt<std::string> StoreCheckProfile(
    "store-check-profile",
    cl::desc("With --enable-check-profile, write each file's profile as JSON "
             "under this prefix instead"),
    cl::value_desc("prefix"), cl::cat(clangTidyCategory()));
cl::opt<std::string>
    VfsOverlay("vfsoverlay",
               cl::desc("Overlay the virtual file system described by this "
                        "file over the real one"),
               cl::value_desc("file"), cl::cat(clangTidyCategory()));

template <typename T>
std::optional<T> ifGiven(const cl::opt<T> &Option) {
  if (Option.getNumOccurrences())
    return Option.getValue();
  return std::nullopt;
}

/// The closest registered check, for a "did you mean".
std::string closestCheck(llvm::StringRef Name,
                         const llvm::StringSet<> &Checks) {
  std::string Best;
  unsigned BestDistance = 4; // Only near misses.
  for (const auto &Check : Checks) {
    unsigned Distance = Name.edit_distance(Check.getKey(), true, BestDistance);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Check.getKey().str();
    }
  }
  return Best;
}

/// clang-tidy's verifyChecks: every glob should match some check.
bool verifyChecks(const llvm::StringSet<> &Known, llvm::StringRef Globs,
                  llvm::StringRef Source) {
  bool Problems = false;
  tidy::GlobList List(Globs);
  for (const auto &Item : List.getItems()) {
    // The compiler's warnings and the analyser are clang-tidy's: corolint
    // turns them off itself.
    if (Item.Text.empty() || Item.Text.starts_with("clang-diagnostic") ||
        Item.Text.starts_with("clang-analyzer"))
      continue;
    if (llvm::any_of(Known.keys(), [&](llvm::StringRef Check) {
          return Item.Regex.match(Check);
        }))
      continue;
    Problems = true;
    if (Item.Text.contains('*')) {
      reportWarning(fmt::format("{}: check glob '{}' matches no check",
                                Source.str(), Item.Text.str()));
      continue;
    }
    std::string Hint = closestCheck(Item.Text, Known);
    reportWarning(fmt::format("{}: unknown check '{}'{}", Source.str(),
                              Item.Text.str(),
                              Hint.empty() ? ""
                                           : "; did you mean '" + Hint + "'?"));
  }
  return Problems;
}

std::string probeFile(const DriverOptions &Options) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  if (!Options.Files.empty())
    return normalisePath(Options.Files.front(), Cwd);
  llvm::sys::path::append(Cwd, "dummy.cpp");
  return std::string(Cwd);
}

} // namespace

llvm::Error applyClangTidyFlags(DriverOptions &D, bool ColorGiven,
                                Command::Kind &What) {
  D.ExtraArgs = ExtraArg;
  D.ExtraArgsBefore = ExtraArgBefore;
  D.HeaderFilter = ifGiven(HeaderFilter);
  D.ExcludeHeaderFilter = ifGiven(ExcludeHeaderFilter);
  D.SystemHeaders = ifGiven(SystemHeaders);
  D.WarningsAsErrors = ifGiven(WarningsAsErrors);
  D.LineFilter = LineFilter;
  D.FixErrors = FixErrors;
  D.FixNotes = FixNotes;
  // As in clang-tidy, both apply fixes; with --diff they are diffed instead.
  if ((D.FixErrors || D.FixNotes) && !D.Diff)
    D.Fix = true;
  D.EnableCheckProfile = EnableCheckProfile;
  D.StoreCheckProfile = StoreCheckProfile;
  D.VfsOverlay = VfsOverlay;
  if (UseColor.getNumOccurrences() && !ColorGiven)
    D.Color = UseColor ? ColorMode::Always : ColorMode::Never;
  if (!D.VfsOverlay.empty() && !llvm::sys::fs::exists(D.VfsOverlay))
    return llvm::createStringError(
        fmt::format("--vfsoverlay={}: no such file", D.VfsOverlay));
  if (!D.StoreCheckProfile.empty() && !D.EnableCheckProfile)
    return llvm::createStringError(
        "--store-check-profile needs --enable-check-profile");
  if (DumpConfig)
    What = Command::DumpConfig;
  if (VerifyConfig)
    What = Command::VerifyConfig;
  return llvm::Error::success();
}

void applyClangTidyOverrides(const DriverOptions &Options,
                             tidy::ClangTidyOptions &Overrides) {
  if (Options.HeaderFilter)
    Overrides.HeaderFilterRegex = *Options.HeaderFilter;
  if (Options.ExcludeHeaderFilter)
    Overrides.ExcludeHeaderFilterRegex = *Options.ExcludeHeaderFilter;
  if (Options.SystemHeaders)
    Overrides.SystemHeaders = *Options.SystemHeaders;
  if (Options.WarningsAsErrors)
    Overrides.WarningsAsErrors = *Options.WarningsAsErrors;
}

bool isCompileHook(const DriverOptions &Options) {
  if (!Options.FixedCompilerArgs || Options.FixedCompilerArgs->empty())
    return false;
  const std::vector<std::string> &Args = *Options.FixedCompilerArgs;
  return !llvm::StringRef(Args.front()).starts_with("-") &&
         llvm::is_contained(Args, "-c");
}

int findingsExitStatus(const DriverOptions &Options,
                       llvm::ArrayRef<Finding> Findings) {
  if (!isCompileHook(Options))
    return Findings.empty() ? ExitClean : ExitFindings;
  bool AnyError = llvm::any_of(
      Findings, [](const Finding &F) { return F.Level == "error"; });
  return AnyError ? ExitFindings : ExitClean;
}

int runDumpConfig(const DriverOptions &Options) {
  auto Cfg = Config::create(Options);
  if (!Cfg) {
    reportError(llvm::toString(Cfg.takeError()));
    return ExitError;
  }
  std::string File = probeFile(Options);
  if (llvm::Error Err = Cfg->checkConfigFiles({File})) {
    reportError(llvm::toString(std::move(Err)));
    return ExitError;
  }
  tidy::ClangTidyOptions Effective = Cfg->makeProvider()->getOptions(File);
  // As clang-tidy: with every enabled check's options and their defaults.
  Effective.CheckOptions = tidy::getCheckOptions(
      Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
      /*ExperimentalCustomChecks=*/false);
  llvm::outs() << tidy::configurationAsText(
                      tidy::ClangTidyOptions::getDefaults().merge(Effective, 0))
               << "\n";
  return ExitClean;
}

int runVerifyConfig(const DriverOptions &Options) {
  auto Cfg = Config::create(Options);
  if (!Cfg) {
    reportError(llvm::toString(Cfg.takeError()));
    return ExitError;
  }
  std::string File = probeFile(Options);
  // What an analysis would refuse (a bad option value, no check enabled) is
  // one more problem to list here, not the end of the verification.
  bool Problems = false;
  if (llvm::Error Err = Cfg->checkConfigFiles({File})) {
    reportWarning(llvm::toString(std::move(Err)));
    Problems = true;
  }
  tidy::ChecksAndOptions Known = tidy::getAllChecksAndOptions(
      /*AllowEnablingAnalyzerAlphaCheckers=*/false,
      /*ExperimentalCustomChecks=*/false);
  for (const auto &[Opts, Source] : Cfg->makeProvider()->getRawOptions(File)) {
    // corolint's defaults and its own overrides are not the user's to fix;
    // the flags are checked below.
    if (Source == tidy::ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ||
        Source ==
            tidy::ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption)
      continue;
    if (Opts.Checks)
      Problems |= verifyChecks(Known.Checks, *Opts.Checks, Source);
    if (Opts.WarningsAsErrors)
      Problems |= verifyChecks(Known.Checks, *Opts.WarningsAsErrors, Source);
    for (const auto &Option : Opts.CheckOptions) {
      llvm::StringRef Key = Option.getKey();
      if (Known.Options.contains(Key))
        continue;
      Problems = true;
      reportWarning(fmt::format("{}: unknown check option '{}'", Source,
                                Key.str()));
    }
  }
  if (Options.ChecksGiven)
    Problems |= verifyChecks(Known.Checks, Options.Checks, "--checks");
  if (Options.WarningsAsErrors)
    Problems |= verifyChecks(Known.Checks, *Options.WarningsAsErrors,
                             "--warnings-as-errors");
  if (Problems)
    return ExitFindings;
  llvm::outs() << "No config errors detected.\n";
  return ExitClean;
}

} // namespace corolint
