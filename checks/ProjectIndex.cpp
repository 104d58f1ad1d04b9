//===--- ProjectIndex.cpp - Whole-program facts, one file per project -----===//

#include "ProjectIndex.h"
#include "BottomUp.h"
#include "clang/AST/Decl.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"
#include <mutex>

namespace clang::tidy::corolint {

std::string usrOf(const FunctionDecl *FD) {
  llvm::SmallString<128> Buffer;
  if (index::generateUSRForDecl(FD, Buffer))
    return "";
  return Buffer.str().str();
}

// ---- Recording.

// The driver parses each translation unit on a thread of its own and
// installs the recorder there: a thread-local pointer reaches the checks
// without any state shared between concurrent parses.
static thread_local IndexRecorder *CurrentRecorder = nullptr;

IndexRecorder *IndexRecorder::current() { return CurrentRecorder; }

ScopedIndexRecorder::ScopedIndexRecorder(IndexRecorder &Recorder)
    : Previous(CurrentRecorder) {
  CurrentRecorder = &Recorder;
}

ScopedIndexRecorder::~ScopedIndexRecorder() { CurrentRecorder = Previous; }

static std::string absoluteFileOf(SourceLocation Loc, const SourceManager &SM) {
  SourceLocation Expansion = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Expansion));
  if (!File)
    return "";
  llvm::SmallString<256> Path(File->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return Path.str().str();
}

void IndexRecorder::record(const FunctionDecl *FD, SummaryKind Kind,
                           std::vector<IndexedStep> Steps,
                           llvm::StringRef Framework) {
  std::string Usr = usrOf(FD);
  if (Usr.empty())
    return;
  if (Units.empty())
    Units.emplace_back();
  auto [It, New] = Units.back().try_emplace(Usr);
  IndexedFunction &F = It->second;
  if (New) {
    const SourceManager &SM = FD->getASTContext().getSourceManager();
    SourceLocation Loc = SM.getExpansionLoc(FD->getLocation());
    F.Usr = Usr;
    F.Name = FD->getQualifiedNameAsString();
    F.File = absoluteFileOf(Loc, SM);
    F.Line = SM.getExpansionLineNumber(Loc);
    F.Column = SM.getExpansionColumnNumber(Loc);
    F.Coroutine = isCoroutine(FD);
    F.Framework = Framework.str();
  }
  F.steps(Kind) = std::move(Steps);
}

std::vector<std::vector<IndexedFunction>> IndexRecorder::take() {
  std::vector<std::vector<IndexedFunction>> Out;
  for (auto &Unit : Units) {
    Out.emplace_back();
    for (auto &Entry : Unit)
      Out.back().push_back(std::move(Entry.second));
  }
  Units.clear();
  return Out;
}

// ---- Solving the merged call graph.

ProjectIndex::ProjectIndex(std::vector<IndexedUnit> InUnits)
    : Units(std::move(InUnits)) {
  llvm::sort(Units, [](const IndexedUnit &A, const IndexedUnit &B) {
    return std::tie(A.File, A.Command) < std::tie(B.File, B.Command);
  });
  for (IndexedUnit &U : Units) {
    llvm::sort(U.Functions,
               [](const IndexedFunction &A, const IndexedFunction &B) {
                 return A.Usr < B.Usr;
               });
    for (const IndexedFunction &F : U.Functions) {
      std::vector<const IndexedFunction *> &Defs = Functions[F.Usr];
      // A header's inline function is recorded by every unit including
      // it: one definition, however many copies.
      if (llvm::none_of(Defs,
                        [&](const IndexedFunction *D) { return *D == F; }))
        Defs.push_back(&F);
    }
  }
  solve(SummaryKind::Blocking);
  solve(SummaryKind::SyncWait);
}

const IndexedReach *ProjectIndex::reach(llvm::StringRef Usr,
                                        SummaryKind Kind) const {
  auto It = Reaches.find({Usr.str(), Kind});
  return It == Reaches.end() ? nullptr : &It->second;
}

static int strength(const IndexedReach *R) {
  return !R ? 0 : R->Conditional ? 1 : 2;
}

