//===--- SourceFiles.cpp - Snapshots of the analysed files ----------------===//

#include "SourceFiles.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace corolint {

SourceFile::SourceFile(std::string Text) : Contents(std::move(Text)) {
  LineStarts.push_back(0);
  for (unsigned I = 0, E = Contents.size(); I < E; ++I)
    if (Contents[I] == '\n' && I + 1 < E)
      LineStarts.push_back(I + 1);
}

std::pair<unsigned, unsigned> SourceFile::position(unsigned Offset) const {
  Offset = std::min<unsigned>(Offset, Contents.size());
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  unsigned Line = It - LineStarts.begin();
  return {Line, Offset - LineStarts[Line - 1] + 1};
}

llvm::StringRef SourceFile::line(unsigned Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return {};
  llvm::StringRef Rest = llvm::StringRef(Contents).substr(LineStarts[Line - 1]);
  return Rest.take_until([](char C) { return C == '\n'; }).rtrim('\r');
}

SourceSpan SourceFile::span(llvm::StringRef Path, unsigned Offset,
                            unsigned Length) const {
  SourceSpan S;
  S.File = Path.str();
  S.Offset = Offset;
  S.Length = Length;
  std::tie(S.StartLine, S.StartColumn) = position(Offset);
  std::tie(S.EndLine, S.EndColumn) = position(Offset + Length);
  return S;
}

void SourceFiles::record(llvm::StringRef Path, llvm::StringRef Contents) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Files.try_emplace(Path).first;
  if (!It->second)
    It->second = std::make_shared<SourceFile>(Contents.str());
  else if (It->second->contents() != Contents)
    Inconsistent.insert(Path);
}

bool SourceFiles::consistent(llvm::StringRef Path) {
  std::lock_guard<std::mutex> Guard(Lock);
  return !Inconsistent.contains(Path);
}

std::shared_ptr<const SourceFile> SourceFiles::get(llvm::StringRef Path) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second;
  std::shared_ptr<const SourceFile> File;
  if (auto Buffer =
          llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false))
    File = std::make_shared<SourceFile>((*Buffer)->getBuffer().str());
  Files[Path] = File;
  return File;
}

std::string normaliseWhitespace(llvm::StringRef Text) {
  auto IsWord = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  std::string Out;
  bool PendingSpace = false;
  for (char C : Text.trim()) {
    if (llvm::isSpace(C)) {
      PendingSpace = true;
      continue;
    }
    // Whitespace only matters between two words (`unsigned int`).
    if (PendingSpace && !Out.empty() && IsWord(Out.back()) && IsWord(C))
      Out += ' ';
    PendingSpace = false;
    Out += C;
  }
  return Out;
}

unsigned codePointColumn(llvm::StringRef LineText, unsigned ByteColumn) {
  unsigned Column = 1;
  for (unsigned I = 0; I + 1 < ByteColumn && I < LineText.size(); ++I)
    if ((static_cast<unsigned char>(LineText[I]) & 0xC0) != 0x80)
      ++Column;
  // A position past the end of the line (e.g. the end of a range that
  // includes the line break) keeps its distance from the line's end.
  if (ByteColumn > LineText.size() + 1)
    Column += ByteColumn - LineText.size() - 1;
  return Column;
}

} // namespace corolint
