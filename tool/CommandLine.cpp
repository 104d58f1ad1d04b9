//===--- CommandLine.cpp - corolint's options with llvm::cl ---------------===//

#include "llvm/Support/CommandLine.h"
#include "ClangTidyCompat.h"
#include "Options.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <fmt/format.h>

namespace corolint {
namespace {
namespace cl = llvm::cl;

cl::OptionCategory Category("corolint options");
cl::SubCommand MergeCommand("merge",
                            "Merge SARIF files (or baselines) from shards");

cl::list<std::string> Files(cl::Positional, cl::desc("<file>..."),
                            cl::cat(Category));
cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory holding compile_commands.json"),
              cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string>
    Checks("checks",
           cl::desc("Comma-separated globs of checks to run (default: coro-*)"),
           cl::init("coro-*"), cl::value_desc("globs"), cl::cat(Category));
cl::opt<std::string>
    Config("config",
           cl::desc("Configuration in .clang-tidy YAML form, e.g. "
                    "'{CheckOptions: {coro-blocking-call.Categories: sleep}}'"),
           cl::value_desc("yaml"), cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Read the configuration from this file instead of "
                        ".clang-tidy files"),
               cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<std::string> Explain("explain",
                             cl::desc("Print a check's documentation and exit"),
                             cl::value_desc("check"), cl::cat(Category));
cl::opt<OutputFormat>
    Format("format", cl::desc("Output format"), cl::init(OutputFormat::Text),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "clang-style diagnostics (default)"),
                      clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
                      clEnumValN(OutputFormat::Json, "json",
                                 "corolint's JSON schema (docs/usage.md)")),
           cl::cat(Category));
