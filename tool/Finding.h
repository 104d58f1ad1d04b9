//===--- Finding.h - What the driver reports --------------------*- C++ -*-===//
//
// The driver's own model of a finding: clang-tidy's ClangTidyError resolved
// to absolute paths and line/column positions, plus what the baseline needs
// (enclosing function, normalised flagged text). Every output format is
// rendered from this model, so they cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_FINDING_H
#define COROLINT_TOOL_FINDING_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <string>
#include <tuple>
#include <vector>

namespace corolint {

/// A byte range in a file, with 1-based lines and 1-based byte columns as
/// clang prints them. End is exclusive (the position after the last byte).
struct SourceSpan {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  unsigned StartLine = 0, StartColumn = 0;
  unsigned EndLine = 0, EndColumn = 0;
};

struct TextEdit {
  SourceSpan Range;
  std::string NewText;
};

struct Note {
  std::string Message;
  /// Empty File when the note has no location.
  SourceSpan Where;
};

struct Finding {
  std::string Check;
  std::string Level; // "warning" or "error" (WarningsAsErrors).
  std::string Message;
  SourceSpan Where;
  std::vector<Note> Notes;
  std::vector<TextEdit> Fixes;
  /// Qualified name of the innermost named function around the finding.
  std::string EnclosingFunction;
  /// The flagged code, whitespace-normalised (normaliseWhitespace).
  std::string FlaggedText;
  /// Kept for --export-fixes, which clang-tidy serialises itself.
  clang::tidy::ClangTidyError Original{"", clang::tooling::Diagnostic::Warning,
                                       "", false};

  auto sortKey() const {
    return std::tie(Where.File, Where.StartLine, Where.StartColumn, Check,
                    Message);
  }
};

/// A compiler error that stops a file from being analysed.
struct CompileError {
  std::string File;
  unsigned Line = 0, Column = 0;
  std::string Message;
};

} // namespace corolint

#endif // COROLINT_TOOL_FINDING_H
