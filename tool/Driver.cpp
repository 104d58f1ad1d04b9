//===--- Driver.cpp - corolint's commands ---------------------------------===//
//
// The analysis pipeline: resolve the inputs and their compile commands
// (every problem is reported before anything runs), check the
// configuration, analyse files in parallel, then report, suppress, fix and
// summarise in a deterministic order.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "Analysis.h"
#include "AtomicWrite.h"
#include "Baseline.h"
#include "CheckDocs.h"
#include "CheckProfile.h"
#include "ClangTidyCompat.h"
#include "Config.h"
#include "Fixes.h"
#include "JsonInput.h"
#include "JsonOutput.h"
#include "LineFilter.h"
#include "Migrate.h"
#include "Progress.h"
#include "SarifOutput.h"
#include "Sharding.h"
#include "SourceRoot.h"
#include "TextOutput.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <fmt/format.h>
#include <numeric>

namespace corolint {
namespace tooling = clang::tooling;

void reportError(llvm::StringRef Message) {
  llvm::errs() << "corolint: error: " << Message << "\n";
}

void reportWarning(llvm::StringRef Message) {
  llvm::errs() << "corolint: warning: " << Message << "\n";
}

namespace {

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return std::string(Dir);
}

bool isHeader(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return Ext.empty() || llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++",
                                            ".inl", ".ipp", ".tcc", ".inc"},
                                           Ext.lower());
}

std::string checkCompileDatabase(llvm::StringRef Dir);

/// What is wrong with the database clang would find for a file in Dir (the
/// nearest compile_commands.json or compile_flags.txt above it); empty when
/// nothing is, or there is none.
std::string nearestDatabaseProblem(llvm::StringRef Dir) {
  for (llvm::StringRef D = Dir; !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Json(D), Flags(D);
    llvm::sys::path::append(Json, "compile_commands.json");
    llvm::sys::path::append(Flags, "compile_flags.txt");
    if (llvm::sys::fs::exists(Json))
      return checkCompileDatabase(D);
    if (llvm::sys::fs::exists(Flags))
      return "";
  }
  return "";
}

/// Without -p or `--`, each file's compile commands come from the database
/// found in its directory or above, as in clang-tidy; files of different
/// projects can be analysed together.
class DetectedCompilations : public tooling::CompilationDatabase {
public:
  /// The database for File; null (with Error set) if there is none.
  const tooling::CompilationDatabase *detect(llvm::StringRef File,
                                             std::string &Error) {
    std::string Dir = llvm::sys::path::parent_path(File).str();
    auto [It, Inserted] = ByDirectory.try_emplace(Dir, nullptr);
    if (Inserted) {
      // clang's loader has one message for every problem (and echoes a
      // binary file): the database it would load is checked first.
      Problems[Dir] = nearestDatabaseProblem(Dir);
      if (Problems[Dir].empty()) {
        Owned.push_back(
            tooling::CompilationDatabase::autoDetectFromSource(File, Error));
        It->second = Owned.back().get();
      }
    }
    Error = Problems.lookup(Dir);
    if (It->second)
      ByFile[File] = It->second;
    return It->second;
  }

  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    auto It = ByFile.find(File);
    if (It == ByFile.end())
      return {};
    return It->second->getCompileCommands(File);
  }

private:
  std::vector<std::unique_ptr<tooling::CompilationDatabase>> Owned;
  llvm::StringMap<const tooling::CompilationDatabase *> ByDirectory;
  llvm::StringMap<const tooling::CompilationDatabase *> ByFile;
  llvm::StringMap<std::string> Problems;
};

/// Text fit for one line of an error message: no control bytes, no
/// invalid UTF-8, bounded.
std::string printable(llvm::StringRef Text) {
  Text = Text.take_until([](char C) { return C == '\n'; });
  std::string Out;
  for (char C : Text.take_front(200))
    Out += llvm::isPrint(C) ? C : '?';
  return Out;
}

