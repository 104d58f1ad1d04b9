//===--- TextOutput.cpp - clang-style diagnostics -------------------------===//

#include "TextOutput.h"
#include <fmt/format.h>

namespace corolint {
namespace {

constexpr unsigned TabStop = 8;
/// Longer source lines are not shown (clang's MaxLineLengthToPrint).
constexpr size_t MaxLineLength = 4096;

/// A source line as displayed, with tabs expanded, and where each byte
/// lands on screen.
struct DisplayLine {
  std::string Text;
  std::vector<unsigned> ColumnOfByte; // 0-based display column per byte.

  explicit DisplayLine(llvm::StringRef Line) {
    for (char C : Line) {
      ColumnOfByte.push_back(Text.size());
      if (C == '\t')
        Text.append(TabStop - Text.size() % TabStop, ' ');
      else
        Text += C;
    }
    ColumnOfByte.push_back(Text.size());
  }

  /// Display column of a 1-based byte column, clamped to the line's end.
  unsigned column(unsigned ByteColumn) const {
    unsigned Index = std::min<size_t>(ByteColumn - 1, ColumnOfByte.size() - 1);
    return ColumnOfByte[Index];
  }
};

class TextPrinter {
public:
  TextPrinter(llvm::raw_ostream &OS, SourceFiles &Sources)
      : OS(OS), Sources(Sources) {}

  void print(const Finding &F) {
    bool IsError = F.Level == "error";
    header(F.Where, IsError ? "error" : "warning",
           IsError ? llvm::raw_ostream::RED : llvm::raw_ostream::MAGENTA,
           F.Message + " [" + F.Check + "]");
    bool Shown = snippet(F.Where);
    fixIts(F, /*UnderCaret=*/Shown);
    notes(F);
  }

private:
  void header(const SourceSpan &Where, llvm::StringRef Kind,
              llvm::raw_ostream::Colors KindColor, llvm::StringRef Message) {
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
    if (!Where.File.empty())
      OS << fmt::format("{}:{}:{}: ", Where.File, Where.StartLine,
                        Where.StartColumn);
    OS.changeColor(KindColor, /*Bold=*/true) << Kind << ": ";
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true) << Message;
    OS.resetColor() << "\n";
  }

  /// The flagged line and a caret under the flagged range; false when the
  /// source is not available.
  bool snippet(const SourceSpan &Where) {
    Current = nullptr;
    if (Where.File.empty())
      return false;
    auto File = Sources.get(Where.File);
    if (!File || Where.StartLine == 0 || Where.StartLine > File->lineCount())
      return false;
    // As clang: a line this long (minified or generated code) is not
    // shown; printed under every finding it made the report huge.
    if (File->line(Where.StartLine).size() > MaxLineLength)
      return false;
    Current = File;
    Line = std::make_unique<DisplayLine>(File->line(Where.StartLine));
    Gutter = std::max<size_t>(5, std::to_string(Where.StartLine).size());
    OS << fmt::format("{:>{}} | {}\n", Where.StartLine, Gutter, Line->Text);
    unsigned Begin = Line->column(Where.StartColumn);
    unsigned End = Where.EndLine == Where.StartLine
                       ? Line->column(Where.EndColumn)
                       : Line->Text.size();
    std::string Caret(Begin, ' ');
    Caret += '^';
    if (End > Begin + 1)
      Caret.append(End - Begin - 1, '~');
    OS << fmt::format("{:>{}} | ", "", Gutter);
    OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true) << Caret;
    OS.resetColor() << "\n";
    return true;
  }

  void fixIts(const Finding &F, bool UnderCaret) {
    if (F.Fixes.empty())
      return;
    const TextEdit &First = F.Fixes.front();
    bool FitsUnderCaret = UnderCaret && F.Fixes.size() == 1 &&
                          First.Range.File == F.Where.File &&
                          First.Range.StartLine == F.Where.StartLine &&
                          First.Range.EndLine == F.Where.StartLine &&
                          First.NewText.find('\n') == std::string::npos;
    if (FitsUnderCaret) {
      OS << fmt::format("{:>{}} | ", "", Gutter);
      OS.changeColor(llvm::raw_ostream::GREEN)
          << std::string(Line->column(First.Range.StartColumn), ' ')
          << First.NewText;
      OS.resetColor() << "\n";
      return;
    }
    for (const TextEdit &E : F.Fixes)
      OS << fmt::format("fix-it:\"{}\":{{{}:{}-{}:{}}}:\"{}\"\n", E.Range.File,
                        E.Range.StartLine, E.Range.StartColumn, E.Range.EndLine,
                        E.Range.EndColumn, escape(E.NewText));
  }

  void notes(const Finding &F) {
    for (const Note &N : F.Notes) {
      header(N.Where, "note", llvm::raw_ostream::CYAN, N.Message);
      snippet(N.Where);
    }
  }

  static std::string escape(llvm::StringRef Text) {
    std::string Out;
    for (char C : Text) {
      if (C == '\n')
        Out += "\\n";
      else if (C == '"' || C == '\\')
        (Out += '\\') += C;
      else
        Out += C;
    }
    return Out;
  }

  llvm::raw_ostream &OS;
  SourceFiles &Sources;
  std::shared_ptr<const SourceFile> Current;
  std::unique_ptr<DisplayLine> Line;
  size_t Gutter = 5;
};

} // namespace

void printText(llvm::raw_ostream &OS, llvm::ArrayRef<Finding> Findings,
               SourceFiles &Sources) {
  TextPrinter Printer(OS, Sources);
  for (const Finding &F : Findings)
    Printer.print(F);
}

} // namespace corolint
