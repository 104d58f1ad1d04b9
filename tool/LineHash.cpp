//===--- LineHash.cpp - Code scanning's line fingerprints -----------------===//
//
// The hash of line L covers the first 100 characters of the file from the
// start of L on, spaces and tabs skipped and line breaks normalised to
// `\n`, followed by an end-of-file marker and zeros: a polynomial rolling
// hash with base 37, modulo 2^64, printed in hexadecimal without leading
// zeros. Characters are UTF-16 code units, as in the JavaScript code
// scanning runs (github/codeql-action, src/fingerprints.ts).
//
//===----------------------------------------------------------------------===//

#include "LineHash.h"
#include "Driver.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <array>

namespace corolint {
namespace {

constexpr unsigned BlockSize = 100;
constexpr uint64_t Base = 37;
constexpr uint32_t EndOfFile = 0xFFFF;

/// UTF-16 code units of UTF-8 text; an invalid byte becomes U+FFFD.
std::vector<uint16_t> utf16(llvm::StringRef Text) {
  std::vector<uint16_t> Units;
  Units.reserve(Text.size());
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  while (P < End) {
    if (*P < 0x80) {
      Units.push_back(*P++);
      continue;
    }
    unsigned Length = llvm::getNumBytesForUTF8(*P);
    llvm::UTF32 CodePoint;
    const llvm::UTF8 *Next = P;
    llvm::UTF32 *Out = &CodePoint;
    if (Length > static_cast<unsigned>(End - P) ||
        !llvm::isLegalUTF8Sequence(P, P + Length) ||
        llvm::ConvertUTF8toUTF32(&Next, P + Length, &Out, Out + 1,
                                 llvm::strictConversion) !=
            llvm::conversionOK) {
      Units.push_back(0xFFFD);
      ++P;
      continue;
    }
    P = Next;
    if (CodePoint < 0x10000) {
      Units.push_back(CodePoint);
    } else {
      CodePoint -= 0x10000;
      Units.push_back(0xD800 + (CodePoint >> 10));
      Units.push_back(0xDC00 + (CodePoint & 0x3FF));
    }
  }
  return Units;
}

class RollingLineHash {
public:
  RollingLineHash() {
    LineAt.fill(0);
    Window.fill(0);
    for (unsigned I = 0; I < BlockSize; ++I)
      OldestWeight *= Base;
  }

  void add(uint32_t C) {
    bool AfterCR = PreviousWasCR;
    PreviousWasCR = false;
    if (C == ' ' || C == '\t' || (AfterCR && C == '\n'))
      return;
    if (C == '\r') {
      C = '\n';
      PreviousWasCR = true;
    }
    // The window is full from the slot's line start on: its hash is ready.
    if (LineAt[Index])
      emit();
    if (AtLineStart) {
      AtLineStart = false;
      LineAt[Index] = ++Lines;
    }
    if (C == '\n')
      AtLineStart = true;
    push(C);
  }

  std::vector<std::string> finish() {
    add(EndOfFile);
    for (unsigned I = 0; I < BlockSize; ++I) {
      if (LineAt[Index])
        emit();
      push(0);
    }
    return std::move(Hashes);
  }

private:
  void push(uint32_t C) {
    Hash = Hash * Base + C - OldestWeight * Window[Index];
    Window[Index] = C;
    Index = (Index + 1) % BlockSize;
  }

  void emit() {
    std::string Hex = llvm::utohexstr(Hash, /*LowerCase=*/true);
    unsigned Occurrence = ++Seen[Hex];
    // Lines complete in order.
    Hashes.push_back(Hex + ":" + std::to_string(Occurrence));
    LineAt[Index] = 0;
  }

  std::array<uint32_t, BlockSize> Window;
  /// The 1-based line starting at each window slot, 0 for none.
  std::array<unsigned, BlockSize> LineAt;
  uint64_t Hash = 0;
  uint64_t OldestWeight = 1; // Base^BlockSize.
  unsigned Index = 0;
  unsigned Lines = 0;
  bool AtLineStart = true;
  bool PreviousWasCR = false;
  llvm::StringMap<unsigned> Seen;
  std::vector<std::string> Hashes;
};

} // namespace

std::vector<std::string> lineHashes(llvm::StringRef Contents) {
  RollingLineHash H;
  for (uint16_t Unit : utf16(Contents))
    H.add(Unit);
  return H.finish();
}

int runPrintLineHashes(llvm::StringRef File) {
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    reportError(File.str() + ": " + Buffer.getError().message());
    return ExitError;
  }
  std::vector<std::string> Hashes = lineHashes((*Buffer)->getBuffer());
  for (size_t I = 0; I < Hashes.size(); ++I)
    llvm::outs() << I + 1 << ": " << Hashes[I] << "\n";
  return ExitClean;
}

} // namespace corolint