void ProjectIndex::solve(SummaryKind Kind) {
  // Nodes are numbered in USR order, so that every run visits them alike.
  std::vector<llvm::StringRef> Usrs;
  for (const auto &Entry : Functions)
    Usrs.push_back(Entry.getKey());
  llvm::sort(Usrs);
  llvm::StringMap<unsigned> Ids;
  for (unsigned I = 0; I < Usrs.size(); ++I)
    Ids[Usrs[I]] = I;
  auto Followed = [&](unsigned Id) {
    // A coroutine is an async context of its own, not a helper.
    return llvm::none_of(Functions.find(Usrs[Id])->second,
                         [](const IndexedFunction *F) { return F->Coroutine; });
  };
  std::vector<std::optional<IndexedReach>> Current(Usrs.size());
  std::vector<bool> Solved(Usrs.size(), false);
  // The USRs a node's current path passes through (cycle guard).
  std::vector<std::vector<unsigned>> Through(Usrs.size());

  auto Successors = [&](unsigned Id) {
    llvm::SmallVector<unsigned, 8> Next;
    for (const IndexedFunction *F : Functions.find(Usrs[Id])->second)
      for (const IndexedStep &S : F->steps(Kind))
        if (!S.Api && !S.Callee.empty())
          if (auto It = Ids.find(S.Callee);
              It != Ids.end() && Followed(It->second))
            Next.push_back(It->second);
    return Next;
  };
  // The same rule as CallSummaries::choose, over recorded steps.
  auto Choose = [&](const IndexedFunction &F, unsigned Self,
                    std::vector<unsigned> &Via) {
    std::optional<IndexedReach> Found;
    for (const IndexedStep &S : F.steps(Kind)) {
      if (Found && !Found->Conditional)
        break;
      if (Found && S.Conditional)
        continue;
      RemoteStep Here{S.File.empty() ? F.File : S.File, S.Line, S.Column,
                      S.Api ? "" : S.CalleeName};
      if (S.Api) {
        Found.emplace();
        Found->Steps = {Here};
        Found->Api = *S.Api;
        Found->Conditional = S.Conditional;
        Via.clear();
        continue;
      }
      auto It = Ids.find(S.Callee);
      if (It == Ids.end() || !Followed(It->second))
        continue;
      unsigned Callee = It->second;
      const std::optional<IndexedReach> &Inner = Current[Callee];
      if (!Inner || (Found && Inner->Conditional) ||
          llvm::is_contained(Through[Callee], Self) || Callee == Self)
        continue;
      Found = *Inner;
      Found->Steps.insert(Found->Steps.begin(), Here);
      Found->Conditional |= S.Conditional;
      Via = Through[Callee];
      Via.push_back(Callee);
    }
    return Found;
  };
  auto Update = [&](unsigned Id) {
    const std::vector<const IndexedFunction *> &Defs =
        Functions.find(Usrs[Id])->second;
    std::optional<IndexedReach> Best;
    std::vector<unsigned> BestVia;
    unsigned Reaching = 0;
    for (const IndexedFunction *F : Defs) {
      std::vector<unsigned> Via;
      std::optional<IndexedReach> R = Choose(*F, Id, Via);
      Reaching += R.has_value();
      if (strength(R ? &*R : nullptr) > strength(Best ? &*Best : nullptr)) {
        Best = std::move(R);
        BestVia = std::move(Via);
      }
    }
    // Several definitions (build configurations) of this function: say how
    // many reach the API. One: what its callee said stands.
    if (Best && Defs.size() > 1) {
      Best->Definitions = Defs.size();
      Best->DefinitionsReaching = Reaching;
      if (Reaching < Defs.size())
        Best->Builds = "in " + std::to_string(Reaching) + " of " +
                       std::to_string(Defs.size()) + " builds of '" +
                       Defs.front()->Name + "'";
    }
    if (strength(Best ? &*Best : nullptr) <=
        strength(Current[Id] ? &*Current[Id] : nullptr))
      return false;
    Current[Id] = std::move(Best);
    Through[Id] = std::move(BestVia);
    return true;
  };
  for (unsigned Root = 0; Root < Usrs.size(); ++Root) {
    if (!Followed(Root))
      continue;
    forEachComponentBottomUp(
        Root, Successors, [&](unsigned Id) { return Solved[Id]; },
        [&](llvm::ArrayRef<unsigned> Component) {
          solveComponent(Component, Update);
          for (unsigned Id : Component)
            Solved[Id] = true;
        });
  }
  for (unsigned Id = 0; Id < Usrs.size(); ++Id)
    if (Current[Id])
      Reaches[{Usrs[Id].str(), Kind}] = std::move(*Current[Id]);
}

std::string ProjectIndex::staleInputOf(llvm::ArrayRef<IndexedUnit> Units) {
  llvm::StringMap<std::pair<uint64_t, uint64_t>> Seen;
  for (const IndexedUnit &U : Units)
    for (const IndexedInput &In : U.Inputs) {
      auto [It, New] = Seen.try_emplace(In.Path);
      if (New) {
        auto Buffer = llvm::MemoryBuffer::getFile(In.Path, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/
                                                  false);
        if (!Buffer)
          return In.Path + " is gone";
        It->second = {(*Buffer)->getBufferSize(),
                      llvm::xxh3_64bits((*Buffer)->getBuffer())};
      }
      if (It->second != std::make_pair(In.Size, In.Hash))
        return In.Path + " changed";
    }
  return "";
}

