//===--- AtomicWrite.cpp - Writing files without damaging them ------------===//

#include "AtomicWrite.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <fmt/format.h>
#include <pthread.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace corolint {
namespace fs = llvm::sys::fs;

namespace {

sigset_t terminationSignals() {
  sigset_t Set;
  sigemptyset(&Set);
  for (int Sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
    sigaddset(&Set, Sig);
  return Set;
}

thread_local unsigned DeferralDepth = 0;
thread_local sigset_t MaskBeforeDeferral;

llvm::Error fail(llvm::StringRef What, std::error_code EC) {
  return llvm::createStringError(EC, "%s: %s", What.str().c_str(),
                                 EC.message().c_str());
}

/// Writes all of Contents to FD, then makes it durable.
std::error_code writeAll(int FD, llvm::StringRef Contents) {
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/false, /*unbuffered=*/true);
  OS << Contents;
  OS.flush();
  if (std::error_code EC = OS.error()) {
    OS.clear_error();
    return EC;
  }
  // A character device or a pipe cannot be synced, and need not be.
  if (::fsync(FD) != 0 && errno != EINVAL && errno != EROFS)
    return std::error_code(errno, std::generic_category());
  return {};
}

/// Swaps the files at A and B; ENOSYS/EINVAL when the file system cannot.
std::error_code exchangePaths(const std::string &A, const std::string &B) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, A.c_str(), AT_FDCWD, B.c_str(), RENAME_EXCHANGE) ==
      0)
    return {};
  return std::error_code(errno, std::generic_category());
#else
  return std::make_error_code(std::errc::function_not_supported);
#endif
}

} // namespace

DeferTerminationSignals::DeferTerminationSignals()
    : Outermost(DeferralDepth++ == 0) {
  if (!Outermost)
    return;
  sigset_t Set = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &Set, &MaskBeforeDeferral);
}

DeferTerminationSignals::~DeferTerminationSignals() {
  --DeferralDepth;
  if (Outermost)
    pthread_sigmask(SIG_SETMASK, &MaskBeforeDeferral, nullptr);
}

void blockTerminationSignals() {
  sigset_t Set = terminationSignals();
  pthread_sigmask(SIG_BLOCK, &Set, nullptr);
}

std::error_code lockExclusive(int FD, std::chrono::milliseconds Timeout) {
  auto Deadline = std::chrono::steady_clock::now() + Timeout;
  while (::flock(FD, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR)
      continue;
    if (errno != EWOULDBLOCK)
      return std::error_code(errno, std::generic_category());
    if (std::chrono::steady_clock::now() >= Deadline)
      return std::make_error_code(std::errc::no_lock_available);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return {};
}

llvm::Expected<FileReplacement>
FileReplacement::create(llvm::StringRef Target, llvm::StringRef Contents,
                        const fs::file_status *Like) {
  FileReplacement R;
  R.Target = Target.str();
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Target));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Target) +
                                     ".corolint-%%%%%%");
  auto Temp = fs::TempFile::create(Model, fs::owner_read | fs::owner_write);
  if (!Temp) {
    std::error_code EC = llvm::errorToErrorCode(Temp.takeError());
    return fail("cannot create a temporary file next to it", EC);
  }
  R.Temp.emplace(std::move(*Temp));
  int FD = R.Temp->FD;
  if (std::error_code EC = writeAll(FD, Contents))
    return fail("cannot write", EC);
  fs::perms Mode = static_cast<fs::perms>(0666 & ~fs::getUmask());
  if (Like) {
    // The owner first: changing it clears the set-user-ID bits.
    fs::file_status Mine;
    if (std::error_code EC = fs::status(FD, Mine))
      return fail("cannot read the temporary file's owner", EC);
    if ((Mine.getUser() != Like->getUser() ||
         Mine.getGroup() != Like->getGroup()) &&
        fs::changeFileOwnership(FD, Like->getUser(), Like->getGroup()))
      return llvm::createStringError(
          fmt::format("cannot keep its owner and group ({}:{})",
                      Like->getUser(), Like->getGroup()));
    Mode = Like->permissions();
  }
  if (std::error_code EC = fs::setPermissions(FD, Mode))
    return fail("cannot keep its permissions", EC);
  return std::move(R);
}

