//===--- Config.cpp - Check selection and CheckOptions --------------------===//

#include "Config.h"
#include "CheckDocs.h"
#include "ClangTidyCompat.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
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

using OptionsSource = tidy::ClangTidyOptionsProvider::OptionsSource;
constexpr llvm::StringLiteral DefaultSource =
    tidy::ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary;
constexpr llvm::StringLiteral ChecksSource =
    tidy::ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption;
constexpr llvm::StringLiteral ConfigSource =
    tidy::ClangTidyOptionsProvider::OptionsSourceTypeConfigCommandLineOption;

/// The terms of a Checks value, without whitespace.
llvm::SmallVector<llvm::StringRef> checkTerms(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef> Terms;
  llvm::SmallVector<llvm::StringRef> Lines;
  Checks.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    llvm::SmallVector<llvm::StringRef> Parts;
    Line.split(Parts, ',');
    for (llvm::StringRef Part : Parts)
      if (!Part.trim().empty())
        Terms.push_back(Part.trim());
  }
  return Terms;
}

/// Whether a Checks value names a corolint check, enabling or disabling it.
bool mentionsCorolint(llvm::StringRef Checks) {
  return llvm::any_of(checkTerms(Checks), [](llvm::StringRef Term) {
    Term.consume_front("-");
    return Term.trim().starts_with("coro-");
  });
}

/// The driver's reading of configuration sources: Checks that name no
/// coro-* check are dropped (and remembered), so a .clang-tidy written for
/// clang-tidy does not turn corolint off. Sources are renamed as the
/// driver's messages name them.
class CorolintOptionsProvider : public tidy::ClangTidyOptionsProvider {
public:
  CorolintOptionsProvider(std::unique_ptr<tidy::ClangTidyOptionsProvider> Inner,
                          std::string ExplicitName)
      : Inner(std::move(Inner)), ExplicitName(std::move(ExplicitName)) {}

  const tidy::ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef File) override {
    std::vector<OptionsSource> Raw = Inner->getRawOptions(File);
    LastIgnored.clear();
    for (auto &[Options, Source] : Raw) {
      if (Source == DefaultSource) {
        Source = "corolint's default (coro-*)";
        continue;
      }
      if (Source == ChecksSource) {
        Source = "--checks";
        continue;
      }
      if (Source == ConfigSource)
        Source = ExplicitName;
      if (Options.Checks && !mentionsCorolint(*Options.Checks)) {
        Options.Checks.reset();
        LastIgnored.push_back(Source);
      }
    }
    return Raw;
  }

  /// The sources whose Checks the last getRawOptions call dropped.
  std::vector<std::string> LastIgnored;

private:
  std::unique_ptr<tidy::ClangTidyOptionsProvider> Inner;
  std::string ExplicitName;
};

/// The source that decides Check: the highest-priority one with a Checks
/// term matching it (the last such term wins, as in clang-tidy's GlobList).
const OptionsSource *decidingSource(llvm::ArrayRef<OptionsSource> Raw,
                                    llvm::StringRef Check) {
  for (const OptionsSource &Source : llvm::reverse(Raw)) {
    if (!Source.first.Checks)
      continue;
    for (llvm::StringRef Term : checkTerms(*Source.first.Checks)) {
      Term.consume_front("-");
      if (tidy::GlobList(Term.trim()).contains(Check))
        return &Source;
    }
  }
  return nullptr;
}

