//===--- LineFilter.cpp - Findings on chosen lines only -------------------===//

#include "LineFilter.h"
#include "Analysis.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <fmt/format.h>

namespace corolint {
namespace tidy = clang::tidy;
namespace {

/// Runs git with Args in Dir; its standard output, or an error with the
/// first line git printed on standard error.
llvm::Expected<std::string> runGit(llvm::ArrayRef<llvm::StringRef> Args,
                                   llvm::StringRef Dir) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("git not found on PATH");
  llvm::SmallString<128> Out, Err;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("corolint-git", "out", Out))
    return llvm::createStringError(EC.message());
  llvm::scope_exit RemoveOut([&] { llvm::sys::fs::remove(Out); });
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("corolint-git", "err", Err))
    return llvm::createStringError(EC.message());
  llvm::scope_exit RemoveErr([&] { llvm::sys::fs::remove(Err); });

  std::vector<llvm::StringRef> Argv = {"git", "-C", Dir};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                Out.str(), Err.str()};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects,
                                         0, 0, &ExecError);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  if (Status != 0) {
    std::string Message = Read(Err);
    llvm::StringRef First = llvm::StringRef(Message).split('\n').first.trim();
    return llvm::createStringError(
        First.empty() ? (ExecError.empty() ? "git failed" : ExecError)
                      : First.str());
  }
  return Read(Out);
}

/// The top level of the git work tree around Dir; Dir outside one.
std::string workTreeRoot(llvm::StringRef Dir) {
  auto Top = runGit({"rev-parse", "--show-toplevel"}, Dir);
  if (!Top) {
    llvm::consumeError(Top.takeError());
    return Dir.str();
  }
  return llvm::StringRef(*Top).trim().str();
}

bool isHeader(llvm::StringRef Path) {
  return llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".inl",
                             ".ipp", ".tcc", ".inc"},
                            llvm::sys::path::extension(Path).lower());
}

/// clang-tidy's ClangTidyDiagnosticConsumer::passesLineFilter.
bool passesFilters(llvm::ArrayRef<tidy::FileFilter> Filters,
                   llvm::StringRef File, unsigned Line) {
  for (const tidy::FileFilter &Filter : Filters) {
    if (!File.ends_with(Filter.Name))
      continue;
    if (Filter.LineRanges.empty())
      return true;
    for (const auto &[First, Last] : Filter.LineRanges)
      if (First <= Line && Line <= Last)
        return true;
  }
  return false;
}

} // namespace

std::vector<tidy::FileFilter>
LineFilter::parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef Root) {
  std::vector<tidy::FileFilter> Files;
  llvm::StringRef OldName;
  tidy::FileFilter *Current = nullptr;
  // Inside a hunk: the next line number on the new side, and how many old
  // and new lines are still to come.
  unsigned NewLine = 0, OldLeft = 0, NewLeft = 0;
  auto NameOf = [](llvm::StringRef Header) {
    // "--- a/src/x.cpp\t2024-01-01 ..." : the name ends at a tab.
    return Header.split('\t').first.rtrim();
  };
  auto Added = [&](unsigned Line) {
    auto &Ranges = Current->LineRanges;
    if (!Ranges.empty() && Ranges.back().second + 1 == Line)
      Ranges.back().second = Line;
    else
      Ranges.push_back({Line, Line});
  };
  llvm::SmallVector<llvm::StringRef> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line.consume_back("\r");
    if (OldLeft || NewLeft) {
      // Only the added lines are changed lines, not the context of a diff
      // made without -U0.
      if (Line.starts_with("+") && NewLeft) {
        Added(NewLine++);
        --NewLeft;
      } else if (Line.starts_with("-") && OldLeft) {
        --OldLeft;
      } else if (Line.starts_with(" ") || Line.empty()) {
        ++NewLine;
        NewLeft -= NewLeft > 0;
        OldLeft -= OldLeft > 0;
      }
      continue;
    }
    if (Line.consume_front("--- ")) {
      OldName = NameOf(Line);
      continue;
    }
    if (Line.consume_front("+++ ")) {
      Current = nullptr;
      llvm::StringRef Name = NameOf(Line);
      if (Name == "/dev/null")
        continue;
      // git's prefixes (`--- a/x` / `+++ b/x`, `--- /dev/null` for a new
      // file): what `patch -p1` strips.
      if ((OldName.starts_with("a/") || OldName == "/dev/null") &&
          Name.starts_with("b/"))
        Name = Name.drop_front(2);
      Files.push_back({normalisePath(Name, Root), {}});
      Current = &Files.back();
      continue;
    }
    // @@ -l,s +l,s @@: where each side starts and its length (1 if absent).
    if (!Current || !Line.consume_front("@@ -"))
      continue;
    auto [OldSide, Rest] = Line.split(" +");
    llvm::StringRef NewSide = Rest.split(' ').first;
    auto Length = [](llvm::StringRef Side, unsigned &Start, unsigned &Count) {
      auto [First, N] = Side.split(',');
      Count = 1;
      return !First.getAsInteger(10, Start) &&
             (N.empty() || !N.getAsInteger(10, Count));
    };
    unsigned OldStart;
    if (!Length(OldSide, OldStart, OldLeft) ||
        !Length(NewSide, NewLine, NewLeft))
      OldLeft = NewLeft = 0;
  }
  // A file whose hunks only delete lines selects nothing; without ranges
  // clang-tidy's rule would select it whole.
  llvm::erase_if(Files, [](const tidy::FileFilter &F) {
    return F.LineRanges.empty();
  });
  return Files;
}

