//===--- ResultCache.cpp - Findings of unchanged files, replayed ----------===//

#include "ResultCache.h"
#include "Analysis.h"
#include "AtomicWrite.h"
#include "Config.h"
#include "ProjectIndex.h"
#include "SourceFiles.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CachePruning.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"
#include <fmt/format.h>

namespace corolint {
namespace json = llvm::json;
namespace tooling = clang::tooling;
namespace {

/// Bumped whenever an entry's layout changes: older entries then never
/// match a key (the format is part of it) and age out.
constexpr llvm::StringLiteral EntryFormat = "corolint-cache-1";

/// llvm::pruneCache only ever deletes files with this prefix, which keeps
/// a mistyped --cache-dir from losing anything else.
constexpr llvm::StringLiteral EntryPrefix = "llvmcache-";

std::string hex64(uint64_t Value) { return fmt::format("{:016x}", Value); }

/// corolint's executable: a rebuilt corolint (new checks, a fixed bug)
/// must never replay an older one's findings, whatever its version says.
const std::string &executableIdentity() {
  static const std::string Identity = [] {
    std::string Self = llvm::sys::fs::getMainExecutable(
        nullptr, reinterpret_cast<void *>(&executableIdentity));
    auto Buffer = llvm::MemoryBuffer::getFile(Self, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return std::string(); // Without an identity there is no cache.
    return hex64(llvm::xxh3_64bits((*Buffer)->getBuffer()));
  }();
  return Identity;
}

} // namespace

// Serialisation of a FileResult, in namespace corolint for llvm::json's
// argument-dependent lookup. fromJSON's convention: false when a field is
// missing or of the wrong type.

static json::Value toJSON(const SourceSpan &S) {
  return json::Array{S.File,        S.Offset,  S.Length,   S.StartLine,
                     S.StartColumn, S.EndLine, S.EndColumn};
}

static bool fromJSON(const json::Value &V, SourceSpan &S, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 7) {
    P.report("expected a span");
    return false;
  }
  std::optional<llvm::StringRef> File = (*A)[0].getAsString();
  unsigned *Numbers[] = {&S.Offset,      &S.Length,  &S.StartLine,
                         &S.StartColumn, &S.EndLine, &S.EndColumn};
  if (!File)
    return false;
  S.File = File->str();
  for (size_t I = 0; I < 6; ++I) {
    std::optional<int64_t> N = (*A)[I + 1].getAsInteger();
    if (!N || *N < 0)
      return false;
    *Numbers[I] = *N;
  }
  return true;
}

static json::Value toJSON(const Note &N) {
  return json::Object{{"message", N.Message}, {"where", N.Where}};
}
static bool fromJSON(const json::Value &V, Note &N, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("message", N.Message) && O.map("where", N.Where);
}

static json::Value toJSON(const TextEdit &E) {
  return json::Object{{"range", E.Range}, {"text", E.NewText}};
}
static bool fromJSON(const json::Value &V, TextEdit &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("range", E.Range) && O.map("text", E.NewText);
}

// clang-tidy's own diagnostic, kept for --export-fixes.
static json::Value toJSON(const tooling::DiagnosticMessage &M) {
  json::Array Fix;
  for (const auto &Entry : M.Fix)
    for (const tooling::Replacement &R : Entry.second)
      Fix.push_back(json::Array{R.getFilePath(), R.getOffset(), R.getLength(),
                                R.getReplacementText()});
  json::Array Ranges;
  for (const tooling::FileByteRange &R : M.Ranges)
    Ranges.push_back(json::Array{R.FilePath, R.FileOffset, R.Length});
  return json::Object{{"message", M.Message},
                      {"file", M.FilePath},
                      {"offset", M.FileOffset},
                      {"fix", std::move(Fix)},
                      {"ranges", std::move(Ranges)}};
}

/// A `[file, offset, length, ...]` array of Size elements, or null.
static const json::Array *fileBytes(const json::Value &V, size_t Size,
                                    llvm::StringRef &File, uint64_t &Offset,
                                    uint64_t &Length) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != Size)
    return nullptr;
  std::optional<llvm::StringRef> F = (*A)[0].getAsString();
  std::optional<uint64_t> O = (*A)[1].getAsUINT64(), L = (*A)[2].getAsUINT64();
  if (!F || !O || !L)
    return nullptr;
  File = *F;
  Offset = *O;
  Length = *L;
  return A;
}