/// Creates the enabled checks as the analysis would, and collects what
/// they report about their options (clang-tidy's configurationDiag).
std::vector<std::string>
optionValueErrors(std::unique_ptr<tidy::ClangTidyOptionsProvider> Provider,
                  llvm::StringRef File) {
  tidy::ClangTidyContext Context(std::move(Provider));
  tidy::ClangTidyDiagnosticConsumer Consumer(Context);
  auto DiagOpts = std::make_unique<clang::DiagnosticOptions>();
  clang::DiagnosticsEngine Diags(clang::DiagnosticIDs::create(), *DiagOpts,
                                 &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Diags);
  Context.setCurrentFile(File);
  tidy::ClangTidyCheckFactories Factories;
  for (const auto &Module : tidy::ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  Factories.createChecks(&Context);
  std::vector<std::string> Errors;
  for (const tidy::ClangTidyError &E : Consumer.take())
    if (E.DiagnosticName == "clang-tidy-config")
      Errors.push_back(E.Message.Message);
  return Errors;
}

/// The option a clang-tidy configuration message is about.
llvm::StringRef optionNamed(llvm::StringRef Message) {
  size_t Start = Message.find("option '");
  if (Start == llvm::StringRef::npos)
    return {};
  llvm::StringRef Rest = Message.substr(Start + 8);
  return Rest.take_until([](char C) { return C == '\''; });
}

} // namespace

bool CheckSelection::anyEnabled() const {
  return llvm::any_of(States, [](const CheckState &S) { return S.Enabled; });
}

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
  // corolint index runs the checks whose finders record the index.
  if (Options.BuildIndex)
    C.Overrides.Checks = "-*,coro-blocking-call,coro-sync-wait";
  // corolint migrate reads its own facts (checks/Migration.h); one check
  // runs so that the pipeline's "no checks enabled" guard holds.
  if (Options.Migrate)
    C.Overrides.Checks = "-*,coro-blocking-call";
  // --index reaches every check that follows calls as the global option
  // the plugin and corolint-clangd read from .clang-tidy.
  if (!Options.ProjectIndexFile.empty())
    C.Overrides.CheckOptions["ProjectIndex"] =
        tidy::ClangTidyOptions::ClangTidyValue(Options.ProjectIndexFile);

  if (Options.ConfigGiven) {
    auto Parsed = parseConfig(Options.ConfigText, "--config");
    if (!Parsed)
      return Parsed.takeError();
    C.Explicit = *Parsed;
    C.ExplicitName = "--config";
  } else if (!Options.ConfigFile.empty()) {
    auto Buffer = llvm::MemoryBuffer::getFile(Options.ConfigFile);
    if (!Buffer)
      return llvm::createStringError(fmt::format("{}: {}", Options.ConfigFile,
                                                 Buffer.getError().message()));
    auto Parsed = parseConfig((*Buffer)->getBuffer(), Options.ConfigFile);
    if (!Parsed)
      return Parsed.takeError();
    C.Explicit = *Parsed;
    C.ExplicitName = Options.ConfigFile;
  }
  return C;
}

std::unique_ptr<tidy::ClangTidyOptionsProvider>
Config::makeFileProvider(std::string *FirstError) const {
  std::unique_ptr<tidy::ClangTidyOptionsProvider> Inner;
  if (Explicit)
    Inner = std::make_unique<tidy::ConfigOptionsProvider>(
        tidy::ClangTidyGlobalOptions(), Defaults, *Explicit, Overrides);
  else
    Inner = std::make_unique<CheckedFileOptionsProvider>(Defaults, Overrides,
                                                         FirstError);
  return std::make_unique<CorolintOptionsProvider>(std::move(Inner),
                                                   ExplicitName);
}

std::unique_ptr<tidy::ClangTidyOptionsProvider> Config::makeProvider() const {
  return makeFileProvider(nullptr);
}