/// Why the compile database in Dir cannot be used, or empty. clang's loader
/// gives one message for every problem (and echoes a binary file to
/// standard error), so the common ones are told apart here first.
std::string checkCompileDatabase(llvm::StringRef Dir) {
  if (!llvm::sys::fs::is_directory(Dir))
    return fmt::format("{}: no such directory", Dir.str());
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "compile_commands.json");
  if (!llvm::sys::fs::exists(Path)) {
    llvm::SmallString<256> Flags(Dir);
    llvm::sys::path::append(Flags, "compile_flags.txt");
    if (llvm::sys::fs::exists(Flags))
      return "";
    return fmt::format("{}: no compile_commands.json in this directory",
                       Dir.str());
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return fmt::format("{}: {}", Path.str(), Buffer.getError().message());
  llvm::StringRef Text = (*Buffer)->getBuffer();
  auto Malformed = [&](llvm::StringRef Why) {
    return fmt::format("{}: malformed compile database: {}", Path.str(),
                       Why.str());
  };
  if (Text.contains('\0') || !llvm::json::isUTF8(Text))
    return Malformed("binary data, not JSON");
  auto Parsed = parseJsonArtefact(Text);
  if (!Parsed)
    return Malformed(printable(llvm::toString(Parsed.takeError())));
  const llvm::json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    return Malformed("expected an array of compile commands");
  if (Entries->empty())
    return fmt::format("{}: contains no compile commands", Path.str());
  for (size_t I = 0; I < Entries->size(); ++I) {
    const llvm::json::Object *Entry = (*Entries)[I].getAsObject();
    if (!Entry)
      return Malformed(fmt::format("entry {} is not an object", I + 1));
    std::optional<llvm::StringRef> Directory = Entry->getString("directory");
    if (!Directory || !Entry->getString("file") ||
        (!Entry->get("command") && !Entry->get("arguments")))
      return Malformed(fmt::format(
          "entry {} needs \"directory\", \"file\" and \"command\" or "
          "\"arguments\"",
          I + 1));
    if (!llvm::sys::path::is_absolute(*Directory))
      return Malformed(fmt::format("entry {}: \"directory\" must be an "
                                   "absolute path, not '{}'",
                                   I + 1, printable(*Directory)));
  }
  return "";
}

/// The compile database and the files to analyse, all validated.
struct Inputs {
  std::unique_ptr<tooling::CompilationDatabase> Compilations;
  std::vector<std::string> Files;
};

/// Resolves files and compile commands; every problem is one error line.
std::optional<Inputs> resolveInputs(const DriverOptions &Options,
                                    const std::string &Cwd) {
  Inputs In;
  bool Failed = false;
  auto Fail = [&](llvm::StringRef File, llvm::StringRef Why) {
    reportError(fmt::format("{}: {}", File.str(), Why.str()));
    Failed = true;
  };

  std::string DatabaseDescription;
  if (Options.FixedCompilerArgs) {
    std::vector<const char *> Argv = {"corolint", "--"};
    for (const std::string &Arg : *Options.FixedCompilerArgs)
      Argv.push_back(Arg.c_str());
    int Argc = Argv.size();
    std::string Error;
    In.Compilations = tooling::FixedCompilationDatabase::loadFromCommandLine(
        Argc, Argv.data(), Error, Cwd);
    if (!In.Compilations) {
      reportError(fmt::format("--: {}", Error));
      return std::nullopt;
    }
    DatabaseDescription = "the arguments after --";
  } else if (!Options.BuildPath.empty()) {
    if (std::string Why = checkCompileDatabase(Options.BuildPath);
        !Why.empty()) {
      reportError(Why);
      return std::nullopt;
    }
    std::string Error;
    In.Compilations = tooling::CompilationDatabase::loadFromDirectory(
        Options.BuildPath, Error);
    if (!In.Compilations) {
      Fail(Options.BuildPath,
           "cannot load the compile database: " + printable(Error));
      return std::nullopt;
    }
    DatabaseDescription =
        normalisePath(Options.BuildPath, Cwd) + "/compile_commands.json";
  }

  DetectedCompilations *Detected = nullptr;
  if (!In.Compilations) {
    auto PerFile = std::make_unique<DetectedCompilations>();
    Detected = PerFile.get();
    In.Compilations = std::move(PerFile);
    DatabaseDescription = "the compile_commands.json found above it";
  }

  std::vector<std::string> Candidates;
  if (Options.Files.empty() && !Detected) {
    Candidates = In.Compilations->getAllFiles();
  } else {
    for (const std::string &File : Options.Files)
      Candidates.push_back(normalisePath(File, Cwd));
  }
  llvm::sort(Candidates);
  Candidates.erase(std::unique(Candidates.begin(), Candidates.end()),
                   Candidates.end());

  // A file named twice, or through a symlink, is analysed (and fixed) once.
  llvm::StringSet<> RealPaths, ReportedDatabases;
  for (const std::string &File : Candidates) {
    if (Options.Shard && !inShard(File, Cwd, *Options.Shard))
      continue;
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(File, Real) && !RealPaths.insert(Real).second)
      continue;
    if (!llvm::sys::fs::exists(File)) {
      Fail(File, "no such file");
      continue;
    }
    if (llvm::sys::fs::is_directory(File)) {
      Fail(File, "is a directory");
      continue;
    }
    const tooling::CompilationDatabase *DB = In.Compilations.get();
    if (Detected) {
      std::string Error;
      DB = Detected->detect(File, Error);
      if (!DB && !Error.empty()) {
        // One line per broken database, not per file under it.
        if (ReportedDatabases.insert(Error).second)
          reportError(Error);
        Failed = true;
        continue;
      }
      if (!DB) {
        Fail(File, "no compile command (no compile_commands.json above it; "
                   "use -p <build-dir> or give flags after --)");
        continue;
      }
    }
    std::vector<tooling::CompileCommand> Commands =
        DB->getCompileCommands(File);
    if (Commands.empty()) {
      Fail(File, fmt::format("no compile command in {}", DatabaseDescription));
      continue;
    }
    // A command guessed from a neighbouring file is fine for a header,
    // which never has its own, but hides a stale database for a source.
    if (!Commands.front().Heuristic.empty() && !isHeader(File)) {
      Fail(File, fmt::format("no compile command in {}", DatabaseDescription));
      continue;
    }
    auto MissingDir = llvm::find_if(Commands, [](const auto &C) {
      return !llvm::sys::fs::is_directory(C.Directory);
    });
    if (MissingDir != Commands.end()) {
      Fail(File, fmt::format("its compile command's directory {} does not "
                             "exist",
                             MissingDir->Directory));
      continue;
    }
    In.Files.push_back(File);
  }
  if (Failed)
    return std::nullopt;
  return In;
}

