//===--- Analysis.cpp - Running the checks on one file --------------------===//

#include "Analysis.h"
#include "AtomicWrite.h"
#include "CompileCommandSanitizer.h"
#include "Migration.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/thread.h"
#include "llvm/Support/xxhash.h"
#include <mutex>

namespace corolint {
namespace tidy = clang::tidy;
namespace tooling = clang::tooling;
namespace {

/// The named functions defined in user code, by file, so that a finding can
/// be tied to its enclosing function (the baseline fingerprint uses it).
struct FunctionExtent {
  unsigned Begin, End;
  std::string Name;
};
using FunctionIndex = llvm::StringMap<std::vector<FunctionExtent>>;
/// The contents clang parsed of every user file, by the name clang used.
using ParsedContents = llvm::StringMap<std::string>;
/// What clang read of every file, user or system, by the name clang used.
using ReadFiles = llvm::StringMap<std::pair<uint64_t, uint64_t>>; // Size, hash.

class FunctionCollector : public clang::ASTConsumer,
                          public clang::RecursiveASTVisitor<FunctionCollector> {
public:
  FunctionCollector(FunctionIndex &Index, ParsedContents &Parsed,
                    ReadFiles &Read)
      : Index(Index), Parsed(Parsed), Read(Read) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    SM = &Ctx.getSourceManager();
    TraverseDecl(Ctx.getTranslationUnitDecl());
    // Offsets in the findings refer to these contents, not to whatever is
    // on disk by the time they are reported or fixed.
    // The hashes of what clang read are the result cache's dependency
    // list: taken from these buffers, a file edited during the run makes
    // the next run miss.
    for (unsigned I = 0, E = SM->local_sloc_entry_size(); I < E; ++I) {
      const clang::SrcMgr::SLocEntry &Entry = SM->getLocalSLocEntry(I);
      if (!Entry.isFile())
        continue;
      const clang::SrcMgr::ContentCache &Content =
          Entry.getFile().getContentCache();
      if (!Content.OrigEntry)
        continue;
      std::optional<llvm::MemoryBufferRef> Buffer = Content.getBufferIfLoaded();
      if (!Buffer)
        continue;
      llvm::StringRef Name = Content.OrigEntry->getName();
      // A header found through `/usr/lib/gcc/.../12/../../../../include`
      // keeps a name relative to nothing the driver knows: the dependency
      // list needs the path the file system opened.
      llvm::StringRef Opened =
          Content.OrigEntry->getFileEntry().tryGetRealPathName();
      if (auto [It, New] = Read.try_emplace(Opened.empty() ? Name : Opened);
          New)
        It->second = {Buffer->getBufferSize(),
                      llvm::xxh3_64bits(Buffer->getBuffer())};
      if (Entry.getFile().getFileCharacteristic() == clang::SrcMgr::C_User)
        Parsed.try_emplace(Name, Buffer->getBuffer().str());
    }
  }

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody())
      return true;
    if (const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(FD))
      if (MD->getParent()->isLambda())
        return true;
    clang::SourceRange Range = FD->getSourceRange();
    clang::SourceLocation Begin = SM->getExpansionLoc(Range.getBegin());
    clang::SourceLocation End = SM->getExpansionLoc(Range.getEnd());
    if (Begin.isInvalid() || SM->isInSystemHeader(Begin) ||
        SM->getFileID(Begin) != SM->getFileID(End))
      return true;
    Index[SM->getFilename(Begin)].push_back({SM->getFileOffset(Begin),
                                             SM->getFileOffset(End),
                                             FD->getQualifiedNameAsString()});
    return true;
  }

private:
  FunctionIndex &Index;
  ParsedContents &Parsed;
  ReadFiles &Read;
  const clang::SourceManager *SM = nullptr;
};

class AnalysisActionFactory : public tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(
      tidy::ClangTidyContext &Context,
      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
      FunctionIndex &Functions, ParsedContents &Parsed, ReadFiles &Read)
      : ConsumerFactory(Context, std::move(FS)), Functions(Functions),
        Parsed(Parsed), Read(Read) {}

  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(*this);
  }

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCH,
                     clang::DiagnosticConsumer *DiagConsumer) override {
    // Unlike clang-tidy, no __clang_analyzer__: libraries compile different
    // code under it, and corolint must check the program the compiler
    // builds (the static analyser, which wants the macro, is not run).
    // Without carets clang does not print "N warnings generated.".
    Invocation->getDiagnosticOpts().ShowCarets = false;
    // One index unit per compile command.
    if (auto *Recorder = clang::tidy::corolint::IndexRecorder::current())
      Recorder->startUnit();
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCH), DiagConsumer);
  }