llvm::Error Config::checkConfigFiles(llvm::ArrayRef<std::string> Files) const {
  std::string FirstError;
  auto Provider = makeFileProvider(&FirstError);
  tidy::ChecksAndOptions Known = tidy::getAllChecksAndOptions(
      /*AllowEnablingAnalyzerAlphaCheckers=*/false,
      /*ExperimentalCustomChecks=*/false);
  llvm::StringSet<> SourcesSeen, ConfigurationsSeen;
  for (const std::string &File : Files) {
    std::vector<OptionsSource> Raw = Provider->getRawOptions(File);
    if (!FirstError.empty())
      return llvm::createStringError(FirstError);
    // Unknown coro-* options, once per configuration source. Options of
    // other checks belong to clang-tidy, which shares the file.
    std::string Configuration;
    for (const auto &[Options, Source] : Raw) {
      Configuration += Source + "\n";
      if (!SourcesSeen.insert(Source).second)
        continue;
      for (const auto &Option : Options.CheckOptions) {
        llvm::StringRef Name = Option.getKey();
        if (!Name.starts_with("coro-") || Known.Options.contains(Name))
          continue;
        auto [Check, Local] = Name.split('.');
        if (!Known.Checks.contains(Check))
          return llvm::createStringError(
              fmt::format("{}: option '{}' is for an unknown check '{}' (see "
                          "--list-checks)",
                          Source, Name.str(), Check.str()));
        std::vector<std::string> Valid;
        for (const auto &KnownOption : Known.Options)
          if (KnownOption.getKey().starts_with((Check + ".").str()))
            Valid.push_back(
                KnownOption.getKey().drop_front(Check.size() + 1).str());
        llvm::sort(Valid);
        return llvm::createStringError(
            fmt::format("{}: unknown option '{}' ({} has: {})", Source,
                        Name.str(), Check.str(), llvm::join(Valid, ", ")));
      }
    }
    // Values the checks reject, once per distinct set of sources.
    if (!ConfigurationsSeen.insert(Configuration).second)
      continue;
    std::vector<std::string> Errors = optionValueErrors(makeProvider(), File);
    if (Errors.empty())
      continue;
    // Name the source that set the option.
    llvm::StringRef Option = optionNamed(Errors.front());
    std::string Source = "configuration";
    for (const auto &[Options, Name] : llvm::reverse(Raw))
      if (Options.CheckOptions.count(Option)) {
        Source = Name;
        break;
      }
    return llvm::createStringError(
        fmt::format("{}: {}", Source, Errors.front()));
  }
  return llvm::Error::success();
}

namespace {

CheckSelection selectFrom(tidy::ClangTidyOptionsProvider &Provider,
                          llvm::StringRef File) {
  auto &Corolint = static_cast<CorolintOptionsProvider &>(Provider);
  std::vector<OptionsSource> Raw = Corolint.getRawOptions(File);
  CheckSelection Selection;
  Selection.Ignored = Corolint.LastIgnored;
  tidy::ClangTidyOptions Merged;
  for (unsigned I = 0; I < Raw.size(); ++I)
    Merged.mergeWith(Raw[I].first, I);
  tidy::GlobList Filter(Merged.Checks.value_or(""));
  for (const std::string &Check : registeredChecks()) {
    const OptionsSource *Decided = decidingSource(Raw, Check);
    Selection.States.push_back(
        {Check, Filter.contains(Check),
         Decided ? Decided->second : Raw.front().second,
         Decided ? static_cast<unsigned>(Decided - Raw.data()) : 0});
  }
  return Selection;
}

} // namespace

CheckSelection Config::selection(llvm::StringRef File) const {
  return selectFrom(*makeProvider(), File);
}

std::vector<std::string>
Config::filesWithoutChecks(llvm::ArrayRef<std::string> Files) const {
  std::vector<std::string> Lines;
  llvm::StringSet<> Seen;
  auto Provider = makeProvider();
  for (const std::string &File : Files) {
    CheckSelection S = selectFrom(*Provider, File);
    if (S.anyEnabled() || S.States.empty())
      continue;
    // The source of highest priority among those that turned checks off.
    const CheckState *By = &S.States.front();
    for (const CheckState &State : S.States)
      if (State.Priority > By->Priority)
        By = &State;
    std::string Line =
        By->DecidedBy == "--checks"
            ? std::string("--checks enables no coro-* check")
            : fmt::format("{} disables every coro-* check; pass --checks or "
                          "add coro-* there",
                          By->DecidedBy);
    if (Seen.insert(Line).second)
      Lines.push_back(Line);
  }
  return Lines;
}

std::vector<std::string> Config::enabledChecks(llvm::StringRef File) const {
  std::vector<std::string> Enabled;
  for (const CheckState &State : selection(File).States)
    if (State.Enabled)
      Enabled.push_back(State.Check);
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
