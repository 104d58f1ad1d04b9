//===--- Fixes.cpp - Applying, diffing and exporting fix-its --------------===//

#include "Fixes.h"
#include "AtomicWrite.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdlib>
#include <fmt/format.h>
#include <thread>

namespace corolint {
namespace tooling = clang::tooling;
namespace fs = llvm::sys::fs;

unsigned FixPlan::fixCount() const {
  unsigned N = 0;
  for (const auto &Entry : Files)
    N += Entry.second.Edits;
  return N;
}

/// The file a path names, through symlinks; the path itself when it cannot
/// be resolved (reading it will then fail with the reason).
static std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
}

llvm::Expected<FixPlan> planFixes(llvm::ArrayRef<Finding> Findings,
                                  SourceFiles &Sources) {
  std::map<std::string, tooling::Replacements> ByFile;
  std::map<std::string, std::string> Spelled;
  for (const Finding &F : Findings) {
    for (const TextEdit &E : F.Fixes) {
      std::string Real = realPath(E.Range.File);
      Spelled.emplace(Real, E.Range.File);
      tooling::Replacement R(Real, E.Range.Offset, E.Range.Length, E.NewText);
      tooling::Replacements &Set = ByFile[Real];
      // The same fix reached through two files (a header) is one fix.
      if (llvm::is_contained(Set, R))
        continue;
      if (llvm::Error Err = Set.add(R)) {
        llvm::consumeError(std::move(Err));
        return llvm::createStringError(
            fmt::format("{}:{}:{}: fix-its overlap; no fix applied",
                        E.Range.File, E.Range.StartLine, E.Range.StartColumn));
      }
    }
  }
  FixPlan Plan;
  for (auto &[Path, Replacements] : ByFile) {
    if (!Sources.consistent(Spelled[Path]))
      return llvm::createStringError(
          fmt::format("{}: changed on disk during the analysis (translation "
                      "units read different contents); no fix applied",
                      Spelled[Path]));
    auto File = Sources.get(Spelled[Path]);
    if (!File)
      return llvm::createStringError(
          fmt::format("{}: cannot read the file to fix", Spelled[Path]));
    auto Fixed = tooling::applyAllReplacements(File->contents(), Replacements);
    if (!Fixed)
      return llvm::createStringError(
          fmt::format("{}: fix-its do not apply: {}", Spelled[Path],
                      llvm::toString(Fixed.takeError())));
    Plan.Files[Path] = {Spelled[Path], File->contents().str(), *Fixed,
                        static_cast<unsigned>(Replacements.size())};
  }
  return Plan;
}

namespace {

/// How long a run waits for another one to finish writing a file.
constexpr std::chrono::milliseconds LockTimeout(10000);

/// A file of the plan, open and locked while the plan is written.
struct LockedFile {
  std::string Path; // Real path.
  const FixPlan::FileChange *Change = nullptr;
  fs::file_t FD = fs::kInvalidFile;
  fs::file_status Status; // Of the locked file.
  std::optional<FileReplacement> New;

  LockedFile(std::string Path, const FixPlan::FileChange &Change)
      : Path(std::move(Path)), Change(&Change) {}
  LockedFile(LockedFile &&Other)
      : Path(std::move(Other.Path)), Change(Other.Change), FD(Other.FD),
        Status(Other.Status), New(std::move(Other.New)) {
    Other.FD = fs::kInvalidFile;
    Other.New.reset();
  }
  ~LockedFile() { release(); }

  void release() {
    if (FD == fs::kInvalidFile)
      return;
    fs::closeFile(FD); // Releases the lock.
  }

  llvm::Error error(llvm::StringRef Why) const {
    return llvm::createStringError(
        fmt::format("{}: {}; no fix applied", Change->Spelled, Why.str()));
  }
  llvm::Error changed() const {
    return error("changed on disk since it was analysed");
  }

  /// Opens and locks the file. When the path names another file once the
  /// lock is ours (another corolint run replaced it meanwhile), that file
  /// is the one to lock.
  llvm::Error lock() {
    for (int Attempt = 0; Attempt < 4; ++Attempt) {
      auto Opened = fs::openNativeFileForRead(Path);
      if (!Opened)
        return error("cannot open: " +
                     llvm::errorToErrorCode(Opened.takeError()).message());
      FD = *Opened;
      if (std::error_code EC = lockExclusive(FD, LockTimeout)) {
        fs::closeFile(FD);
        return error(EC == std::errc::no_lock_available
                         ? "locked by another process (another corolint "
                           "--fix?) for too long"
                         : "cannot lock: " + EC.message());
      }
      fs::UniqueID Named;
      if (!fs::status(FD, Status) && !fs::getUniqueID(Path, Named) &&
          Named == Status.getUniqueID())
        return llvm::Error::success();
      release();
    }
    return changed();
  }

  /// The path still names the locked file, which holds what was analysed.
  bool unchanged() const {
    fs::UniqueID Named;
    return !fs::getUniqueID(Path, Named) && Named == Status.getUniqueID() &&
           holdsOriginal();
  }

