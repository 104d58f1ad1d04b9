//===--- SourceFiles.h - Snapshots of the analysed files --------*- C++ -*-===//
//
// Offsets in clang-tidy's diagnostics refer to the file contents clang read.
// The driver keeps the first contents it saw of every file that carries a
// finding or a fix, resolves positions against them, and refuses to write a
// fix to a file that no longer matches its snapshot.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_SOURCEFILES_H
#define COROLINT_TOOL_SOURCEFILES_H

#include "Finding.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace corolint {

class SourceFile {
public:
  explicit SourceFile(std::string Contents);

  llvm::StringRef contents() const { return Contents; }
  /// 1-based line and byte column of a byte offset.
  std::pair<unsigned, unsigned> position(unsigned Offset) const;
  /// Text of a 1-based line, without its line break.
  llvm::StringRef line(unsigned Line) const;
  unsigned lineCount() const { return LineStarts.size(); }
  SourceSpan span(llvm::StringRef Path, unsigned Offset, unsigned Length) const;

private:
  std::string Contents;
  std::vector<unsigned> LineStarts;
};

/// Thread-safe: analysis workers add files, outputs read them.
class SourceFiles {
public:
  /// Records the contents clang parsed for Path. The first one recorded is
  /// the snapshot; a translation unit that read different contents (the file
  /// changed during the run) makes Path inconsistent.
  void record(llvm::StringRef Path, llvm::StringRef Contents);
  /// The snapshot of Path: what clang parsed, or, for a file no translation
  /// unit recorded, its contents on disk at first use; null if unreadable.
  std::shared_ptr<const SourceFile> get(llvm::StringRef Path);
  /// False when two translation units parsed different contents of Path.
  bool consistent(llvm::StringRef Path);

private:
  std::mutex Lock;
  llvm::StringMap<std::shared_ptr<const SourceFile>> Files;
  llvm::StringSet<> Inconsistent;
};

/// Drops whitespace, keeping one space where it separates two words, so
/// that reformatting does not change the text.
std::string normaliseWhitespace(llvm::StringRef Text);

/// SARIF counts columns in Unicode code points; clang counts bytes.
unsigned codePointColumn(llvm::StringRef LineText, unsigned ByteColumn);

} // namespace corolint

#endif // COROLINT_TOOL_SOURCEFILES_H