std::string compileErrorLine(const FileResult &R) {
  // clang's "too many errors emitted, stopping now" has no position and
  // says nothing about the code: the first real error is the one to show.
  std::vector<const CompileError *> Real;
  bool GaveUp = false;
  for (const CompileError &E : R.CompileErrors) {
    if (llvm::StringRef(E.Message).starts_with("too many errors emitted"))
      GaveUp = true;
    else
      Real.push_back(&E);
  }
  if (Real.empty())
    Real.push_back(&R.CompileErrors.front());
  auto First = llvm::find_if(
      Real, [](const CompileError *E) { return !E->File.empty(); });
  const CompileError &E = **(First == Real.end() ? Real.begin() : First);
  std::string Where = E.File.empty()
                          ? R.File
                          : fmt::format("{}:{}:{}", E.File, E.Line, E.Column);
  std::string More;
  if (Real.size() > 1 || GaveUp)
    More = fmt::format(" (and {}{} more error{})", GaveUp ? "at least " : "",
                       Real.size() - 1, Real.size() == 2 ? "" : "s");
  return fmt::format("{}: does not compile: {}{}", Where, E.Message, More);
}

/// Reports what kept a file from being analysed as its compile command
/// says: the plugin arguments dropped (a warning) and the compile error or
/// failure (an error). True when there was an error.
bool reportFileProblems(const FileResult &R) {
  if (!R.DroppedPluginArgs.empty()) {
    std::string Dropped;
    for (const std::string &Arg : R.DroppedPluginArgs)
      Dropped += (Dropped.empty() ? "" : " ") + Arg;
    reportWarning(fmt::format(
        "{}: ignored compiler plugin arguments from the compile command: {} "
        "(pass --allow-compiler-plugins to load them)",
        R.File, Dropped));
  }
  if (R.CompileErrors.empty() && R.Failure.empty())
    return false;
  reportError(R.CompileErrors.empty() ? fmt::format("{}: {}", R.File, R.Failure)
                                      : compileErrorLine(R));
  return true;
}

void printSummary(const RunSummary &S) {
  std::string ByCheck;
  for (const auto &[Check, Count] : S.FindingsByCheck)
    ByCheck +=
        fmt::format("{}{}: {}", ByCheck.empty() ? "" : ", ", Check, Count);
  llvm::errs() << fmt::format(
      "corolint: {} finding{}{} in {} file{} analysed ({:.1f}s)", S.Findings,
      S.Findings == 1 ? "" : "s", ByCheck.empty() ? "" : " (" + ByCheck + ")",
      S.FilesAnalysed, S.FilesAnalysed == 1 ? "" : "s", S.Seconds);
  if (S.SuppressedByBaseline || S.StaleBaselineEntries)
    llvm::errs() << fmt::format("; baseline: {} suppressed, {} stale "
                                "entr{}",
                                S.SuppressedByBaseline, S.StaleBaselineEntries,
                                S.StaleBaselineEntries == 1 ? "y" : "ies");
  if (S.FixesApplied)
    llvm::errs() << fmt::format("; {} fix{} applied", S.FixesApplied,
                                S.FixesApplied == 1 ? "" : "es");
  if (S.FilesWithErrors)
    llvm::errs() << fmt::format("; {} file{} with errors", S.FilesWithErrors,
                                S.FilesWithErrors == 1 ? "" : "s");
  if (S.FilesFromCache)
    llvm::errs() << fmt::format("; {} unchanged, from the cache",
                                S.FilesFromCache);
  if (S.FilesWithIndex)
    llvm::errs() << fmt::format("; {} analysed again with the project index",
                                S.FilesWithIndex);
  llvm::errs() << "\n";
}