FileReplacement::FileReplacement(FileReplacement &&Other)
    : Target(std::move(Other.Target)), Temp(std::move(Other.Temp)),
      Committed(Other.Committed), Swapped(Other.Swapped) {
  Other.Temp.reset();
}

FileReplacement::~FileReplacement() { finish(); }

llvm::Error FileReplacement::commit() {
  std::error_code EC = exchangePaths(Temp->TmpName, Target);
  if (!EC) {
    Committed = Swapped = true;
    return llvm::Error::success();
  }
  if (EC != std::errc::function_not_supported &&
      EC != std::errc::invalid_argument && EC != std::errc::not_supported &&
      EC != std::errc::no_such_file_or_directory)
    return fail("cannot replace it", EC);
  // A new file, or no swap on this file system: a plain rename.
  if (llvm::Error Err = Temp->keep(Target)) {
    EC = llvm::errorToErrorCode(std::move(Err));
    return fail("cannot replace it", EC);
  }
  Temp.reset();
  Committed = true;
  return llvm::Error::success();
}

std::optional<fs::UniqueID> FileReplacement::replacedFile() const {
  fs::UniqueID ID;
  if (!Swapped || fs::getUniqueID(Temp->TmpName, ID))
    return std::nullopt;
  return ID;
}

bool FileReplacement::revert() {
  if (!Swapped || exchangePaths(Temp->TmpName, Target))
    return false;
  Swapped = Committed = false;
  return true;
}

void FileReplacement::finish() {
  if (!Temp)
    return;
  // Uncommitted: the new contents; swapped: the previous file.
  llvm::consumeError(Temp->discard());
  Temp.reset();
}

llvm::Error writeOutputFile(llvm::StringRef Path, llvm::StringRef Contents) {
  if (Path == "-") {
    llvm::outs() << Contents;
    return flushStandardOutput();
  }
  DeferTerminationSignals Defer;
  fs::file_status Status;
  std::error_code Missing = fs::status(Path, Status);
  if (!Missing && fs::is_directory(Status))
    return llvm::createStringError("is a directory");
  if (!Missing && !fs::is_regular_file(Status)) {
    // A device, a pipe or a socket: nothing to replace, write through it.
    int FD;
    if (std::error_code EC =
            fs::openFileForWrite(Path, FD, fs::CD_OpenExisting, fs::OF_None))
      return fail("cannot open", EC);
    std::error_code EC = writeAll(FD, Contents);
    std::error_code Closed = fs::closeFile(FD);
    if (EC || Closed)
      return fail("cannot write", EC ? EC : Closed);
    return llvm::Error::success();
  }
  if (Missing && Missing != std::errc::no_such_file_or_directory)
    return fail("cannot open", Missing);
  // Follow symlinks: the file they name is the one to replace.
  llvm::SmallString<256> Real(Path);
  if (!Missing)
    if (std::error_code EC = fs::real_path(Path, Real))
      return fail("cannot resolve", EC);
  auto Replacement =
      FileReplacement::create(Real, Contents, Missing ? nullptr : &Status);
  if (!Replacement)
    return Replacement.takeError();
  if (llvm::Error Err = Replacement->commit())
    return Err;
  Replacement->finish();
  return llvm::Error::success();
}

llvm::Error flushStandardOutput() {
  llvm::outs().flush();
  if (std::error_code EC = llvm::outs().error()) {
    llvm::outs().clear_error();
    return fail("cannot write", EC);
  }
  return llvm::Error::success();
}

} // namespace corolint