private:
  class Action : public clang::ASTFrontendAction {
  public:
    explicit Action(AnalysisActionFactory &Factory) : Factory(Factory) {}
    std::unique_ptr<clang::ASTConsumer>
    CreateASTConsumer(clang::CompilerInstance &Compiler,
                      llvm::StringRef File) override {
      std::vector<std::unique_ptr<clang::ASTConsumer>> Consumers;
      Consumers.push_back(
          Factory.ConsumerFactory.createASTConsumer(Compiler, File));
      Consumers.push_back(std::make_unique<FunctionCollector>(
          Factory.Functions, Factory.Parsed, Factory.Read));
      if (auto *Migration = clang::tidy::corolint::MigrationRecorder::current())
        Consumers.push_back(Migration->consumer());
      return std::make_unique<clang::MultiplexConsumer>(std::move(Consumers));
    }

  private:
    AnalysisActionFactory &Factory;
  };

  tidy::ClangTidyASTConsumerFactory ConsumerFactory;
  FunctionIndex &Functions;
  ParsedContents &Parsed;
  ReadFiles &Read;
};

/// Converts clang-tidy's offset-based diagnostics into findings.
class FindingBuilder {
public:
  FindingBuilder(SourceFiles &Sources, const FunctionIndex &Functions,
                 llvm::StringRef BuildDir, bool FixNotes)
      : Sources(Sources), BuildDir(BuildDir), FixNotes(FixNotes) {
    for (const auto &Entry : Functions)
      this->Functions[normalisePath(Entry.getKey(), BuildDir)] = Entry.second;
  }

  SourceSpan span(llvm::StringRef RawPath, unsigned Offset, unsigned Length) {
    if (RawPath.empty())
      return {};
    std::string Path = normalisePath(RawPath, BuildDir);
    if (auto File = Sources.get(Path))
      return File->span(Path, Offset, Length);
    SourceSpan S;
    S.File = Path;
    S.Offset = Offset;
    S.Length = Length;
    return S;
  }

  Finding build(const tidy::ClangTidyError &Error) {
    Finding F;
    F.Check = Error.DiagnosticName;
    F.Level = Error.IsWarningAsError ? "error" : "warning";
    F.Message = Error.Message.Message;
    // The highlighted range that starts at the diagnostic extends it; the
    // location alone is a point.
    unsigned Length = 0;
    for (const auto &Range : Error.Message.Ranges)
      if (Range.FilePath == Error.Message.FilePath &&
          Range.FileOffset == Error.Message.FileOffset)
        Length = std::max(Length, Range.Length);
    F.Where = span(Error.Message.FilePath, Error.Message.FileOffset, Length);
    for (const auto &N : Error.Notes)
      F.Notes.push_back(
          {N.Message, span(N.FilePath, N.FileOffset,
                           N.Ranges.empty() ? 0 : N.Ranges[0].Length)});
    // --fix-notes: without its own, the fix-it of its only note with one.
    if (const auto *Fix = tidy::getFixIt(Error, FixNotes))
      for (const auto &Entry : *Fix)
        for (const tooling::Replacement &R : Entry.second)
          F.Fixes.push_back(
              {span(R.getFilePath(), R.getOffset(), R.getLength()),
               R.getReplacementText().str()});
    llvm::sort(F.Fixes, [](const TextEdit &A, const TextEdit &B) {
      return std::tie(A.Range.File, A.Range.Offset) <
             std::tie(B.Range.File, B.Range.Offset);
    });
    F.EnclosingFunction = enclosingFunction(F.Where);
    F.FlaggedText = flaggedText(F.Where);
    F.Original = Error;
    return F;
  }

private:
  std::string enclosingFunction(const SourceSpan &Where) const {
    auto It = Functions.find(Where.File);
    if (It == Functions.end())
      return "";
    const FunctionExtent *Best = nullptr;
    for (const FunctionExtent &Fn : It->second)
      if (Fn.Begin <= Where.Offset && Where.Offset <= Fn.End &&
          (!Best || Fn.End - Fn.Begin < Best->End - Best->Begin))
        Best = &Fn;
    return Best ? Best->Name : "";
  }

