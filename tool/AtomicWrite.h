//===--- AtomicWrite.h - Writing files without damaging them ----*- C++ -*-===//
//
// Every file corolint writes goes through here: reports, baselines, exported
// fixes and the fixed sources. A regular file is replaced atomically (a
// temporary file next to it, renamed over it) with its owner, group and mode
// kept and symlinks followed to the file they name; a device or a pipe
// (`/dev/stdout`, `/dev/full`) is written directly. Every write is checked.
// Errors name the cause, not the path: callers prefix the path once.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_ATOMICWRITE_H
#define COROLINT_TOOL_ATOMICWRITE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include <chrono>
#include <optional>
#include <string>

namespace corolint {

/// While alive, SIGINT, SIGTERM, SIGHUP and SIGQUIT are held back from this
/// thread; one that arrives meanwhile is delivered when the outermost
/// deferral ends. Workers call blockTerminationSignals() first, so the
/// main thread is the only one a termination signal can interrupt.
class DeferTerminationSignals {
public:
  DeferTerminationSignals();
  ~DeferTerminationSignals();
  DeferTerminationSignals(const DeferTerminationSignals &) = delete;
  DeferTerminationSignals &operator=(const DeferTerminationSignals &) = delete;

private:
  bool Outermost;
};

/// For threads other than the main one: termination signals go elsewhere.
void blockTerminationSignals();

/// Takes an exclusive flock(2) on FD, waiting up to Timeout; the lock is
/// released when the descriptor is closed. (LLVM's tryLockFile takes a
/// POSIX record lock, which needs a writable descriptor and is dropped when
/// any descriptor of the file in the process is closed.) Interoperates with
/// flock(1) and other corolint runs.
std::error_code lockExclusive(int FD, std::chrono::milliseconds Timeout);

/// The new contents of a regular file, written to a temporary file in the
/// target's directory (`.<name>.corolint-XXXXXX`) with the owner, group and
/// mode of `Like` (when given). Nothing is visible at Target until commit().
/// The temporary file is removed by discard(), the destructor, or LLVM's
/// signal handlers; create it under DeferTerminationSignals so that no
/// signal comes between its creation and that registration.
class FileReplacement {
public:
  static llvm::Expected<FileReplacement>
  create(llvm::StringRef Target, llvm::StringRef Contents,
         const llvm::sys::fs::file_status *Like);

  FileReplacement(FileReplacement &&Other);
  FileReplacement &operator=(FileReplacement &&) = delete;
  ~FileReplacement();

  const std::string &target() const { return Target; }

  /// Atomically puts the new file at Target. When the file system can swap
  /// two names (renameat2 RENAME_EXCHANGE), the previous file stays
  /// reachable under the temporary name until finish() or revert(), so
  /// the caller can still check what it replaced and put it back.
  llvm::Error commit();
  /// The identity of the file that commit() replaced (swapping file
  /// systems only); nullopt when it is no longer reachable.
  std::optional<llvm::sys::fs::UniqueID> replacedFile() const;
  /// Puts the replaced file back (swapping file systems only); false when
  /// that is not possible.
  bool revert();
  /// Drops the replaced file, or the uncommitted temporary file.
  void finish();

private:
  FileReplacement() = default;
  std::string Target;
  std::optional<llvm::sys::fs::TempFile> Temp;
  bool Committed = false;
  bool Swapped = false; // The previous file is at Temp->TmpName.
};

/// Writes Contents to Path (`-` is standard output): atomically for a
/// regular file or a new one, directly for anything else.
llvm::Error writeOutputFile(llvm::StringRef Path, llvm::StringRef Contents);

/// Flushes standard output; an error if any write to it failed.
llvm::Error flushStandardOutput();

} // namespace corolint

#endif // COROLINT_TOOL_ATOMICWRITE_H
