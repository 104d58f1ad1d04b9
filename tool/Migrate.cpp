//===--- Migrate.cpp - corolint migrate's driver --------------------------===//

#include "Migrate.h"
#include "AtomicWrite.h"
#include "Driver.h"
#include "Fixes.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"
#include <fmt/format.h>

namespace corolint {
using namespace clang::tidy::corolint;

MigrationOptions migrationOptions(const DriverOptions &Options) {
  MigrationOptions M;
  M.Target = Options.MigrateTarget == "boost-asio" ? Framework::BoostAsio
                                                   : Framework::Asio;
  M.Roots = Options.MigrateRoots;
  M.KeepSync = Options.MigrateKeepSync;
  M.TwinPrefix = Options.MigrateTwinPrefix;
  return M;
}

namespace {

std::string where(const MigrationSpan &S, llvm::StringRef Cwd) {
  llvm::StringRef Path = S.File;
  if (Path.starts_with(Cwd) && Path.size() > Cwd.size() &&
      Path[Cwd.size()] == '/')
    Path = Path.drop_front(Cwd.size() + 1);
  return fmt::format("{}:{}", Path.str(), S.Line);
}

/// The plan as a tree: each root, then the functions it awaits.
class PlanPrinter {
public:
  PlanPrinter(const MigrationPlan &Plan, llvm::StringRef Cwd,
              llvm::raw_ostream &OS)
      : Plan(Plan), Cwd(Cwd), OS(OS) {}

  void print() {
    const MigrationOptions &O = Plan.Options;
    OS << fmt::format(
        "migration to {}{}: {} function{} {}{}, {} root{} bridged, {} "
        "refused\n",
        frameworkName(O.Target).str(),
        O.KeepSync ? " (coroutine twins beside the synchronous code)" : "",
        Plan.Converted.size(), Plan.Converted.size() == 1 ? "" : "s",
        Plan.Converted.size() == 1 ? "becomes a coroutine"
                                   : "become coroutines",
        O.KeepSync ? fmt::format(" named {}<name>", O.TwinPrefix) : "",
        Plan.Roots.size(), Plan.Roots.size() == 1 ? "" : "s",
        Plan.Refused.size());
    for (const auto &[Usr, Root] : Plan.Roots) {
      const MigrationFunction &F = *Root.Facts;
      std::string Context = F.RootContext.empty() ? "a new io_context"
                                                  : "'" + F.RootContext + "'";
      OS << fmt::format("\nroot {} ({}): its body becomes the coroutine "
                        "'{}{}', which '{}' runs on {} with co_spawn\n",
                        F.Name, where(F.Where, Cwd), O.TwinPrefix, F.PlainName,
                        F.PlainName, Context);
      printReasons(Root, 1);
    }
    // Converted functions no root reaches (called from coroutines, or
    // twins): the tops of the call graph first, so that it reads top-down;
    // then what only a cycle reaches.
    std::set<std::string> Awaited;
    for (const auto &[Usr, P] : Plan.Converted)
      Awaited.insert(P.Awaits.begin(), P.Awaits.end());
    for (bool Tops : {true, false})
      for (const auto &[Usr, P] : Plan.Converted)
        if (!Printed.count(Usr) && (!Tops || !Awaited.count(Usr))) {
          OS << "\n";
          printFunction(Usr, 0);
        }
    for (const auto &[Usr, P] : Plan.AwaitingCoroutines) {
      OS << fmt::format("\n{} ({}): a coroutine already, awaits what "
                        "becomes one\n",
                        P.Facts->Name, where(P.Facts->Where, Cwd));
      printReasons(P, 1, /*Expand=*/false);
    }
    if (!Plan.Refused.empty()) {
      OS << "\nrefused (stays synchronous):\n";
      for (const RefusedFunction &R : Plan.Refused)
        OS << fmt::format("  {} ({}): {}\n", R.Facts->Name, where(R.Where, Cwd),
                          R.Reason);
    }
    printLeaves("stays blocking (no awaitable form in the catalog, or not "
                "one that fits the call)",
                Plan.StaysBlocking);
    printLeaves("blocking calls with no awaitable form (no climb starts "
                "there)",
                Plan.NoCounterpart);
    if (Plan.empty())
      OS << (!Plan.Refused.empty()
                 ? "\nnothing migrates: every function that would have to "
                   "become a coroutine is refused\n"
             : !Plan.NoCounterpart.empty()
                 ? "\nnothing to migrate: the blocking calls above have no "
                   "awaitable form to start from\n"
                 : "\nnothing to migrate: no synchronous function calls a "
                   "blocking API that has an awaitable form\n");
    if (!Plan.Notes.empty()) {
      OS << "\nto review:\n";
      for (const auto &[F, Note] : Plan.Notes)
        OS << fmt::format("  {} ({}): {}\n", F->Name, where(Note.Where, Cwd),
                          Note.Message);
    }
  }

private:
  void
  printLeaves(llvm::StringRef Heading,
              llvm::ArrayRef<
                  std::pair<const MigrationFunction *, const MigrationLeaf *>>
                  Leaves) {
    if (Leaves.empty())
      return;
    OS << "\n" << Heading << ":\n";
    for (const auto &[F, Leaf] : Leaves)
      OS << fmt::format("  '{}' in {} ({})\n", Leaf->Spelled, F->Name,
                        where(Leaf->Where, Cwd));
  }