cl::opt<std::string> Output("output",
                            cl::desc("Write the report to this file, not "
                                     "standard output"),
                            cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> SarifRoot(
    "sarif-root",
    cl::desc("SARIF: make file URIs relative to this directory (%SRCROOT%; "
             "default: the git work tree, else the compile database's "
             "project root)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> ProjectRoot(
    "project-root",
    cl::desc("Report findings in headers under this directory only, besides "
             "the analysed files (default: as --sarif-root); a header filter "
             "of your own (--header-filter, HeaderFilterRegex) decides "
             "instead"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> SarifCategory(
    "sarif-category",
    cl::desc("SARIF: run.automationDetails.id, the category code scanning "
             "files this analysis under"),
    cl::value_desc("id"), cl::cat(Category));
cl::opt<std::string> PrintLineHashes(
    "print-line-hashes",
    cl::desc("Print the code scanning line hash of every line of a file "
             "(what SARIF's primaryLocationLineHash is) and exit"),
    cl::value_desc("file"), cl::Hidden, cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply fix-its to the files in place"),
                  cl::cat(Category));
cl::opt<bool> Diff("diff",
                   cl::desc("Print a unified diff of all fix-its; write "
                            "nothing"),
                   cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write fix-its as clang-apply-replacements YAML to this file"),
    cl::value_desc("file"), cl::cat(Category));
// cl::Prefix: -j2 as well as -j 2 and --jobs=2.
cl::opt<unsigned> Jobs("j", cl::Prefix,
                       cl::desc("Files analysed in parallel (default: one "
                                "per core)"),
                       cl::init(0), cl::value_desc("N"), cl::cat(Category));
cl::alias JobsLong("jobs", cl::desc("Alias for -j"), cl::aliasopt(Jobs));
cl::opt<std::string> Shard("shard",
                           cl::desc("Analyse only shard K of N (1 <= K <= N) "
                                    "of the files"),
                           cl::value_desc("K/N"), cl::cat(Category));
cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Suppress the findings recorded in this baseline"),
             cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    WriteBaseline("write-baseline",
                  cl::desc("Record the current findings as a baseline"),
                  cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> DiffBase(
    "diff-base",
    cl::desc("Report findings only on the lines changed since the merge base "
             "of this git revision and HEAD (work tree included)"),
    cl::value_desc("ref"), cl::cat(Category));
cl::opt<std::string> DiffInput(
    "diff-input",
    cl::desc("Report findings only on the lines this unified diff adds "
             "('-': standard input), e.g. git diff -U0 main | corolint "
             "--diff-input=- ..."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> AllowCompilerPlugins(
    "allow-compiler-plugins",
    cl::desc("Keep -fplugin=, -Xclang -load and similar arguments of the "
             "compile database (they run code from the database's author)"),
    cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep the findings of each file here and replay them while "
             "none of its inputs changes (default: "
             "$XDG_CACHE_HOME/corolint, else ~/.cache/corolint)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Analyse every file; read and write no cache"),
                      cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No summary on standard error"),
                    cl::cat(Category));
cl::opt<std::string> ProjectIndexFile(
    "index",
    cl::desc("Follow calls into functions other files define, with this "
             "project index (built by 'corolint index'; docs/index.md)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> WholeProgram(
    "whole-program",
    cl::desc("With -p: follow calls into every file of the compile database "
             "(builds the project index in the same run; docs/index.md)"),
    cl::cat(Category));
cl::opt<std::string>
    IndexOutput("o",
                cl::desc("corolint index: the index file to write (an "
                         "existing one is updated: only files whose inputs "
                         "changed are analysed again)"),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> MigratePlan(
    "plan",
    cl::desc("corolint migrate: print which functions become coroutines, "
             "why, and what stops the climb (the default without --diff, "
             "--fix or --export-fixes)"),
    cl::cat(Category));
cl::opt<std::string> MigrateTarget(
    "to",
    cl::desc("corolint migrate: the framework to migrate to: asio "
             "(default) or boost-asio"),
    cl::value_desc("framework"), cl::init("asio"), cl::cat(Category));
cl::list<std::string> MigrateRoots(
    "root",
    cl::desc("corolint migrate: a function where the climb stops, as main "
             "(qualified name; repeatable)"),
    cl::value_desc("function"), cl::cat(Category));
cl::opt<bool> MigrateKeepSync(
    "keep-sync",
    cl::desc("corolint migrate: keep the synchronous functions and add "
             "coroutine twins beside them"),
    cl::cat(Category));
cl::opt<std::string> MigrateTwinPrefix(
    "twin-prefix",
    cl::desc("corolint migrate: the prefix of the twins' and the bridged "
             "roots' names (default: async_)"),
    cl::value_desc("prefix"), cl::init("async_"), cl::cat(Category));
cl::opt<bool> Progress("progress",
                       cl::desc("Show a progress bar (default: on a terminal)"),
                       cl::cat(Category));

cl::list<std::string> MergeInputs(cl::Positional, cl::desc("<file>..."),
                                  cl::sub(MergeCommand));
cl::opt<std::string> MergeOutput("o", cl::desc("Merged output file"),
                                 cl::value_desc("file"), cl::Required,
                                 cl::sub(MergeCommand));
cl::opt<bool> MergeBaselines("baseline",
                             cl::desc("The inputs are baselines, not SARIF"),
                             cl::sub(MergeCommand));

void printVersion(llvm::raw_ostream &OS) {
  OS << "corolint " << COROLINT_VERSION << " (clang-tidy "
     << LLVM_VERSION_STRING << ")\n";
}

/// llvm::cl reports errors as "corolint: <text>" lines, sometimes with a
/// hint on a second line; the driver prints one line.
std::string oneLine(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Text.trim().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Out;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    Line.consume_front("corolint: error: ");
    Line.consume_front("corolint: ");
    if (!Out.empty())
      Out += " ";
    Out += Line.str();
  }
  // The help hint names the program as cl knew it.
  size_t Hint = Out.find("corolint: error --help");
  if (Hint != std::string::npos)
    Out.replace(Hint, 22, "corolint --help");
  return Out;
}

llvm::Expected<ShardSpec> parseShard(llvm::StringRef Text) {
  auto [K, N] = Text.split('/');
  ShardSpec S;
  if (K.getAsInteger(10, S.Index) || N.getAsInteger(10, S.Count) ||
      S.Count == 0 || S.Index == 0 || S.Index > S.Count)
    return llvm::createStringError(
        fmt::format("--shard={}: expected K/N with 1 <= K <= N", Text.str()));
  return S;
}

/// LLVM registers its own boolean --color (llvm::WithColor); corolint's takes
/// auto|always|never, so LLVM's is unregistered before corolint's exists.
cl::opt<ColorMode> &colorOption() {
  static cl::opt<ColorMode> *Color = [] {
    if (cl::Option *Llvm = cl::getRegisteredOptions().lookup("color"))
      Llvm->removeArgument();
    return new cl::opt<ColorMode>(
        "color", cl::desc("Colour text output"), cl::init(ColorMode::Auto),
        cl::values(
            clEnumValN(ColorMode::Auto, "auto", "only on a terminal (default)"),
            clEnumValN(ColorMode::Always, "always", "always"),
            clEnumValN(ColorMode::Never, "never", "never")),
        cl::cat(Category));
  }();
  return *Color;
}

} // namespace

llvm::Expected<Command> parseCommandLine(int Argc, const char **Argv) {
  // Everything after `--` is the compile command, as in clang-tidy.
  std::vector<const char *> Args(Argv, Argv + Argc);
  // `corolint index` is an analysis that writes the project index instead
  // of a report: it takes the analysis's options, so it is no llvm::cl
  // sub-command of its own.
  bool BuildIndex = Args.size() > 1 && llvm::StringRef(Args[1]) == "index";
  if (BuildIndex)
    Args.erase(Args.begin() + 1);
  // So is `corolint migrate`.
  bool Migrate = Args.size() > 1 && llvm::StringRef(Args[1]) == "migrate";
  if (Migrate)
    Args.erase(Args.begin() + 1);
  std::optional<std::vector<std::string>> Fixed;
  for (size_t I = 1; I < Args.size(); ++I) {
    if (llvm::StringRef(Args[I]) != "--")
      continue;
    Fixed.emplace(Args.begin() + I + 1, Args.end());
    Args.resize(I);
    break;
  }

  cl::opt<ColorMode> &Color = colorOption();
  cl::HideUnrelatedOptions({&Category, &clangTidyCategory()});
  cl::SetVersionPrinter(printVersion);
  // llvm::cl prints some errors (bad option values) straight to stderr,
  // prefixed with the program name: naming the program "corolint: error"
  // makes those the driver's usual one-line error.
  bool WantsHelp = llvm::any_of(Args, [](const char *Arg) {
    return llvm::StringRef(Arg).starts_with("-help") ||
           llvm::StringRef(Arg).starts_with("--help");
  });
  if (!WantsHelp)
    Args[0] = "corolint: error";
  std::string Errors;
  llvm::raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(
          Args.size(), Args.data(),
          "Finds async mistakes in C++20 coroutine code.\n\n"
          "  corolint [options] <file>... [-- <compiler args>]\n"
          "  corolint index [options] -o <index> <file>... [-- <compiler "
          "args>]\n"
          "  corolint migrate [--plan|--diff|--fix] [options] -p <build-dir> "
          "[<file>...]\n"
          "  corolint merge [--baseline] -o <out> <in>...\n",
          &ErrorStream)) {
    if (Errors.empty()) // Already printed.
      return llvm::createStringError("");
    return llvm::createStringError(oneLine(Errors));
  }

  Command C;
  if (MergeCommand) {
    C.What = Command::Merge;
    C.MergeArgs.Inputs = MergeInputs;
    C.MergeArgs.Output = MergeOutput;
    C.MergeArgs.Baselines = MergeBaselines;
    if (C.MergeArgs.Inputs.empty())
      return llvm::createStringError("merge: no input files");
    return C;
  }
  if (ListChecks)
    C.What = Command::ListChecks;
  if (Explain.getNumOccurrences()) {
    C.What = Command::Explain;
    C.ExplainCheck = Explain;
  }
  if (PrintLineHashes.getNumOccurrences()) {
    C.What = Command::LineHashes;
    C.LineHashFile = PrintLineHashes;
  }

  DriverOptions &D = C.Driver;
  D.Files = Files;
  D.BuildPath = BuildPath;
  D.FixedCompilerArgs = std::move(Fixed);
  D.Checks = Checks;
  D.ChecksGiven = Checks.getNumOccurrences() > 0;
  D.ConfigText = Config;
  D.ConfigGiven = Config.getNumOccurrences() > 0;
  D.ConfigFile = ConfigFile;
  D.Format = Format;
  D.OutputFile = Output;
  D.SarifRoot = SarifRoot;
  D.ProjectRoot = ProjectRoot;
  D.SarifCategory = SarifCategory;
  D.Color = Color;
  D.Fix = Fix;
  D.Diff = Diff;
  D.ExportFixes = ExportFixes;
  D.Jobs = Jobs;
  D.Baseline = Baseline;
  D.WriteBaseline = WriteBaseline;
  D.DiffBase = DiffBase;
  D.DiffInput = DiffInput;
  D.AllowCompilerPlugins = AllowCompilerPlugins;
  D.CacheDir = CacheDir;
  D.NoCache = NoCache;
  D.Quiet = Quiet;
  if (!ProjectIndexFile.empty()) {
    llvm::SmallString<256> Absolute(ProjectIndexFile);
    llvm::sys::fs::make_absolute(Absolute);
    D.ProjectIndexFile = Absolute.str().str();
  }
  D.BuildIndex = BuildIndex;
  D.WholeProgram = WholeProgram;
  if (WholeProgram && BuildPath.empty())
    return llvm::createStringError(
        "--whole-program needs the compile database (-p <dir>): the project "
        "is the files it lists");
  if (WholeProgram && (BuildIndex || !ProjectIndexFile.empty()))
    return llvm::createStringError(
        "--whole-program builds its own index: drop --index or 'index'");
  D.Migrate = Migrate;
  D.MigratePlan = MigratePlan;
  D.MigrateTarget = MigrateTarget;
  D.MigrateRoots = MigrateRoots;
  D.MigrateKeepSync = MigrateKeepSync;
  D.MigrateTwinPrefix = MigrateTwinPrefix;
  bool MigrateOptionGiven = MigratePlan || MigrateTarget.getNumOccurrences() ||
                            MigrateRoots.getNumOccurrences() ||
                            MigrateKeepSync ||
                            MigrateTwinPrefix.getNumOccurrences();
  if (!Migrate && MigrateOptionGiven)
    return llvm::createStringError(
        "--plan, --to, --root, --keep-sync and --twin-prefix are options of "
        "'corolint migrate'");
  if (Migrate) {
    if (BuildIndex || WholeProgram || !ProjectIndexFile.empty() ||
        !Baseline.empty() || !WriteBaseline.empty())
      return llvm::createStringError(
          "migrate: --index, --whole-program and baselines are for analyses "
          "(migrate reads every file it is given)");
    if (MigrateTarget != "asio" && MigrateTarget != "boost-asio")
      return llvm::createStringError(
          "migrate: --to=" + MigrateTarget +
          ": the frameworks are asio and boost-asio");
    if (MigratePlan && (Fix || Diff || !ExportFixes.empty()))
      return llvm::createStringError(
          "migrate: --plan prints the plan only; drop --fix, --diff and "
          "--export-fixes");
    if (MigrateTwinPrefix.empty() ||
        !llvm::all_of(MigrateTwinPrefix,
                      [](char C) { return llvm::isAlnum(C) || C == '_'; }))
      return llvm::createStringError(
          "migrate: --twin-prefix must be a C++ identifier's start");
  }
  D.IndexOutput = IndexOutput;
  if (BuildIndex && IndexOutput.empty())
    return llvm::createStringError("index: no output file (-o <index>)");
  if (!BuildIndex && IndexOutput.getNumOccurrences())
    return llvm::createStringError(
        "-o names the output of 'corolint index'; for a report use --output");
  if (BuildIndex && (Fix || Diff || !ExportFixes.empty() || !Baseline.empty() ||
                     !WriteBaseline.empty()))
    return llvm::createStringError(
        "index: --fix, --diff, --export-fixes and baselines are for analyses");
  if (Progress.getNumOccurrences())
    D.Progress = Progress;
  if (Shard.getNumOccurrences()) {
    auto S = parseShard(Shard);
    if (!S)
      return S.takeError();
    D.Shard = *S;
  }

  if (llvm::Error Err =
          applyClangTidyFlags(D, Color.getNumOccurrences() > 0, C.What))
    return std::move(Err);

  if (D.ConfigGiven && !D.ConfigFile.empty())
    return llvm::createStringError("--config and --config-file are exclusive");
  if (D.NoCache && !D.CacheDir.empty())
    return llvm::createStringError("--cache-dir and --no-cache are exclusive");
  if (D.Fix && D.Diff)
    return llvm::createStringError(
        "--fix and --diff are exclusive (--diff writes nothing)");
  if (C.What == Command::Analyse && D.Files.empty() && D.BuildPath.empty())
    return llvm::createStringError(
        "no input files (give files, or -p <build-dir> to analyse the whole "
        "compile database)");
  return C;
}

} // namespace corolint
