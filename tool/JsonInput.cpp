//===--- JsonInput.cpp - Reading JSON artefacts safely --------------------===//

#include "JsonInput.h"
#include <fmt/format.h>

namespace corolint {

llvm::Expected<llvm::json::Value> parseJsonArtefact(llvm::StringRef Text) {
  unsigned Depth = 0, Line = 1;
  size_t LineStart = 0;
  bool InString = false, Escaped = false;
  for (size_t I = 0, E = Text.size(); I < E; ++I) {
    char C = Text[I];
    if (C == '\n') {
      ++Line;
      LineStart = I + 1;
    }
    if (InString) {
      if (Escaped)
        Escaped = false;
      else if (C == '\\')
        Escaped = true;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxJsonDepth)
        return llvm::createStringError(fmt::format(
            "{}:{}: arrays and objects nested deeper than {} levels", Line,
            I - LineStart + 1, MaxJsonDepth));
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return llvm::json::parse(Text);
}

} // namespace corolint