bool useColor(const DriverOptions &Options, bool ToStdout) {
  switch (Options.Color) {
  case ColorMode::Always:
    return true;
  case ColorMode::Never:
    return false;
  case ColorMode::Auto:
    return ToStdout && llvm::sys::Process::StandardOutIsDisplayed();
  }
  return false;
}

std::string renderReport(const DriverOptions &Options,
                         llvm::ArrayRef<Finding> Findings,
                         const RunSummary &Summary, SourceFiles &Sources,
                         const SarifSettings &Sarif, bool Successful,
                         bool ToTerminal) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  switch (Options.Format) {
  case OutputFormat::Text:
    OS.enable_colors(useColor(Options, ToTerminal));
    printText(OS, Findings, Sources);
    break;
  case OutputFormat::Sarif:
    OS << jsonText(sarifLog(Findings, Sources, Successful, Sarif), 2) << "\n";
    break;
  case OutputFormat::Json:
    OS << jsonText(jsonReport(Findings, Summary), 2) << "\n";
    break;
  }
  return Out;
}

} // namespace

int runListChecks(const DriverOptions &Options) {
  auto Cfg = Config::create(Options);
  if (!Cfg) {
    reportError(llvm::toString(Cfg.takeError()));
    return ExitError;
  }
  std::string Cwd = currentDirectory();
  std::string Probe = Options.Files.empty()
                          ? Cwd + "/dummy.cpp"
                          : normalisePath(Options.Files[0], Cwd);
  if (llvm::Error Err = Cfg->checkConfigFiles({Probe})) {
    reportError(llvm::toString(std::move(Err)));
    return ExitError;
  }
  CheckSelection Selection = Cfg->selection(Probe);
  llvm::outs() << "Enabled checks:\n";
  for (const CheckState &State : Selection.States) {
    if (!State.Enabled)
      continue;
    std::optional<llvm::StringRef> Page = checkPage(State.Check);
    std::string Summary = Page ? pageSummary(*Page) : "";
    if (Summary.empty())
      Summary =
          fmt::format("(undocumented: add docs/checks/{}.md)", State.Check);
    llvm::outs() << fmt::format("    {}  {}\n", State.Check, Summary);
  }
  // Which configuration decided each check, for a check set that surprises.
  llvm::outs() << "\nDecided by:\n";
  for (const CheckState &State : Selection.States)
    llvm::outs() << fmt::format("    {}  {} by {}\n", State.Check,
                                State.Enabled ? "enabled" : "disabled",
                                State.DecidedBy);
  for (const std::string &Source : Selection.Ignored)
    llvm::outs() << fmt::format("    ({}: its Checks name no coro-* check, "
                                "so they do not apply to corolint)\n",
                                Source);
  if (llvm::Error Err = flushStandardOutput()) {
    reportError(
        fmt::format("standard output: {}", llvm::toString(std::move(Err))));
    return ExitError;
  }
  return ExitClean;
}

int runExplain(llvm::StringRef Check) {
  std::vector<std::string> Known = registeredChecks();
  if (!llvm::is_contained(Known, Check)) {
    reportError(fmt::format("--explain: unknown check '{}' (see --list-checks)",
                            Check.str()));
    return ExitError;
  }
  std::optional<llvm::StringRef> Page = checkPage(Check);
  if (!Page) {
    reportError(
        fmt::format("--explain: {} has no documentation page", Check.str()));
    return ExitError;
  }
  llvm::outs() << *Page;
  if (!Page->ends_with("\n"))
    llvm::outs() << "\n";
  if (llvm::Error Err = flushStandardOutput()) {
    reportError(
        fmt::format("standard output: {}", llvm::toString(std::move(Err))));
    return ExitError;
  }
  return ExitClean;
}

