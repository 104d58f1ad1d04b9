//===--- Fixes.cpp - Applying, diffing and exporting fix-its --------------===//

#include "Fixes.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <fmt/format.h>

namespace corolint {
namespace tooling = clang::tooling;

unsigned FixPlan::fixCount() const {
  unsigned N = 0;
  for (const auto &Entry : Files)
    N += Entry.second.Edits;
  return N;
}

llvm::Expected<FixPlan> planFixes(llvm::ArrayRef<Finding> Findings,
                                  SourceFiles &Sources) {
  std::map<std::string, tooling::Replacements> ByFile;
  for (const Finding &F : Findings) {
    for (const TextEdit &E : F.Fixes) {
      tooling::Replacement R(E.Range.File, E.Range.Offset, E.Range.Length,
                             E.NewText);
      tooling::Replacements &Set = ByFile[E.Range.File];
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
    auto File = Sources.get(Path);
    if (!File)
      return llvm::createStringError(
          fmt::format("{}: cannot read the file to fix", Path));
    auto Fixed = tooling::applyAllReplacements(File->contents(), Replacements);
    if (!Fixed)
      return llvm::createStringError(
          fmt::format("{}: fix-its do not apply: {}", Path,
                      llvm::toString(Fixed.takeError())));
    Plan.Files[Path] = {File->contents().str(), *Fixed,
                        static_cast<unsigned>(Replacements.size())};
  }
  return Plan;
}

llvm::Error applyFixPlan(const FixPlan &Plan) {
  for (const auto &[Path, Change] : Plan.Files) {
    auto Current =
        llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Current || (*Current)->getBuffer() != Change.Original)
      return llvm::createStringError(fmt::format(
          "{}: changed on disk since it was analysed; no fix applied", Path));
  }
  for (const auto &Entry : Plan.Files) {
    const std::string &Path = Entry.first;
    const FixPlan::FileChange &Change = Entry.second;
    llvm::ErrorOr<llvm::sys::fs::perms> Perms =
        llvm::sys::fs::getPermissions(Path);
    if (llvm::Error Err = llvm::writeToOutput(
            Path, [&](llvm::raw_ostream &OS) -> llvm::Error {
              OS << Change.Fixed;
              return llvm::Error::success();
            }))
      return llvm::createStringError(
          fmt::format("{}: cannot write the fixed file: {}", Path,
                      llvm::toString(std::move(Err))));
    if (Perms)
      llvm::sys::fs::setPermissions(Path, *Perms);
  }
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

/// The changed line blocks, from the common prefix/suffix structure of the
/// two texts: fix-its are few and local, so a greedy match of the lines
/// between them is exact.
std::vector<LineChange> changedBlocks(const std::vector<llvm::StringRef> &Old,
                                      const std::vector<llvm::StringRef> &New) {
  std::vector<LineChange> Changes;
  size_t I = 0, J = 0;
  while (I < Old.size() || J < New.size()) {
    if (I < Old.size() && J < New.size() && Old[I] == New[J]) {
      ++I, ++J;
      continue;
    }
    // Find the nearest resynchronisation point: the smallest I2 + J2 with
    // Old[I2] == New[J2] and the rest of the texts matching from there on
    // for at least a few lines (or to their ends).
    auto Synced = [&](size_t A, size_t B) {
      for (size_t K = 0; K < 3; ++K) {
        if (A + K == Old.size() && B + K == New.size())
          return true;
        if (A + K >= Old.size() || B + K >= New.size() ||
            Old[A + K] != New[B + K])
          return false;
      }
      return true;
    };
    size_t BestI = Old.size(), BestJ = New.size();
    for (size_t Sum = I + J; Sum <= Old.size() + New.size(); ++Sum) {
      bool Found = false;
      for (size_t A = I; A <= std::min(Sum - J, Old.size()); ++A) {
        size_t B = Sum - A;
        if (B < J || B > New.size())
          continue;
        if (Synced(A, B)) {
          BestI = A, BestJ = B, Found = true;
          break;
        }
      }
      if (Found)
        break;
    }
    Changes.push_back({I, BestI, J, BestJ});
    I = BestI, J = BestJ;
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
    llvm::StringRef Shown = Path;
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
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    clang::tidy::exportReplacements(MainFile, Errors, OS);
    return llvm::Error::success();
  });
}

} // namespace corolint