static bool fromJSON(const json::Value &V, tooling::DiagnosticMessage &M,
                     json::Path P) {
  json::ObjectMapper O(V, P);
  const json::Object *Obj = V.getAsObject();
  if (!O || !O.map("message", M.Message) || !O.map("file", M.FilePath) ||
      !O.map("offset", M.FileOffset) || !Obj)
    return false;
  const json::Array *Fix = Obj->getArray("fix");
  const json::Array *Ranges = Obj->getArray("ranges");
  if (!Fix || !Ranges)
    return false;
  llvm::StringRef File;
  uint64_t Offset, Length;
  for (const json::Value &R : *Fix) {
    const json::Array *A = fileBytes(R, 4, File, Offset, Length);
    std::optional<llvm::StringRef> Text =
        A ? (*A)[3].getAsString() : std::nullopt;
    if (!Text)
      return false;
    if (llvm::Error Err = M.Fix[File].add(
            tooling::Replacement(File, Offset, Length, *Text))) {
      llvm::consumeError(std::move(Err));
      return false;
    }
  }
  for (const json::Value &R : *Ranges) {
    if (!fileBytes(R, 3, File, Offset, Length))
      return false;
    tooling::FileByteRange Range;
    Range.FilePath = File.str();
    Range.FileOffset = Offset;
    Range.Length = Length;
    M.Ranges.push_back(std::move(Range));
  }
  return true;
}

static json::Value toJSON(const clang::tidy::ClangTidyError &E) {
  json::Array Notes;
  for (const tooling::DiagnosticMessage &N : E.Notes)
    Notes.push_back(toJSON(N));
  return json::Object{{"name", E.DiagnosticName},
                      {"level", static_cast<int>(E.DiagLevel)},
                      {"build_directory", E.BuildDirectory},
                      {"warning_as_error", E.IsWarningAsError},
                      {"aliases", E.EnabledDiagnosticAliases},
                      {"message", toJSON(E.Message)},
                      {"notes", std::move(Notes)}};
}

static bool fromJSON(const json::Value &V, clang::tidy::ClangTidyError &E,
                     json::Path P) {
  json::ObjectMapper O(V, P);
  int Level = 0;
  if (!O || !O.map("name", E.DiagnosticName) || !O.map("level", Level) ||
      !O.map("build_directory", E.BuildDirectory) ||
      !O.map("warning_as_error", E.IsWarningAsError) ||
      !O.map("aliases", E.EnabledDiagnosticAliases))
    return false;
  if (Level != tooling::Diagnostic::Remark &&
      Level != tooling::Diagnostic::Warning &&
      Level != tooling::Diagnostic::Error)
    return false;
  E.DiagLevel = static_cast<tooling::Diagnostic::Level>(Level);
  const json::Object *Obj = V.getAsObject();
  const json::Value *Message = Obj ? Obj->get("message") : nullptr;
  const json::Array *Notes = Obj ? Obj->getArray("notes") : nullptr;
  if (!Message || !Notes || !fromJSON(*Message, E.Message, P.field("message")))
    return false;
  for (const json::Value &N : *Notes) {
    E.Notes.emplace_back();
    if (!fromJSON(N, E.Notes.back(), P.field("notes")))
      return false;
  }
  return true;
}

static json::Value toJSON(const Finding &F) {
  return json::Object{{"check", F.Check},
                      {"level", F.Level},
                      {"message", F.Message},
                      {"where", F.Where},
                      {"notes", F.Notes},
                      {"fixes", F.Fixes},
                      {"function", F.EnclosingFunction},
                      {"flagged", F.FlaggedText},
                      {"original", toJSON(F.Original)}};
}

static bool fromJSON(const json::Value &V, Finding &F, json::Path P) {
  json::ObjectMapper O(V, P);
  const json::Object *Obj = V.getAsObject();
  const json::Value *Original = Obj ? Obj->get("original") : nullptr;
  return O && O.map("check", F.Check) && O.map("level", F.Level) &&
         O.map("message", F.Message) && O.map("where", F.Where) &&
         O.map("notes", F.Notes) && O.map("fixes", F.Fixes) &&
         O.map("function", F.EnclosingFunction) &&
         O.map("flagged", F.FlaggedText) && Original &&
         fromJSON(*Original, F.Original, P.field("original"));
}