/// corolint index: the units of every file into one index file, or the
/// errors that prevented it (an index missing a file's functions would make
/// findings vanish silently).
static int writeIndex(const DriverOptions &Options,
                      std::vector<FileResult> &Results) {
  bool Failed = false;
  std::vector<clang::tidy::corolint::IndexedUnit> Units;
  size_t Reused = 0;
  for (FileResult &R : Results) {
    if (!R.CompileErrors.empty() || !R.Failure.empty()) {
      reportError(R.CompileErrors.empty()
                      ? fmt::format("{}: {}", R.File, R.Failure)
                      : compileErrorLine(R));
      Failed = true;
      continue;
    }
    Reused += R.FromCache;
    for (auto &Unit : R.IndexUnits)
      Units.push_back(std::move(Unit));
  }
  if (Failed) {
    llvm::errs() << "corolint: no index written because of the errors above\n";
    return ExitError;
  }
  clang::tidy::corolint::ProjectIndex Index(std::move(Units));
  size_t Functions = 0;
  for (const auto &Unit : Index.units())
    Functions += Unit.Functions.size();
  if (llvm::Error Err = writeOutputFile(Options.IndexOutput, Index.text())) {
    reportError(fmt::format("{}: {}", Options.IndexOutput,
                            llvm::toString(std::move(Err))));
    return ExitError;
  }
  if (!Options.Quiet)
    llvm::errs() << fmt::format(
        "corolint: indexed {} {} ({} {}{}) into {}\n", Results.size(),
        Results.size() == 1 ? "file" : "files", Functions,
        Functions == 1 ? "function" : "functions",
        Reused ? fmt::format("; {} unchanged, kept", Reused) : "",
        Options.IndexOutput);
  return ExitClean;
}