llvm::Expected<std::optional<LineFilter>>
LineFilter::create(const DriverOptions &Options, llvm::StringRef Cwd) {
  if (Options.LineFilter.empty() && Options.DiffBase.empty() &&
      Options.DiffInput.empty())
    return std::nullopt;
  if (!Options.DiffBase.empty() && !Options.DiffInput.empty())
    return llvm::createStringError("--diff-base and --diff-input are "
                                   "exclusive");
  LineFilter F;
  if (!Options.LineFilter.empty()) {
    tidy::ClangTidyGlobalOptions Global;
    if (std::error_code EC = tidy::parseLineFilter(Options.LineFilter, Global))
      return llvm::createStringError(
          fmt::format("--line-filter: invalid JSON: {}", EC.message()));
    F.Given = std::move(Global.LineFilter);
  }
  if (!Options.DiffBase.empty()) {
    std::string Root = workTreeRoot(Cwd);
    // The merge base, as a pull request sees it, against the work tree, so
    // that uncommitted edits count; no rename or external diff tricks.
    auto Diff = runGit({"diff", "--merge-base", Options.DiffBase, "-U0",
                        "--no-color", "--no-ext-diff", "--no-textconv",
                        "--no-relative", "--src-prefix=a/", "--dst-prefix=b/",
                        "--"},
                       Cwd);
    if (!Diff)
      return llvm::createStringError(fmt::format(
          "--diff-base={}: {}", Options.DiffBase,
          llvm::toString(Diff.takeError())));
    F.Changed = parseUnifiedDiff(*Diff, Root);
  } else if (!Options.DiffInput.empty()) {
    auto Buffer = llvm::MemoryBuffer::getFileOrSTDIN(Options.DiffInput);
    if (!Buffer)
      return llvm::createStringError(fmt::format(
          "--diff-input={}: {}", Options.DiffInput,
          Buffer.getError().message()));
    F.Changed = parseUnifiedDiff((*Buffer)->getBuffer(), workTreeRoot(Cwd));
  }
  return F;
}

bool LineFilter::passes(llvm::StringRef File, unsigned Line) const {
  if (Given && !Given->empty() && !passesFilters(*Given, File, Line))
    return false;
  if (Changed && !passesFilters(*Changed, File, Line))
    return false;
  return true;
}

bool LineFilter::passes(const Finding &F) const {
  if (passes(F.Where.File, F.Where.StartLine))
    return true;
  return llvm::any_of(F.Notes, [&](const Note &N) {
    return !N.Where.File.empty() && passes(N.Where.File, N.Where.StartLine);
  });
}

void LineFilter::restrictFiles(std::vector<std::string> &Files) const {
  if (!Changed || llvm::any_of(*Changed, [](const tidy::FileFilter &F) {
        return isHeader(F.Name);
      }))
    return;
  llvm::erase_if(Files, [&](const std::string &File) {
    return llvm::none_of(*Changed, [&](const tidy::FileFilter &F) {
      return F.Name == File;
    });
  });
}

} // namespace corolint