// ---- The file.

static std::string hex(uint64_t Value) {
  return llvm::utohexstr(Value, true, 16);
}

static void writeSteps(llvm::json::OStream &J, llvm::StringRef Key,
                       const std::vector<IndexedStep> &Steps) {
  if (Steps.empty())
    return;
  J.attributeArray(Key, [&] {
    for (const IndexedStep &S : Steps)
      J.object([&] {
        J.attribute("line", S.Line);
        J.attribute("column", S.Column);
        if (!S.File.empty())
          J.attribute("file", S.File);
        if (S.Conditional)
          J.attribute("conditional", true);
        if (S.Api) {
          J.attribute("api", S.Api->Name);
          J.attribute("display", S.Api->Display);
          J.attribute("category", S.Api->Category);
        } else {
          J.attribute("calls", S.Callee);
          J.attribute("name", S.CalleeName);
        }
      });
  });
}

std::string ProjectIndex::text() const {
  // One line per input and per function: an index diffs and merges like
  // text, and stays byte-identical for the same inputs.
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  auto Line = [&](llvm::function_ref<void(llvm::json::OStream &)> Write) {
    llvm::json::OStream J(OS);
    Write(J);
  };
  OS << "{\"format\": \"corolint-index\", \"version\": " << ProjectIndexVersion
     << ", \"units\": [";
  for (size_t U = 0; U < Units.size(); ++U) {
    const IndexedUnit &Unit = Units[U];
    OS << (U ? ",\n" : "\n") << "{\"file\": ";
    Line([&](llvm::json::OStream &J) { J.value(Unit.File); });
    OS << ", \"command\": ";
    Line([&](llvm::json::OStream &J) { J.value(Unit.Command); });
    OS << ",\n \"inputs\": [";
    for (size_t I = 0; I < Unit.Inputs.size(); ++I) {
      const IndexedInput &In = Unit.Inputs[I];
      OS << (I ? ",\n  " : "\n  ");
      Line([&](llvm::json::OStream &J) {
        J.array([&] {
          J.value(In.Path);
          J.value(In.Size);
          J.value(hex(In.Hash));
        });
      });
    }
    OS << "],\n \"functions\": [";
    for (size_t I = 0; I < Unit.Functions.size(); ++I) {
      const IndexedFunction &F = Unit.Functions[I];
      OS << (I ? ",\n  " : "\n  ");
      Line([&](llvm::json::OStream &J) {
        J.object([&] {
          J.attribute("usr", F.Usr);
          J.attribute("name", F.Name);
          J.attribute("file", F.File);
          J.attribute("line", F.Line);
          J.attribute("column", F.Column);
          if (F.Coroutine)
            J.attribute("coroutine", true);
          if (!F.Framework.empty())
            J.attribute("framework", F.Framework);
          writeSteps(J, "blocking", F.Blocking);
          writeSteps(J, "syncWait", F.SyncWait);
        });
      });
    }
    OS << "]}";
  }
  OS << "\n]}\n";
  return Out;
}

namespace {
/// Reads the index's JSON, with the first problem as the error.
class IndexParser {
public:
  explicit IndexParser(llvm::StringRef Path) : Path(Path) {}