int runAnalysis(const DriverOptions &Options) {
  auto Started = std::chrono::steady_clock::now();
  std::string Cwd = currentDirectory();

  auto Cfg = Config::create(Options);
  if (!Cfg) {
    reportError(llvm::toString(Cfg.takeError()));
    return ExitError;
  }
  std::optional<Baseline> Suppressions;
  if (!Options.Baseline.empty()) {
    auto Loaded = Baseline::load(Options.Baseline);
    if (!Loaded) {
      reportError(llvm::toString(Loaded.takeError()));
      return ExitError;
    }
    Suppressions = std::move(*Loaded);
  }
  auto Lines = LineFilter::create(Options, Cwd);
  if (!Lines) {
    reportError(llvm::toString(Lines.takeError()));
    return ExitError;
  }
  std::optional<CheckProfile> Profile;
  if (Options.EnableCheckProfile) {
    auto Created = CheckProfile::create(Options);
    if (!Created) {
      reportError(llvm::toString(Created.takeError()));
      return ExitError;
    }
    Profile.emplace(std::move(*Created));
  }
  std::optional<Inputs> In = resolveInputs(Options, Cwd);
  if (!In)
    return ExitError;
  if (*Lines)
    (*Lines)->restrictFiles(In->Files);
  if (llvm::Error Err = Cfg->checkConfigFiles(In->Files)) {
    reportError(llvm::toString(std::move(Err)));
    return ExitError;
  }
  // A green run that checked nothing is worse than an error.
  std::vector<std::string> NoChecks = Cfg->filesWithoutChecks(In->Files);
  for (const std::string &Line : NoChecks)
    reportError(Line);
  if (!NoChecks.empty())
    return ExitError;

  auto Cache = ResultCache::open(Options);
  if (!Cache) {
    reportError(llvm::toString(Cache.takeError()));
    return ExitError;
  }
  // --index: an index that does not describe the files as they are now
  // would explain findings with code that no longer exists.
  if (!Options.ProjectIndexFile.empty()) {
    auto Index =
        clang::tidy::corolint::ProjectIndex::shared(Options.ProjectIndexFile);
    if (!Index) {
      reportError(llvm::toString(Index.takeError()));
      return ExitError;
    }
    std::string Stale = (*Index)->staleInput();
    if (!Stale.empty()) {
      reportError(fmt::format("{}: the index is stale ({} since it was "
                              "built); rebuild it with 'corolint index'",
                              Options.ProjectIndexFile, Stale));
      return ExitError;
    }
  }
  // corolint index over an existing index: the units of files whose inputs
  // are unchanged are kept, the other files analysed again.
  std::unique_ptr<clang::tidy::corolint::ProjectIndex> OldIndex;
  if (Options.BuildIndex && llvm::sys::fs::exists(Options.IndexOutput)) {
    auto Read = clang::tidy::corolint::ProjectIndex::read(Options.IndexOutput);
    if (Read)
      OldIndex = std::move(*Read);
    else if (!Options.Quiet)
      reportWarning(fmt::format("{}; building it anew",
                                llvm::toString(Read.takeError())));
  }

  // Analysis: one ClangTidyContext per file, results kept in input order.
  SourceFiles Sources;
  AnalysisSettings Settings{In->Compilations.get(),
                            &*Cfg,
                            &Sources,
                            Options.AllowCompilerPlugins,
                            &Options,
                            Profile ? Profile->prefix() : "",
                            *Cache ? &**Cache : nullptr,
                            Options.BuildIndex || Options.WholeProgram};
  std::vector<FileResult> Results(In->Files.size());
  std::vector<bool> Reused(In->Files.size(), false);
  if (OldIndex)
    for (size_t I = 0; I < In->Files.size(); ++I) {
      std::string Key =
          ResultCache::keyFor(In->Files[I], *In->Compilations, *Cfg, Options);
      std::vector<clang::tidy::corolint::IndexedUnit> Kept;
      for (const auto &Unit : OldIndex->units())
        if (Unit.File == In->Files[I] &&
            llvm::StringRef(Unit.Command).starts_with(Key + "/"))
          Kept.push_back(Unit);
      if (Kept.empty() ||
          !clang::tidy::corolint::ProjectIndex::staleInputOf(Kept).empty())
        continue;
      Results[I].File = In->Files[I];
      Results[I].IndexUnits = std::move(Kept);
      Results[I].FromCache = true;
      Reused[I] = true;
    }
  bool ShowProgress =
      Options.Progress.value_or(llvm::sys::Process::StandardErrIsDisplayed());
  std::optional<ProgressBar> Progress;
  if (ShowProgress) {
    Progress.emplace(llvm::errs(), In->Files.size());
    for (bool Kept : Reused)
      if (Kept)
        Progress->fileDone(0);
  }
  // Analyses every file not in Skip with Using, into Results.
  auto AnalyseAll = [&](const std::vector<bool> &Skip,
                        const AnalysisSettings &Using, bool CountsProgress) {
    // Each analysis is CPU-bound and holds a whole AST: more at once than
    // cores, or than files, only costs memory (-j 1000 peaked at 3 GB).
    unsigned Cores = llvm::hardware_concurrency().compute_thread_count();
    unsigned Jobs = std::min<size_t>(
        {Options.Jobs ? Options.Jobs : Cores, Cores, In->Files.size()});
    llvm::DefaultThreadPool Pool(
        llvm::hardware_concurrency(std::max(Jobs, 1u)));
    // Largest files first: a long file started last would run alone while
    // the other workers idle (the longest-processing-time-first rule; the
    // main file's size stands for its cost). Results keep input order.
    std::vector<size_t> Order(In->Files.size());
    std::iota(Order.begin(), Order.end(), 0);
    std::vector<uint64_t> Sizes(In->Files.size(), 0);
    for (size_t I = 0; I < In->Files.size(); ++I) {
      llvm::sys::fs::file_status Status;
      if (!llvm::sys::fs::status(In->Files[I], Status))
        Sizes[I] = Status.getSize();
    }
    llvm::sort(Order, [&](size_t A, size_t B) {
      return std::make_pair(Sizes[B], A) < std::make_pair(Sizes[A], B);
    });
    for (size_t I : Order)
      if (!Skip[I])
        Pool.async([&, I] {
          // Termination signals go to the main thread, which defers them
          // while it writes files.
          blockTerminationSignals();
          Results[I] = analyseFile(In->Files[I], Using);
          if (Progress && CountsProgress)
            Progress->fileDone(Results[I].Findings.size());
        });
    Pool.wait();
  };
  {
    unsigned Cores = llvm::hardware_concurrency().compute_thread_count();
    if (Options.Jobs > Cores && !Options.Quiet)
      llvm::errs() << fmt::format("corolint: -j {} is more than the {} "
                                  "cores; analysing {} files at a time\n",
                                  Options.Jobs, Cores, Cores);
  }
  std::optional<clang::tidy::corolint::MigrationRecorder> Migration;
  std::optional<clang::tidy::corolint::ScopedMigrationRecorder>
      MigrationInstalled;
  if (Options.Migrate) {
    Migration.emplace(migrationOptions(Options));
    MigrationInstalled.emplace(*Migration);
  }
  AnalyseAll(Reused, Settings, true);
  MigrationInstalled.reset();
  // --whole-program: the first pass recorded the index as it analysed; the
  // files whose async contexts reach a function another file defines, and
  // that the index says blocks or waits, are analysed again with it. Every
  // other file is parsed once.
  std::optional<Config> WholeProgramConfig;
  std::string WholeProgramIndex;
  unsigned FilesWithIndex = 0;
  if (Options.WholeProgram) {
    std::vector<clang::tidy::corolint::IndexedUnit> Units;
    for (const FileResult &R : Results)
      Units.insert(Units.end(), R.IndexUnits.begin(), R.IndexUnits.end());
    clang::tidy::corolint::ProjectIndex Index(std::move(Units));
    std::vector<bool> Settled(In->Files.size(), true);
    bool Again = false;
    for (size_t I = 0; I < Results.size(); ++I)
      for (const std::string &Usr : Results[I].ExternalCalls)
        if (Index.reach(Usr, clang::tidy::corolint::SummaryKind::Blocking) ||
            Index.reach(Usr, clang::tidy::corolint::SummaryKind::SyncWait))
          Settled[I] = false, Again = true;
    FilesWithIndex = llvm::count(Settled, false);
    llvm::SmallString<128> IndexPath;
    if (Again) {
      int FD;
      if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
              "corolint-whole-program", "index", FD, IndexPath)) {
        reportError(fmt::format("--whole-program: cannot write the index: {}",
                                EC.message()));
        return ExitError;
      }
      llvm::raw_fd_ostream(FD, /*shouldClose=*/true) << Index.text();
      WholeProgramIndex = IndexPath.str().str();
      DriverOptions Second = Options;
      Second.WholeProgram = false;
      Second.ProjectIndexFile = WholeProgramIndex;
      auto SecondConfig = Config::create(Second);
      if (!SecondConfig) {
        reportError(llvm::toString(SecondConfig.takeError()));
        return ExitError;
      }
      WholeProgramConfig.emplace(std::move(*SecondConfig));
      AnalysisSettings WithIndex = Settings;
      WithIndex.Configuration = &*WholeProgramConfig;
      WithIndex.RecordIndex = false;
      WithIndex.Cache = nullptr;
      WithIndex.Options = &Options;
      AnalyseAll(Settled, WithIndex, false);
      llvm::sys::fs::remove(WholeProgramIndex);
    }
  }
  if (Progress)
    Progress->finish();
  if (*Cache)
    (*Cache)->prune();
  if (Options.BuildIndex)
    return writeIndex(Options, Results);
  if (Options.Migrate) {
    bool Errors = false;
    for (const FileResult &R : Results)
      Errors |= reportFileProblems(R);
    if (Errors) {
      llvm::errs() << "corolint: migrate: nothing planned or changed because "
                      "of the errors above\n";
      return ExitError;
    }
    return runMigration(Options, Migration->take(), Sources, Cwd);
  }

  RunSummary Summary;
  Summary.FilesAnalysed = Results.size();
  Summary.FilesWithIndex = FilesWithIndex;
  Summary.FilesFromCache =
      llvm::count_if(Results, [](const FileResult &R) { return R.FromCache; });
  std::vector<Finding> Findings;
  bool OnlyCompileErrors = true; // --fix-errors fixes despite those.
  for (const FileResult &R : Results) {
    if (reportFileProblems(R)) {
      ++Summary.FilesWithErrors;
      OnlyCompileErrors &= R.Failure.empty();
      if (!Options.FixErrors || !R.Failure.empty())
        continue;
    }
    Findings.insert(Findings.end(), R.Findings.begin(), R.Findings.end());
  }
  // A header's finding is reported by every file that includes it.
  llvm::sort(Findings, [](const Finding &A, const Finding &B) {
    return std::make_tuple(A.sortKey(), A.Where.Offset) <
           std::make_tuple(B.sortKey(), B.Where.Offset);
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return A.Check == B.Check &&
                                      A.Where.File == B.Where.File &&
                                      A.Where.Offset == B.Where.Offset &&
                                      A.Message == B.Message;
                             }),
                 Findings.end());
  // Third-party headers reached through -I are not system headers, but
  // their findings are not the user's to fix: by default only the analysed
  // files and headers under the project root are reported. A header filter
  // of the user's own decides instead, as in clang-tidy.
  if (!In->Files.empty() && !Cfg->setsHeaderFilter(In->Files.front())) {
    std::string Root = Options.ProjectRoot.empty()
                           ? sarifSourceRoot(Options, *In->Compilations, Cwd)
                           : normalisePath(Options.ProjectRoot, Cwd);
    llvm::SmallString<256> RealRoot;
    if (!llvm::sys::fs::real_path(Root, RealRoot))
      Root = RealRoot.str().str();
    llvm::StringSet<> Analysed;
    auto Real = [](llvm::StringRef Path) {
      llvm::SmallString<256> Out;
      return llvm::sys::fs::real_path(Path, Out) ? Path.str() : Out.str().str();
    };
    for (const std::string &File : In->Files)
      Analysed.insert(Real(normalisePath(File, Cwd)));
    llvm::erase_if(Findings, [&](const Finding &F) {
      std::string Path = Real(F.Where.File);
      return !Analysed.contains(Path) &&
             !llvm::StringRef(Path).starts_with(Root + "/");
    });
  }
  bool Failed = Summary.FilesWithErrors > 0;

  if (!Options.WriteBaseline.empty() && !Failed) {
    std::string Dir =
        llvm::sys::path::parent_path(normalisePath(Options.WriteBaseline, Cwd))
            .str();
    if (llvm::Error Err = Baseline::fromFindings(Findings, Dir)
                              .write(Options.WriteBaseline)) {
      reportError(fmt::format("{}: {}", Options.WriteBaseline,
                              llvm::toString(std::move(Err))));
      Failed = true;
      OnlyCompileErrors = false;
    }
  }
  if (Suppressions) {
    std::string Dir =
        llvm::sys::path::parent_path(normalisePath(Options.Baseline, Cwd))
            .str();
    Summary.StaleBaselineEntries =
        Suppressions->suppress(Findings, Dir, Summary.SuppressedByBaseline);
  }
  // After the baseline, which sees every finding (or its entries would
  // look stale): --line-filter, --diff-base, --diff-input.
  if (*Lines)
    llvm::erase_if(Findings,
                   [&](const Finding &F) { return !(*Lines)->passes(F); });
  Summary.Findings = Findings.size();
  for (const Finding &F : Findings)
    ++Summary.FindingsByCheck[F.Check];

  // Fixes: all or nothing, and nothing at all after an error.
  std::string DiffText;
  bool WantsFixes = Options.Fix || Options.Diff;
  bool FixesBlocked = Failed && !(Options.FixErrors && OnlyCompileErrors);
  if ((WantsFixes || !Options.ExportFixes.empty()) && FixesBlocked) {
    llvm::errs() << "corolint: no fix applied or exported because of the "
                    "errors above\n";
  } else {
    if (!Options.ExportFixes.empty())
      if (llvm::Error Err = exportFixes(Options.ExportFixes, Findings)) {
        reportError(fmt::format("{}: {}", Options.ExportFixes,
                                llvm::toString(std::move(Err))));
        Failed = true;
        FixesBlocked = true;
      }
    if (WantsFixes && !FixesBlocked) {
      auto Plan = planFixes(Findings, Sources);
      if (!Plan) {
        reportError(llvm::toString(Plan.takeError()));
        Failed = true;
      } else if (Options.Diff) {
        DiffText = unifiedDiff(*Plan, Cwd);
      } else if (llvm::Error Err = applyFixPlan(*Plan)) {
        reportError(llvm::toString(std::move(Err)));
        Failed = true;
      } else {
        Summary.FixesApplied = Plan->fixCount();
      }
    }
  }

  Summary.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Started)
          .count();
  // With --diff the patch owns standard output; a text report goes to
  // standard error unless --output names a file.
  bool ReportToStdout = Options.OutputFile.empty() &&
                        !(Options.Diff && Options.Format == OutputFormat::Text);
  SarifSettings Sarif;
  if (Options.Format == OutputFormat::Sarif)
    Sarif = {sarifSourceRoot(Options, *In->Compilations, Cwd),
             Options.SarifCategory};
  std::string Report = renderReport(Options, Findings, Summary, Sources, Sarif,
                                    !Failed, ReportToStdout);
  if (!Options.OutputFile.empty()) {
    if (llvm::Error Err = writeOutputFile(Options.OutputFile, Report)) {
      reportError(fmt::format("{}: {}", Options.OutputFile,
                              llvm::toString(std::move(Err))));
      Failed = true;
    }
  } else if (ReportToStdout) {
    llvm::outs() << Report;
  } else {
    llvm::errs() << Report;
  }
  llvm::outs() << DiffText;
  if (llvm::Error Err = flushStandardOutput()) {
    reportError(
        fmt::format("standard output: {}", llvm::toString(std::move(Err))));
    Failed = true;
  }

  if (Options.Format == OutputFormat::Text && !Options.Quiet)
    printSummary(Summary);
  if (Profile && Profile->printsTable())
    Profile->printTable(llvm::errs(), Summary.FilesAnalysed);
  if (Failed)
    return ExitError;
  return findingsExitStatus(Options, Findings);
}

} // namespace corolint
