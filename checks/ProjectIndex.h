//===--- ProjectIndex.h - Whole-program facts, one file per project -*- C++
//-*-===//
//
// Real servers hide their blocking calls a function or two down, in
// another file. The project index holds, for every function the project
// defines, the steps its body takes towards a blocking call or a
// synchronous wait (in order, each an API or a call of another project
// function, each on the normal path or in a branch), recorded by the same
// finders the checks use, per translation unit. Loading it solves the
// merged call graph bottom-up (BottomUp.h), so a check that meets a call
// of a function its translation unit only declares can ask what that
// function reaches, and show the path across files. docs/index.md is the
// user's page and the format's specification.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_PROJECTINDEX_H
#define COROLINT_CHECKS_PROJECTINDEX_H

#include "CallSummaries.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang::tidy::corolint {

/// The version of the on-disk format; an index of another version is
/// refused with a message saying so.
constexpr int ProjectIndexVersion = 1;

/// The kinds of API a summary is about: one per check that follows calls.
enum class SummaryKind { Blocking, SyncWait };

struct IndexedApi {
  std::string Name;    ///< The catalog name ("std::basic_ifstream::...").
  std::string Display; ///< As a message shows it.
  std::string Category;
  bool operator==(const IndexedApi &O) const {
    return std::tie(Name, Display, Category) ==
           std::tie(O.Name, O.Display, O.Category);
  }
};

/// One step of a function body: a call of an API, or of a project function
/// (by USR). Locations are the expansion locations, in the function's file
/// unless File says otherwise.
struct IndexedStep {
  unsigned Line = 0, Column = 0;
  std::string File; ///< Empty: the function's file.
  bool Conditional = false;
  std::optional<IndexedApi> Api;
  std::string Callee; ///< USR, when not an API.
  std::string CalleeName;
  bool operator==(const IndexedStep &O) const {
    return std::tie(Line, Column, File, Conditional, Api, Callee, CalleeName) ==
           std::tie(O.Line, O.Column, O.File, O.Conditional, O.Api, O.Callee,
                    O.CalleeName);
  }
};

struct IndexedFunction {
  std::string Usr;
  std::string Name;
  std::string File;
  unsigned Line = 0, Column = 0;
  bool Coroutine = false;
  /// The framework of a coroutine's return type ("asio", "folly", ...).
  std::string Framework;
  std::vector<IndexedStep> Blocking, SyncWait;

  std::vector<IndexedStep> &steps(SummaryKind K) {
    return K == SummaryKind::Blocking ? Blocking : SyncWait;
  }
  const std::vector<IndexedStep> &steps(SummaryKind K) const {
    return K == SummaryKind::Blocking ? Blocking : SyncWait;
  }
  bool operator==(const IndexedFunction &O) const {
    return std::tie(Usr, Name, File, Line, Column, Coroutine, Framework,
                    Blocking, SyncWait) ==
           std::tie(O.Usr, O.Name, O.File, O.Line, O.Column, O.Coroutine,
                    O.Framework, O.Blocking, O.SyncWait);
  }
};

/// A file a translation unit read, with what it contained.
struct IndexedInput {
  std::string Path;
  uint64_t Size = 0;
  uint64_t Hash = 0; ///< xxh3_64bits.
};

/// What one translation unit (one compile command of one file) defines.
struct IndexedUnit {
  std::string File;
  /// Identifies the compile command and configuration the unit was
  /// analysed with (the driver's analysis key).
  std::string Command;
  std::vector<IndexedInput> Inputs;
  std::vector<IndexedFunction> Functions;
};

/// What a function reaches, as the merged call graph says: the steps from
/// the function's own call down to the API, in the files they are in.
struct IndexedReach {
  std::vector<RemoteStep> Steps;
  IndexedApi Api;
  bool Conditional = false;
  /// When the function is defined differently by several translation
  /// units (two build configurations of one file): how many of them reach
  /// the API, of how many.
  unsigned Definitions = 1, DefinitionsReaching = 1;
  /// Said with the path when some definition on it does not reach the API:
  /// "in 1 of 2 builds of 'ask_peer'".
  std::string Builds;
};