  std::string flaggedText(const SourceSpan &Where) {
    auto File = Sources.get(Where.File);
    if (!File)
      return "";
    llvm::StringRef Text = File->contents().substr(Where.Offset);
    if (Where.Length)
      Text = Text.take_front(Where.Length);
    else
      Text = Text.take_until([](char C) { return C == '\n'; });
    return normaliseWhitespace(Text);
  }

  SourceFiles &Sources;
  std::string BuildDir;
  bool FixNotes;
  llvm::StringMap<std::vector<FunctionExtent>> Functions;
};

bool isCompileError(const tidy::ClangTidyError &Error) {
  return Error.DiagLevel == tooling::Diagnostic::Error &&
         llvm::StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-");
}

} // namespace

std::string normalisePath(llvm::StringRef Path, llvm::StringRef Directory) {
  llvm::SmallString<256> Result;
  if (llvm::sys::path::is_absolute(Path) || Directory.empty())
    Result = Path;
  else
    llvm::sys::path::append(Result, Directory, Path);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

namespace {

FileResult analyseOnThisThread(const std::string &File,
                               const AnalysisSettings &Settings) {
  FileResult Result;
  Result.File = File;

  tidy::ClangTidyContext Context(Settings.Configuration->makeProvider());
  if (!Settings.ProfilePrefix.empty()) {
    Context.setEnableProfiling(true);
    Context.setProfileStoragePrefix(Settings.ProfilePrefix);
  }
  // A physical file system with its own working directory: ClangTool moves
  // into each command's directory, which must not change the process's
  // while other files are analysed in parallel.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Physical =
      llvm::vfs::createPhysicalFileSystem();
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Physical);
  const DriverOptions *Flags = Settings.Options;
  if (Flags && !Flags->VfsOverlay.empty()) {
    // As clang-tidy's --vfsoverlay: over the real file system.
    auto Buffer = llvm::MemoryBuffer::getFile(Flags->VfsOverlay);
    std::unique_ptr<llvm::vfs::FileSystem> Overlay;
    if (Buffer)
      Overlay = llvm::vfs::getVFSFromYAML(std::move(*Buffer), nullptr,
                                          Flags->VfsOverlay, nullptr, Physical);
    if (!Overlay) {
      Result.Failure = "--vfsoverlay=" + Flags->VfsOverlay +
                       ": not a virtual file system overlay";
      return Result;
    }
    FS->pushOverlay(std::move(Overlay));
  }
  tooling::ClangTool Tool(*Settings.Compilations, {File},
                          std::make_shared<clang::PCHContainerOperations>(),
                          FS);
  Tool.setPrintErrorMessage(false);

  std::mutex DroppedLock;
  // --extra-arg-before / --extra-arg apply to the compile command itself,
  // before .clang-tidy's ExtraArgs, as clang-tidy's CommonOptionsParser does.
  if (Flags && !Flags->ExtraArgsBefore.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Flags->ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  if (Flags && !Flags->ExtraArgs.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Flags->ExtraArgs, tooling::ArgumentInsertPosition::END));
  Tool.appendArgumentsAdjuster(
      [&Context](const tooling::CommandLineArguments &Args,
                 llvm::StringRef Filename) {
        // ExtraArgs/ExtraArgsBefore from .clang-tidy, as clang-tidy does.
        tidy::ClangTidyOptions Opts = Context.getOptionsForFile(Filename);
        tooling::CommandLineArguments Adjusted = Args;
        if (Opts.ExtraArgsBefore) {
          auto I = Adjusted.begin();
          if (I != Adjusted.end() && !llvm::StringRef(*I).starts_with("-"))
            ++I;
          Adjusted.insert(I, Opts.ExtraArgsBefore->begin(),
                          Opts.ExtraArgsBefore->end());
        }
        if (Opts.ExtraArgs)
          Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(),
                          Opts.ExtraArgs->end());
        return Adjusted;
      });
  if (!Settings.AllowCompilerPlugins)
    Tool.appendArgumentsAdjuster(
        [&](const tooling::CommandLineArguments &Args, llvm::StringRef) {
          std::lock_guard<std::mutex> Guard(DroppedLock);
          return stripCompilerPlugins(Args, Result.DroppedPluginArgs);
        });

  tidy::ClangTidyDiagnosticConsumer DiagConsumer(
      Context, /*ExternalDiagEngine=*/nullptr,
      /*RemoveIncompatibleErrors=*/true,
      /*GetFixesFromNotes=*/Flags && Flags->FixNotes);
  auto DiagOpts = std::make_unique<clang::DiagnosticOptions>();
  clang::DiagnosticsEngine Diags(clang::DiagnosticIDs::create(), *DiagOpts,
                                 &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Diags);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  FunctionIndex Functions;
  ParsedContents Parsed;
  ReadFiles Read;
  AnalysisActionFactory Factory(Context, FS, Functions, Parsed, Read);
  int Status = Tool.run(&Factory);
  std::vector<tidy::ClangTidyError> Errors = DiagConsumer.take();
  for (const auto &Entry : Parsed)
    Settings.Sources->record(
        normalisePath(Entry.getKey(), Context.getCurrentBuildDirectory()),
        Entry.getValue());
  for (const auto &Entry : Read)
    Result.Dependencies.push_back(
        {normalisePath(Entry.getKey(), Context.getCurrentBuildDirectory()),
         Entry.getValue().first, Entry.getValue().second});
  llvm::sort(Result.Dependencies, [](const Dependency &A, const Dependency &B) {
    return A.Path < B.Path;
  });

  FindingBuilder Builder(*Settings.Sources, Functions,
                         Context.getCurrentBuildDirectory(),
                         Flags && Flags->FixNotes);
  for (const tidy::ClangTidyError &Error : Errors) {
    // Checked before the analysis; reached when a .clang-tidy changed
    // during the run. A configuration problem is never a finding.
    if (Error.DiagnosticName == "clang-tidy-config") {
      Result.Failure = "configuration: " + Error.Message.Message;
      continue;
    }
    if (isCompileError(Error)) {
      SourceSpan Where =
          Builder.span(Error.Message.FilePath, Error.Message.FileOffset, 0);
      Result.CompileErrors.push_back({Where.File, Where.StartLine,
                                      Where.StartColumn,
                                      Error.Message.Message});
      continue;
    }
    Result.Findings.push_back(Builder.build(Error));
  }
  if (Status != 0 && Result.CompileErrors.empty())
    Result.Failure = "the compiler could not run its compile command";
  return Result;
}

} // namespace