  void printReasons(const PlannedFunction &P, unsigned Depth,
                    bool Expand = true) {
    std::string Indent(2 * Depth, ' ');
    for (const std::string &Reason : P.Reasons)
      OS << Indent << "- " << Reason << "\n";
    if (Expand)
      for (const std::string &Callee : P.Awaits)
        printFunction(Callee, Depth);
  }

  void printFunction(const std::string &Usr, unsigned Depth) {
    auto It = Plan.Converted.find(Usr);
    if (It == Plan.Converted.end())
      return;
    std::string Indent(2 * Depth, ' ');
    const MigrationFunction &F = *It->second.Facts;
    if (!Printed.insert(Usr).second) {
      OS << fmt::format("{}{} (see above)\n", Indent, F.Name);
      return;
    }
    OS << fmt::format(
        "{}{} ({}): becomes {}\n", Indent, F.Name, where(F.Where, Cwd),
        Plan.Options.KeepSync ? "the coroutine twin '" +
                                    Plan.Options.TwinPrefix + F.PlainName + "'"
                              : "a coroutine");
    printReasons(It->second, Depth + 1);
  }

  const MigrationPlan &Plan;
  llvm::StringRef Cwd;
  llvm::raw_ostream &OS;
  std::set<std::string> Printed;
};

/// Where `#include <asio.hpp>` goes in \p Text: after its last include
/// before \p Before; 0 when it has none.
unsigned includePosition(llvm::StringRef Text, unsigned Before) {
  unsigned Position = 0;
  size_t Line = 0;
  while (Line < Text.size() && Line < Before) {
    size_t End = Text.find('\n', Line);
    if (End == llvm::StringRef::npos)
      End = Text.size();
    if (Text.slice(Line, End).ltrim().starts_with("#include") ||
        Text.slice(Line, End).ltrim().starts_with("# include"))
      Position = std::min<size_t>(End + 1, Text.size());
    Line = End + 1;
  }
  return Position;
}

/// The plan's edits as findings of a pseudo-check, one per file, which
/// the fix machinery diffs, applies (all files or none) and exports.
llvm::Expected<std::vector<Finding>> editsAsFindings(const MigrationPlan &Plan,
                                                     SourceFiles &Sources) {
  std::string Include = Plan.Options.Target == Framework::BoostAsio
                            ? "boost/asio.hpp"
                            : "asio.hpp";
  llvm::Regex HasInclude("^[ \t]*#[ \t]*include[ \t]*[<\"]" +
                             llvm::Regex::escape(Include) + "[>\"]",
                         llvm::Regex::Newline);
  std::vector<Finding> Findings;
  for (const auto &Entry : Plan.Edits) {
    const std::string &File = Entry.first;
    const std::vector<MigrationEdit> &Edits = Entry.second;
    auto Source = Sources.get(File);
    if (!Source)
      return llvm::createStringError(
          fmt::format("{}: cannot read the file to migrate", File));
    Finding F;
    F.Check = "coro-migrate";
    F.Level = "warning";
    F.Message = "migrated to coroutines";
    F.Where = Source->span(File, Edits.front().Where.Offset, 0);
    F.Original = clang::tidy::ClangTidyError(
        F.Check, clang::tooling::Diagnostic::Warning, File, false);
    F.Original.Message.Message = F.Message;
    F.Original.Message.FilePath = File;
    F.Original.Message.FileOffset = Edits.front().Where.Offset;
    auto Add = [&](unsigned Offset, unsigned Length, std::string Text) {
      TextEdit E;
      E.Range = Source->span(File, Offset, Length);
      E.NewText = Text;
      llvm::consumeError(F.Original.Message.Fix[File].add(
          clang::tooling::Replacement(File, Offset, Length, Text)));
      F.Fixes.push_back(std::move(E));
    };
    if (!Plan.FilesWithFramework.count(File) &&
        !HasInclude.match(Source->contents()))
      Add(includePosition(Source->contents(), Edits.front().Where.Offset), 0,
          "#include <" + Include + ">\n");
    for (const MigrationEdit &E : Edits)
      Add(E.Where.Offset, E.Where.Length, E.Text);
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace

int runMigration(const DriverOptions &Options, std::vector<MigrationUnit> Units,
                 SourceFiles &Sources, const std::string &Cwd) {
  MigrationPlan Plan = planMigration(Units, migrationOptions(Options));
  for (const std::string &Root : Options.MigrateRoots)
    if (!Plan.RootsFound.count(Root))
      Plan.Errors.push_back("--root " + Root +
                            ": the program defines no function of that "
                            "qualified name");
  for (const std::string &Error : Plan.Errors)
    reportError("migrate: " + Error);
  if (!Plan.Errors.empty())
    return ExitError;
  bool Writes = Options.Fix || Options.Diff || !Options.ExportFixes.empty();
  if (!Writes || Options.MigratePlan) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    PlanPrinter(Plan, Cwd, OS).print();
    llvm::outs() << Text;
    if (llvm::Error Err = flushStandardOutput()) {
      reportError(
          fmt::format("standard output: {}", llvm::toString(std::move(Err))));
      return ExitError;
    }
    return 0;
  }
  auto Findings = editsAsFindings(Plan, Sources);
  if (!Findings) {
    reportError(llvm::toString(Findings.takeError()));
    return ExitError;
  }
  if (!Options.ExportFixes.empty())
    if (llvm::Error Err = exportFixes(Options.ExportFixes, *Findings)) {
      reportError(fmt::format("{}: {}", Options.ExportFixes,
                              llvm::toString(std::move(Err))));
      return ExitError;
    }
  unsigned Edits = 0;
  if (Options.Fix || Options.Diff) {
    auto Fixes = planFixes(*Findings, Sources);
    if (!Fixes) {
      reportError(llvm::toString(Fixes.takeError()));
      return ExitError;
    }
    Edits = Fixes->fixCount();
    if (Options.Diff) {
      llvm::outs() << unifiedDiff(*Fixes, Cwd);
    } else if (llvm::Error Err = applyFixPlan(*Fixes)) {
      reportError(llvm::toString(std::move(Err)));
      return ExitError;
    }
  }
  if (llvm::Error Err = flushStandardOutput()) {
    reportError(
        fmt::format("standard output: {}", llvm::toString(std::move(Err))));
    return ExitError;
  }
  if (!Options.Quiet)
    llvm::errs() << fmt::format(
        "corolint: migrate: {} function{} to coroutines, {} root{} bridged, "
        "{} refused; {} edit{} in {} file{}{}\n",
        Plan.Converted.size(), Plan.Converted.size() == 1 ? "" : "s",
        Plan.Roots.size(), Plan.Roots.size() == 1 ? "" : "s",
        Plan.Refused.size(), Edits, Edits == 1 ? "" : "s", Findings->size(),
        Findings->size() == 1 ? "" : "s",
        Options.Fix    ? " applied"
        : Options.Diff ? " (not applied: --diff)"
                       : "");
  return 0;
}

} // namespace corolint