class ProjectIndex {
public:
  /// Units in any order; sorted and solved here.
  explicit ProjectIndex(std::vector<IndexedUnit> Units);

  /// Reads an index file: a clear error for a missing or malformed file,
  /// or one of another format version.
  static llvm::Expected<std::unique_ptr<ProjectIndex>>
  read(llvm::StringRef Path);
  /// The index at \p Path, read once per process and shared: clangd and the
  /// driver analyse many files against one index, on several threads.
  /// A file changed on disk since it was read is read again.
  static llvm::Expected<std::shared_ptr<const ProjectIndex>>
  shared(llvm::StringRef Path);

  /// The deterministic text of the index: units by file and command,
  /// functions by USR, one line per unit and function.
  std::string text() const;

  /// What the project function with \p Usr reaches, if anything.
  const IndexedReach *reach(llvm::StringRef Usr, SummaryKind Kind) const;
  /// Whether the project defines \p Usr somewhere.
  bool defines(llvm::StringRef Usr) const { return Functions.count(Usr); }

  const std::vector<IndexedUnit> &units() const { return Units; }

  /// The first input of any unit whose contents on disk differ from what
  /// the unit read, as "path changed" (or "path is gone"); empty when the
  /// index is current.
  std::string staleInput() const { return staleInputOf(Units); }
  static std::string staleInputOf(llvm::ArrayRef<IndexedUnit> Units);

  /// xxh3_64 of the file the index was read from (0 when built in memory):
  /// what the result cache keys on.
  uint64_t contentHash() const { return ContentHash; }

private:
  void solve(SummaryKind Kind);

  std::vector<IndexedUnit> Units;
  uint64_t ContentHash = 0;
  /// Every definition of each USR (two build configurations of one file
  /// define a function twice), in the units' order.
  llvm::StringMap<std::vector<const IndexedFunction *>> Functions;
  std::map<std::pair<std::string, SummaryKind>, IndexedReach> Reaches;
};

/// The unique symbol resolution string of \p FD (clang::index), the key of
/// the index: stable across translation units for a function with external
/// linkage, and naming the file for a static one.
std::string usrOf(const FunctionDecl *FD);

/// Collects the facts of the translation unit being analysed on this
/// thread, when the driver builds an index: the driver installs one around
/// each parse (on the parse's own thread), the checks that follow calls add
/// their steps at the end of the translation unit. Elsewhere (clangd, the
/// clang-tidy plugin) there is none and nothing is recorded.
class IndexRecorder {
public:
  /// The recorder of the translation unit parsed on this thread, or null.
  static IndexRecorder *current();

  /// A new translation unit begins: one per compile command of the file
  /// (a file the database lists twice is two units).
  void startUnit() { Units.emplace_back(); }

  /// Adds \p Kind's steps of \p FD to the current unit.
  void record(const FunctionDecl *FD, SummaryKind Kind,
              std::vector<IndexedStep> Steps, llvm::StringRef Framework);

  /// The functions recorded, per unit in the order the units ran, sorted
  /// by USR.
  std::vector<std::vector<IndexedFunction>> take();

  /// An async context reaches a function defined elsewhere (or nowhere):
  /// with the index, the file may have findings it does not have now.
  void noteExternalCall(std::string Usr) {
    ExternalCalls.insert(std::move(Usr));
  }
  const std::set<std::string> &externalCalls() const { return ExternalCalls; }

private:
  std::set<std::string> ExternalCalls;
  std::vector<std::map<std::string, IndexedFunction>> Units;
  friend class ScopedIndexRecorder;
};

/// Installs \p Recorder as this thread's recorder for its lifetime.
class ScopedIndexRecorder {
public:
  explicit ScopedIndexRecorder(IndexRecorder &Recorder);
  ~ScopedIndexRecorder();
  ScopedIndexRecorder(const ScopedIndexRecorder &) = delete;
  ScopedIndexRecorder &operator=(const ScopedIndexRecorder &) = delete;

private:
  IndexRecorder *Previous;
};

} // namespace clang::tidy::corolint

#endif