FileResult analyseFile(const std::string &File,
                       const AnalysisSettings &Settings) {
  std::string CacheKey;
  // Neither an index nor a migration's facts are kept in the cache.
  const ResultCache *Cache =
      Settings.RecordIndex ||
              clang::tidy::corolint::MigrationRecorder::current()
          ? nullptr
          : Settings.Cache;
  if (Cache) {
    CacheKey = ResultCache::keyFor(File, *Settings.Compilations,
                                   *Settings.Configuration, *Settings.Options);
    if (std::optional<FileResult> Cached =
            Cache->lookup(CacheKey, *Settings.Sources)) {
      Cached->File = File;
      Cached->FromCache = true;
      return std::move(*Cached);
    }
  }
  // clang and the AST matchers recurse once per nesting level: deeply
  // nested code (about 1,500 nested lambdas) overflows a thread's usual
  // 8 MiB. Only the pages touched are ever committed.
  FileResult Result;
  llvm::thread Parse(std::optional<unsigned>(AnalysisStackSize), [&] {
    blockTerminationSignals();
    if (!Settings.RecordIndex) {
      Result = analyseOnThisThread(File, Settings);
      return;
    }
    // The checks find this thread's recorder (ProjectIndex.h).
    clang::tidy::corolint::IndexRecorder Recorder;
    {
      clang::tidy::corolint::ScopedIndexRecorder Installed(Recorder);
      Result = analyseOnThisThread(File, Settings);
    }
    std::string Key =
        ResultCache::keyFor(File, *Settings.Compilations,
                            *Settings.Configuration, *Settings.Options);
    std::vector<std::vector<clang::tidy::corolint::IndexedFunction>> Units =
        Recorder.take();
    Result.ExternalCalls = Recorder.externalCalls();
    for (size_t I = 0; I < Units.size(); ++I) {
      clang::tidy::corolint::IndexedUnit Unit;
      Unit.File = File;
      Unit.Command = Key + "/" + std::to_string(I);
      for (const Dependency &D : Result.Dependencies)
        Unit.Inputs.push_back({D.Path, D.Size, D.ContentHash});
      Unit.Functions = std::move(Units[I]);
      Result.IndexUnits.push_back(std::move(Unit));
    }
  });
  Parse.join();
  if (Cache)
    Cache->store(CacheKey, Result);
  return Result;
}

} // namespace corolint
