//===--- SourceRoot.cpp - What SARIF URIs are relative to -----------------===//

#include "SourceRoot.h"
#include "Analysis.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace corolint {
namespace path = llvm::sys::path;
namespace {

/// The directory around Dir that has a `.git` entry (a directory, or the
/// file of a linked work tree or submodule); git does not search into its
/// ceiling directories, nor does this.
std::string gitTopLevel(llvm::StringRef Dir) {
  llvm::StringSet<> Ceilings;
  if (std::optional<std::string> Env =
          llvm::sys::Process::GetEnv("GIT_CEILING_DIRECTORIES")) {
    llvm::SmallVector<llvm::StringRef> Parts;
    llvm::StringRef(*Env).split(Parts, ':', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef P : Parts) {
      llvm::StringRef Trimmed = P.rtrim('/');
      Ceilings.insert(Trimmed.empty() ? "/" : Trimmed);
    }
  }
  for (llvm::SmallString<256> D(Dir); !D.empty();) {
    llvm::SmallString<256> Git(D);
    path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return std::string(D);
    llvm::StringRef Parent = path::parent_path(D);
    if (Parent.empty() || Parent == D || Ceilings.contains(Parent))
      break;
    D = Parent;
  }
  return "";
}

/// The deepest directory that contains every path.
std::string commonDirectory(llvm::ArrayRef<std::string> Paths) {
  if (Paths.empty())
    return "";
  llvm::StringRef Common = Paths.front();
  for (llvm::StringRef P : Paths.drop_front()) {
    while (!Common.empty() && P != Common &&
           !P.starts_with((Common.rtrim('/') + "/").str()))
      Common = path::parent_path(Common);
  }
  return Common.str();
}

} // namespace

std::string sarifSourceRoot(const DriverOptions &Options,
                            const clang::tooling::CompilationDatabase &DB,
                            llvm::StringRef Cwd) {
  if (!Options.SarifRoot.empty())
    return normalisePath(Options.SarifRoot, Cwd);
  std::string Root = gitTopLevel(Cwd);
  if (!Root.empty())
    return Root;
  if (!Options.BuildPath.empty()) {
    std::vector<std::string> Paths = {normalisePath(Options.BuildPath, Cwd)};
    for (const std::string &File : DB.getAllFiles())
      Paths.push_back(path::parent_path(normalisePath(File, Cwd)).str());
    Root = commonDirectory(Paths);
    if (!Root.empty() && Root != "/")
      return Root;
  }
  return Cwd.str();
}

} // namespace corolint