  /// The locked file holds what was analysed.
  bool holdsOriginal() const {
    auto Current = llvm::MemoryBuffer::getOpenFile(
        FD, Path, /*FileSize=*/-1, /*RequiresNullTerminator=*/false,
        /*IsVolatile=*/true);
    return Current && (*Current)->getBuffer() == Change->Original;
  }
};

/// COROLINT_TEST_FIX_PAUSE_MS: a pause after each file is written and each
/// is committed, so that tests can send signals while a plan is written.
void testPause() {
  static const unsigned Pause = [] {
    unsigned Ms = 0;
    if (const char *Env = std::getenv("COROLINT_TEST_FIX_PAUSE_MS"))
      llvm::StringRef(Env).getAsInteger(10, Ms);
    return Ms;
  }();
  if (Pause)
    std::this_thread::sleep_for(std::chrono::milliseconds(Pause));
}

/// Puts back the files already replaced, newest first. Returns the files
/// that could not be restored.
std::string rollBack(std::vector<LockedFile> &Files, size_t Count) {
  std::string Failed;
  for (size_t I = Count; I-- > 0;) {
    LockedFile &F = Files[I];
    if (F.New->revert())
      continue;
    // No swap on this file system: write the analysed contents back.
    auto Restore =
        FileReplacement::create(F.Path, F.Change->Original, &F.Status);
    if (Restore) {
      if (llvm::Error Err = Restore->commit())
        llvm::consumeError(std::move(Err));
      else
        continue;
    } else {
      llvm::consumeError(Restore.takeError());
    }
    Failed += (Failed.empty() ? "" : ", ") + F.Change->Spelled;
  }
  return Failed;
}

} // namespace

llvm::Error applyFixPlan(const FixPlan &Plan) {
  // From the first lock to the last rename no signal interrupts: the plan
  // is written or undone, and no temporary file is left behind.
  DeferTerminationSignals Defer;
  std::vector<LockedFile> Files;
  Files.reserve(Plan.Files.size());
  // Locked in path order (the plan is sorted): two runs never deadlock.
  for (const auto &[Path, Change] : Plan.Files) {
    Files.emplace_back(Path, Change);
    if (llvm::Error Err = Files.back().lock())
      return Err;
  }
  for (const LockedFile &F : Files)
    if (!F.unchanged())
      return F.changed();
  for (LockedFile &F : Files) {
    auto New = FileReplacement::create(F.Path, F.Change->Fixed, &F.Status);
    if (!New)
      return F.error(llvm::toString(New.takeError()));
    F.New.emplace(std::move(*New));
    testPause();
  }
  for (size_t I = 0; I < Files.size(); ++I) {
    LockedFile &F = Files[I];
    // Checked again just before, and, where the file system swaps names,
    // after: what was replaced must be exactly the file that was analysed.
    std::string Failure;
    size_t Replaced = I; // Files to put back on failure.
    if (!F.unchanged()) {
      Failure = "changed on disk since it was analysed";
    } else if (llvm::Error Err = F.New->commit()) {
      Failure = llvm::toString(std::move(Err));
    } else {
      Replaced = I + 1;
      std::optional<fs::UniqueID> Previous = F.New->replacedFile();
      if (Previous &&
          (*Previous != F.Status.getUniqueID() || !F.holdsOriginal()))
        Failure = "changed on disk since it was analysed";
    }
    if (!Failure.empty()) {
      std::string NotRestored = rollBack(Files, Replaced);
      if (!NotRestored.empty())
        Failure += "; could not restore " + NotRestored;
      return F.error(Failure);
    }
    testPause();
  }
  for (LockedFile &F : Files)
    F.New->finish();
  return llvm::Error::success();
}

namespace {

std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    if (End == llvm::StringRef::npos) {
      Lines.push_back(Text);
      break;
    }
    Lines.push_back(Text.take_front(End + 1));
    Text = Text.drop_front(End + 1);
  }
  return Lines;
}

/// Lines [OldBegin, OldEnd) of the original became [NewBegin, NewEnd).
struct LineChange {
  size_t OldBegin, OldEnd, NewBegin, NewEnd;
};

