//===--- Migration.h - Facts and plan of `corolint migrate` -----*- C++ -*-===//
//
// The migration engine in two layers, as clangd splits features from the
// protocol: this library computes data (per translation unit, the facts of
// every project function; over the whole program, the plan and its edits),
// and the driver renders it (tool/Migrate.cpp: --plan, --diff, --fix).
//
// Facts are conditional edits. A translation unit cannot know whether a
// function defined elsewhere becomes a coroutine, so an edit's text holds
// conditional segments (see resolveMigrationText) that the planner resolves
// once it has solved the whole program. docs/migrate.md is the user page.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_MIGRATION_H
#define COROLINT_CHECKS_MIGRATION_H

#include "Frameworks.h"
#include "clang/AST/ASTConsumer.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class ASTContext;
}

namespace clang::tidy::corolint {

class ApiCatalog;

/// A byte range of a file as clang read it, with the 1-based line of its
/// start (for messages).
struct MigrationSpan {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  unsigned Line = 0;

  auto key() const { return std::tie(File, Offset, Length); }
  bool operator<(const MigrationSpan &O) const { return key() < O.key(); }
  bool operator==(const MigrationSpan &O) const { return key() == O.key(); }
};

/// Replaces Where by Text. Text may hold conditional segments on the
/// functions of the owning MigrationFunction's Conditions.
struct MigrationEdit {
  MigrationSpan Where;
  std::string Text;
  std::string Original; ///< What Where holds now.
};

/// A blocking call in a function's own body (not in a lambda in it).
struct MigrationLeaf {
  std::string Api;      ///< The catalog name, e.g. "asio::read".
  std::string Spelled;  ///< How the call reads: "asio::write(sock, ...)".
  std::string Category; ///< The catalog's: "socket", "file", "lock".
  MigrationSpan Where;
  /// The awaitable form, when the catalog has one that fits the call.
  std::optional<std::string> Counterpart;
};

/// A call of a project function (or a std::thread started on one).
struct MigrationCall {
  std::string Callee; ///< USR.
  std::string CalleeName;
  MigrationSpan Where;
  /// `std::thread(f, args...).detach()`: becomes co_spawn when f converts.
  bool Spawn = false;
  /// Why this call cannot await the callee (in a lambda, a joined thread,
  /// a reference into a spawned frame); empty when it can.
  std::string Blocker;
};

/// Something the plan reports about a converted function without refusing
/// it (a thread_local read, a reference parameter kept).
struct MigrationNote {
  std::string Message;
  MigrationSpan Where;
};

/// A declaration of a function that is not its definition (a header's).
struct MigrationDeclaration {
  MigrationSpan Whole;      ///< Up to the last token before its ';'.
  MigrationSpan ReturnType; ///< Empty Length: no return type to rewrite.
  MigrationSpan Name;
  std::string Text;     ///< The source of Whole.
  MigrationSpan Insert; ///< Just after its ';' (a twin goes there).