namespace {

/// The hash of a file's contents now; nullopt when it cannot be read.
std::optional<uint64_t> hashOnDisk(llvm::StringRef Path, uint64_t Size,
                                   std::unique_ptr<llvm::MemoryBuffer> *Keep) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) ||
      Status.type() != llvm::sys::fs::file_type::regular_file ||
      Status.getSize() != Size)
    return std::nullopt;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  uint64_t Hash = llvm::xxh3_64bits((*Buffer)->getBuffer());
  if (Keep)
    *Keep = std::move(*Buffer);
  return Hash;
}

} // namespace

llvm::Expected<std::optional<ResultCache>>
ResultCache::open(const DriverOptions &Options) {
  if (Options.NoCache || Options.EnableCheckProfile ||
      !Options.StoreCheckProfile.empty() || !Options.VfsOverlay.empty())
    return std::nullopt;
  bool Explicit = !Options.CacheDir.empty();
  llvm::SmallString<256> Dir(Options.CacheDir);
  if (!Explicit) {
    if (std::optional<std::string> Xdg =
            llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
        Xdg && llvm::sys::path::is_absolute(*Xdg)) {
      Dir = *Xdg;
    } else if (!llvm::sys::path::cache_directory(Dir)) {
      return std::nullopt;
    }
    llvm::sys::path::append(Dir, "corolint");
  }
  llvm::sys::fs::make_absolute(Dir);
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    std::string Problem =
        fmt::format("cache directory {}: {}", Dir.str().str(), EC.message());
    if (Explicit)
      return llvm::createStringError("--cache-dir: " + Problem);
    llvm::errs() << "corolint: warning: " << Problem
                 << "; running without the result cache (--no-cache "
                    "silences this)\n";
    return std::nullopt;
  }
  if (executableIdentity().empty())
    return std::nullopt;
  return ResultCache(Dir.str().str());
}

std::string
ResultCache::keyFor(const std::string &File,
                    const clang::tooling::CompilationDatabase &Compilations,
                    const Config &Configuration, const DriverOptions &Options) {
  // Fields are separated by a byte no path, flag or YAML text contains.
  std::string Material;
  auto Add = [&Material](llvm::StringRef Field) {
    Material += Field;
    Material += '\0';
  };
  Add(EntryFormat);
  Add(executableIdentity());
  Add(LLVM_VERSION_STRING);
  Add(File);
  for (const tooling::CompileCommand &Command :
       Compilations.getCompileCommands(File)) {
    Add("command");
    Add(Command.Directory);
    Add(Command.Filename);
    for (const std::string &Arg : Command.CommandLine)
      Add(Arg);
  }
  Add("driver");
  for (const std::string &Arg : Options.ExtraArgsBefore)
    Add(Arg);
  Add("--");
  for (const std::string &Arg : Options.ExtraArgs)
    Add(Arg);
  Add(Options.FixNotes ? "fix-notes" : "");
  Add(Options.AllowCompilerPlugins ? "plugins" : "");
  // The include search paths clang takes from the environment.
  for (const char *Variable : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH"})
    Add(llvm::sys::Process::GetEnv(Variable).value_or("\x01"));
  // The effective configuration: checks, CheckOptions, header filter,
  // WarningsAsErrors and .clang-tidy's ExtraArgs, wherever they came from.
  Add(clang::tidy::configurationAsText(
      Configuration.makeProvider()->getOptions(File)));
  // A project index changes what the checks find through other files:
  // its contents, not only its name, are part of the key.
  // Read once per process (ProjectIndex::shared), not once per file.
  if (!Options.ProjectIndexFile.empty()) {
    auto Index =
        clang::tidy::corolint::ProjectIndex::shared(Options.ProjectIndexFile);
    if (Index) {
      Add(fmt::format("{:016x}", (*Index)->contentHash()));
    } else {
      llvm::consumeError(Index.takeError());
      Add("no index");
    }
  }
  llvm::XXH128_hash_t Key =
      llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Material));
  return fmt::format("{:016x}{:016x}", Key.high64, Key.low64);
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, EntryPrefix + Key);
  return Path.str().str();
}