/// The changed line blocks of a shortest edit script (Myers' O(ND)
/// algorithm): a migration changes lines all over a file, and a greedy
/// match would fold the unchanged lines between its edits into one block.
std::vector<LineChange> changedBlocks(const std::vector<llvm::StringRef> &Old,
                                      const std::vector<llvm::StringRef> &New) {
  const long N = Old.size(), M = New.size(), Max = N + M;
  // V[k + Max]: the furthest x on diagonal k = x - y; Trace[D] is V before
  // step D, from which the path is walked back.
  std::vector<long> V(2 * Max + 2, 0);
  std::vector<std::vector<long>> Trace;
  long Final = 0;
  for (long D = 0; D <= Max; ++D) {
    Trace.push_back(V);
    bool Done = false;
    for (long K = -D; K <= D; K += 2) {
      long X = (K == -D || (K != D && V[K - 1 + Max] < V[K + 1 + Max]))
                   ? V[K + 1 + Max]
                   : V[K - 1 + Max] + 1;
      long Y = X - K;
      while (X < N && Y < M && Old[X] == New[Y])
        ++X, ++Y;
      V[K + Max] = X;
      if (X >= N && Y >= M) {
        Done = true;
        break;
      }
    }
    if (Done) {
      Final = D;
      break;
    }
  }
  // Walk back, collecting the matched line pairs.
  std::vector<std::pair<long, long>> Matches;
  long X = N, Y = M;
  for (long D = Final; D > 0; --D) {
    const std::vector<long> &Before = Trace[D];
    long K = X - Y;
    long PrevK =
        (K == -D || (K != D && Before[K - 1 + Max] < Before[K + 1 + Max]))
            ? K + 1
            : K - 1;
    long PrevX = Before[PrevK + Max], PrevY = PrevX - PrevK;
    while (X > PrevX && Y > PrevY)
      Matches.push_back({--X, --Y});
    X = PrevX, Y = PrevY;
  }
  while (X > 0 && Y > 0)
    Matches.push_back({--X, --Y});
  std::reverse(Matches.begin(), Matches.end());
  std::vector<LineChange> Changes;
  size_t I = 0, J = 0;
  Matches.push_back({N, M});
  for (auto [MatchI, MatchJ] : Matches) {
    if (size_t(MatchI) > I || size_t(MatchJ) > J)
      Changes.push_back({I, size_t(MatchI), J, size_t(MatchJ)});
    I = MatchI + 1, J = MatchJ + 1;
  }
  return Changes;
}

void emitLine(std::string &Out, char Prefix, llvm::StringRef Line) {
  Out += Prefix;
  Out += Line.str();
  if (!Line.ends_with("\n"))
    Out += "\n\\ No newline at end of file\n";
}

} // namespace

std::string unifiedDiff(const FixPlan &Plan, llvm::StringRef Root) {
  constexpr size_t Context = 3;
  std::string Out;
  for (const auto &[Path, Change] : Plan.Files) {
    std::vector<llvm::StringRef> Old = splitLines(Change.Original);
    std::vector<llvm::StringRef> New = splitLines(Change.Fixed);
    std::vector<LineChange> Blocks = changedBlocks(Old, New);
    if (Blocks.empty())
      continue;
    std::string Prefix = Root.str() + "/";
    llvm::StringRef Shown = Change.Spelled;
    Shown.consume_front(Prefix);
    std::string Name = Shown.starts_with("/") ? Shown.str() : "/" + Shown.str();
    Out += fmt::format("--- a{}\n+++ b{}\n", Name, Name);
    for (size_t First = 0; First < Blocks.size();) {
      // A hunk takes every following block whose context touches its own.
      size_t Last = First;
      while (Last + 1 < Blocks.size() &&
             Blocks[Last + 1].OldBegin - Blocks[Last].OldEnd <= 2 * Context)
        ++Last;
      size_t OldBegin = Blocks[First].OldBegin >= Context
                            ? Blocks[First].OldBegin - Context
                            : 0;
      size_t NewBegin =
          Blocks[First].NewBegin - (Blocks[First].OldBegin - OldBegin);
      size_t OldEnd = std::min(Old.size(), Blocks[Last].OldEnd + Context);
      size_t NewEnd = Blocks[Last].NewEnd + (OldEnd - Blocks[Last].OldEnd);
      auto Range = [](size_t Begin, size_t End) {
        size_t Count = End - Begin;
        return Count == 1
                   ? fmt::format("{}", Begin + 1)
                   : fmt::format("{},{}", Count ? Begin + 1 : Begin, Count);
      };
      Out += fmt::format("@@ -{} +{} @@\n", Range(OldBegin, OldEnd),
                         Range(NewBegin, NewEnd));
      size_t I = OldBegin;
      for (size_t B = First; B <= Last; ++B) {
        for (; I < Blocks[B].OldBegin; ++I)
          emitLine(Out, ' ', Old[I]);
        for (size_t K = Blocks[B].OldBegin; K < Blocks[B].OldEnd; ++K)
          emitLine(Out, '-', Old[K]);
        for (size_t K = Blocks[B].NewBegin; K < Blocks[B].NewEnd; ++K)
          emitLine(Out, '+', New[K]);
        I = Blocks[B].OldEnd;
      }
      for (; I < OldEnd; ++I)
        emitLine(Out, ' ', Old[I]);
      First = Last + 1;
    }
  }
  return Out;
}

llvm::Error exportFixes(llvm::StringRef Path,
                        llvm::ArrayRef<Finding> Findings) {
  std::vector<clang::tidy::ClangTidyError> Errors;
  std::string MainFile;
  for (const Finding &F : Findings) {
    if (MainFile.empty())
      MainFile = F.Where.File;
    Errors.push_back(F.Original);
  }
  std::string Yaml;
  llvm::raw_string_ostream OS(Yaml);
  clang::tidy::exportReplacements(MainFile, Errors, OS);
  return writeOutputFile(Path, Yaml);
}

} // namespace corolint