  bool operator==(const MigrationDeclaration &O) const {
    return Whole == O.Whole;
  }
};

/// What one translation unit knows of one project function.
struct MigrationFunction {
  std::string Usr;
  std::string Name;         ///< Qualified, for messages.
  std::string PlainName;    ///< As its declarations spell it.
  MigrationSpan Where;      ///< The name of its definition (or first decl).
  bool Defined = false;     ///< This unit saw the body.
  bool Root = false;        ///< main, or named by --root.
  bool IsCoroutine = false; ///< Already asynchronous.
  /// Why it can never become a coroutine (a constructor, a virtual
  /// function, a template); empty when it can.
  std::string Refusal;
  std::string ReturnType; ///< As spelled; "void" when it returns nothing.
  std::vector<MigrationDeclaration> Declarations;
  /// The definition: all of it, its return type and its name.
  MigrationSpan Definition, DefinitionReturnType, DefinitionName;
  std::string DefinitionText;
  /// Just after the '(' of the definition's parameters, and at the '}' that
  /// closes its body.
  MigrationSpan ParamsOpen, BodyClose;
  /// Edits inside the definition, applied when it converts.
  std::vector<MigrationEdit> Edits;
  std::vector<MigrationLeaf> Leaves;
  std::vector<MigrationCall> Calls;
  std::vector<MigrationNote> Notes;
  /// The USRs the edits' conditional segments name, by index.
  std::vector<std::string> Conditions;
  /// For a root whose body becomes a coroutine: the text of its parameter
  /// list, the names to pass, the io_context variable the bridge takes
  /// over (empty: the bridge makes one) and where it was declared.
  std::string RootParameters, RootArguments, RootContext;
  MigrationSpan RootContextDeclaration;
  bool RootFallsOffEnd = false;
  /// The body's '{' starts its line (the bridge is written the same way).
  bool BraceOnOwnLine = false;
};

/// What one translation unit contributes.
struct MigrationUnit {
  std::vector<MigrationFunction> Functions;
  /// Functions whose address is taken, with where.
  std::vector<std::pair<std::string, MigrationSpan>> Escapes;
  /// Files that include the target's umbrella header (asio.hpp), directly
  /// or through other headers: they need no include added.
  std::set<std::string> FilesWithFramework;
};

/// Options of a migration.
struct MigrationOptions {
  Framework Target = Framework::Asio;
  /// Functions named here are roots as main is (qualified names).
  std::vector<std::string> Roots;
  /// --keep-sync: coroutine twins beside the synchronous functions.
  bool KeepSync = false;
  std::string TwinPrefix = "async_";
};

/// Collects \p Ctx's facts. \p Catalog recognises blocking calls and their
/// counterparts.
MigrationUnit collectMigrationFacts(ASTContext &Ctx, const ApiCatalog &Catalog,
                                    const MigrationOptions &Options);

/// The facts of every translation unit, collected from parallel workers.
class MigrationRecorder {
public:
  explicit MigrationRecorder(MigrationOptions Options);
  /// The recorder of the migration running in this process, or null.
  static MigrationRecorder *current();
  /// An AST consumer recording its translation unit's facts.
  std::unique_ptr<ASTConsumer> consumer();
  void add(MigrationUnit Unit);
  std::vector<MigrationUnit> take();
  const MigrationOptions &options() const { return Options; }

private:
  MigrationOptions Options;
  std::mutex Lock;
  std::vector<MigrationUnit> Units;
};

/// Installs \p Recorder process-wide for its lifetime.
class ScopedMigrationRecorder {
public:
  explicit ScopedMigrationRecorder(MigrationRecorder &Recorder);
  ~ScopedMigrationRecorder();
  ScopedMigrationRecorder(const ScopedMigrationRecorder &) = delete;
  ScopedMigrationRecorder &operator=(const ScopedMigrationRecorder &) = delete;
};

/// One function of the plan.
struct PlannedFunction {
  const MigrationFunction *Facts = nullptr;
  /// Why it becomes a coroutine: the leaves it rewrites and the converted
  /// functions it awaits, in source order.
  std::vector<std::string> Reasons;
  /// The converted functions it awaits (USRs), for the plan's tree.
  std::vector<std::string> Awaits;
};

struct RefusedFunction {
  const MigrationFunction *Facts = nullptr;
  std::string Reason;
  MigrationSpan Where; ///< Where the reason is; the function's name if none.
};

/// The whole program's migration.
struct MigrationPlan {
  MigrationOptions Options;
  std::map<std::string, PlannedFunction> Converted; ///< By USR.
  std::map<std::string, PlannedFunction> Roots;     ///< Bridged roots.
  /// Coroutines already, whose calls of converted functions are awaited.
  std::map<std::string, PlannedFunction> AwaitingCoroutines;
  std::vector<RefusedFunction> Refused;
  /// Blocking calls left as they are in converted functions.
  std::vector<std::pair<const MigrationFunction *, const MigrationLeaf *>>
      StaysBlocking;
  /// Blocking calls with no awaitable form in functions that stay as they
  /// are: where a climb cannot start.
  std::vector<std::pair<const MigrationFunction *, const MigrationLeaf *>>
      NoCounterpart;
  std::vector<std::pair<const MigrationFunction *, MigrationNote>> Notes;
  /// Why the facts cannot be one program (two definitions of a function).
  std::vector<std::string> Errors;
  std::set<std::string> FilesWithFramework;
  /// The roots (main, --root) the program defines, by qualified name.
  std::set<std::string> RootsFound;
  /// The edits, non-overlapping, sorted per file.
  std::map<std::string, std::vector<MigrationEdit>> Edits;

  bool empty() const { return Converted.empty() && Roots.empty(); }

  /// The merged facts the plan points into.
  std::shared_ptr<const void> Owner;
};

/// Merges the units (one function defined in several units is one
/// function) and solves which functions become coroutines, from the
/// blocking leaves with a counterpart up to the roots.
MigrationPlan planMigration(std::vector<MigrationUnit> &Units,
                            const MigrationOptions &Options);

/// Resolves the conditional segments of \p Text:
///   "\x01" Kind Index "\x02" Then "\x03" Else "\x04"
/// Kind 'c' takes Then when Conditions[Index] converts; 't' when it
/// converts and twins are being written (--keep-sync).
std::string resolveMigrationText(llvm::StringRef Text,
                                 llvm::ArrayRef<std::string> Conditions,
                                 const std::set<std::string> &ConvertedUsrs,
                                 bool Twin);

} // namespace clang::tidy::corolint

#endif // COROLINT_CHECKS_MIGRATION_H