std::optional<FileResult> ResultCache::lookup(llvm::StringRef Key,
                                              SourceFiles &Sources) const {
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  // A truncated or damaged entry, or one from another format, is a miss;
  // the run that follows rewrites it.
  llvm::Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const json::Object *Entry = Parsed->getAsObject();
  if (!Entry || Entry->getString("format") != EntryFormat ||
      Entry->getString("key") != Key)
    return std::nullopt;
  const json::Array *Dependencies = Entry->getArray("dependencies");
  if (!Dependencies)
    return std::nullopt;

  FileResult Result;
  json::Path::Root Root;
  const json::Value *Findings = Entry->get("findings");
  const json::Value *Dropped = Entry->get("dropped_plugin_args");
  if (!Findings || !Dropped ||
      !fromJSON(*Findings, Result.Findings, json::Path(Root)) ||
      !fromJSON(*Dropped, Result.DroppedPluginArgs, json::Path(Root))) {
    llvm::consumeError(Root.getError());
    return std::nullopt;
  }
  llvm::StringSet<> Reported;
  for (const Finding &F : Result.Findings) {
    Reported.insert(F.Where.File);
    for (const Note &N : F.Notes)
      Reported.insert(N.Where.File);
    for (const TextEdit &E : F.Fixes)
      Reported.insert(E.Range.File);
  }

  // Every file the translation unit read must still hold what it held.
  std::vector<std::pair<std::string, std::unique_ptr<llvm::MemoryBuffer>>>
      Snapshots;
  for (const json::Value &D : *Dependencies) {
    const json::Array *A = D.getAsArray();
    if (!A || A->size() != 3)
      return std::nullopt;
    auto Path = (*A)[0].getAsString();
    auto Size = (*A)[1].getAsUINT64();
    auto Hash = (*A)[2].getAsString();
    if (!Path || !Size || !Hash)
      return std::nullopt;
    std::unique_ptr<llvm::MemoryBuffer> Contents;
    bool Keep = Reported.contains(*Path);
    std::optional<uint64_t> Now =
        hashOnDisk(*Path, *Size, Keep ? &Contents : nullptr);
    if (!Now || hex64(*Now) != *Hash)
      return std::nullopt;
    if (Keep)
      Snapshots.emplace_back(Path->str(), std::move(Contents));
  }
  for (const auto &[Path, Contents] : Snapshots)
    Sources.record(Path, Contents->getBuffer());
  // Marks the entry used: pruning removes entries by age.
  int FD;
  if (!llvm::sys::fs::openFileForWrite(entryPath(Key), FD,
                                       llvm::sys::fs::CD_OpenExisting,
                                       llvm::sys::fs::OF_Append)) {
    (void)llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return Result;
}

void ResultCache::store(llvm::StringRef Key, const FileResult &Result) const {
  if (!Result.Failure.empty() || !Result.CompileErrors.empty() ||
      Result.Dependencies.empty())
    return;
  json::Array Deps;
  for (const Dependency &D : Result.Dependencies)
    Deps.push_back(json::Array{D.Path, D.Size, hex64(D.ContentHash)});
  json::Object Entry{{"format", EntryFormat},
                     {"key", Key},
                     {"file", Result.File},
                     {"dependencies", std::move(Deps)},
                     {"dropped_plugin_args", Result.DroppedPluginArgs},
                     {"findings", Result.Findings}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << json::Value(std::move(Entry));
  // Temporary file and rename: a concurrent reader sees the old entry or
  // the new one, never a part.
  DeferTerminationSignals Deferred;
  auto Replacement =
      FileReplacement::create(entryPath(Key), Text, /*Like=*/nullptr);
  if (!Replacement) {
    llvm::consumeError(Replacement.takeError());
    return;
  }
  if (llvm::Error Err = Replacement->commit()) {
    llvm::consumeError(std::move(Err));
    return;
  }
  Replacement->finish();
}

void ResultCache::prune() const {
  // The defaults of ThinLTO's cache: scanned at most every 20 minutes,
  // entries unused for a week go, at most 75% of the free space.
  llvm::pruneCache(Directory, llvm::CachePruningPolicy());
}

} // namespace corolint