  llvm::Expected<std::vector<IndexedUnit>> parse(const llvm::json::Value &V) {
    const llvm::json::Object *Root = V.getAsObject();
    if (!Root || Root->getString("format") != "corolint-index")
      return fail("not a corolint index");
    std::optional<int64_t> Version = Root->getInteger("version");
    if (Version != ProjectIndexVersion)
      return fail("an index of format version " +
                  (Version ? std::to_string(*Version) : std::string("?")) +
                  "; this corolint reads version " +
                  std::to_string(ProjectIndexVersion) +
                  ": rebuild it with 'corolint index'");
    const llvm::json::Array *Units = Root->getArray("units");
    if (!Units)
      return fail("no 'units' array");
    std::vector<IndexedUnit> Out;
    for (const llvm::json::Value &UV : *Units) {
      const llvm::json::Object *UO = UV.getAsObject();
      if (!UO)
        return fail("a unit is not an object");
      IndexedUnit U;
      U.File = UO->getString("file").value_or("").str();
      U.Command = UO->getString("command").value_or("").str();
      if (const llvm::json::Array *Inputs = UO->getArray("inputs"))
        for (const llvm::json::Value &IV : *Inputs) {
          const llvm::json::Array *IA = IV.getAsArray();
          uint64_t Hash = 0;
          if (!IA || IA->size() != 3 || !(*IA)[0].getAsString() ||
              !(*IA)[1].getAsInteger() || !(*IA)[2].getAsString() ||
              (*IA)[2].getAsString()->getAsInteger(16, Hash))
            return fail("a malformed input of " + U.File);
          U.Inputs.push_back({(*IA)[0].getAsString()->str(),
                              uint64_t(*(*IA)[1].getAsInteger()), Hash});
        }
      if (const llvm::json::Array *Fns = UO->getArray("functions"))
        for (const llvm::json::Value &FV : *Fns) {
          const llvm::json::Object *FO = FV.getAsObject();
          if (!FO || !FO->getString("usr"))
            return fail("a function of " + U.File + " has no 'usr'");
          IndexedFunction F;
          F.Usr = FO->getString("usr")->str();
          F.Name = FO->getString("name").value_or("").str();
          F.File = FO->getString("file").value_or("").str();
          F.Line = FO->getInteger("line").value_or(0);
          F.Column = FO->getInteger("column").value_or(0);
          F.Coroutine = FO->getBoolean("coroutine").value_or(false);
          F.Framework = FO->getString("framework").value_or("").str();
          if (!readSteps(FO->getArray("blocking"), F.Blocking) ||
              !readSteps(FO->getArray("syncWait"), F.SyncWait))
            return fail("a malformed step in " + F.Name);
          U.Functions.push_back(std::move(F));
        }
      Out.push_back(std::move(U));
    }
    return Out;
  }

private:
  bool readSteps(const llvm::json::Array *In, std::vector<IndexedStep> &Out) {
    if (!In)
      return true;
    for (const llvm::json::Value &SV : *In) {
      const llvm::json::Object *SO = SV.getAsObject();
      if (!SO || !SO->getInteger("line") || !SO->getInteger("column"))
        return false;
      IndexedStep S;
      S.Line = *SO->getInteger("line");
      S.Column = *SO->getInteger("column");
      S.File = SO->getString("file").value_or("").str();
      S.Conditional = SO->getBoolean("conditional").value_or(false);
      if (std::optional<llvm::StringRef> Api = SO->getString("api")) {
        S.Api = IndexedApi{Api->str(),
                           SO->getString("display").value_or(*Api).str(),
                           SO->getString("category").value_or("").str()};
      } else if (std::optional<llvm::StringRef> Callee =
                     SO->getString("calls")) {
        S.Callee = Callee->str();
        S.CalleeName = SO->getString("name").value_or("").str();
      } else {
        return false;
      }
      Out.push_back(std::move(S));
    }
    return true;
  }

  llvm::Error fail(const std::string &Why) {
    return llvm::createStringError(Path + ": " + Why);
  }

  std::string Path;
};
} // namespace

llvm::Expected<std::unique_ptr<ProjectIndex>>
ProjectIndex::read(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(
        Path + ": cannot read the index: " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        Path + ": not a corolint index: " + llvm::toString(Parsed.takeError()));
  IndexParser Parser(Path);
  llvm::Expected<std::vector<IndexedUnit>> Units = Parser.parse(*Parsed);
  if (!Units)
    return Units.takeError();
  auto Index = std::make_unique<ProjectIndex>(std::move(*Units));
  Index->ContentHash = llvm::xxh3_64bits((*Buffer)->getBuffer());
  return Index;
}

llvm::Expected<std::shared_ptr<const ProjectIndex>>
ProjectIndex::shared(llvm::StringRef Path) {
  struct Entry {
    llvm::sys::TimePoint<> Modified;
    uint64_t Size;
    std::shared_ptr<const ProjectIndex> Index;
  };
  // Process-wide and immutable once read: every check instance, on every
  // thread, reads the same index.
  static std::mutex Lock;
  static llvm::StringMap<Entry> Cache;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return llvm::createStringError(Path +
                                   ": cannot read the index: " + EC.message());
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Cache.find(Path);
  if (It != Cache.end() &&
      It->second.Modified == Status.getLastModificationTime() &&
      It->second.Size == Status.getSize())
    return It->second.Index;
  llvm::Expected<std::unique_ptr<ProjectIndex>> Read = read(Path);
  if (!Read)
    return Read.takeError();
  std::shared_ptr<const ProjectIndex> Index = std::move(*Read);
  Cache[Path] = {Status.getLastModificationTime(), Status.getSize(), Index};
  return Index;
}

} // namespace clang::tidy::corolint
