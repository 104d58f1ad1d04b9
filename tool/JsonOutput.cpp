//===--- JsonOutput.cpp - corolint's JSON report --------------------------===//

#include "JsonOutput.h"
#include "llvm/ADT/StringExtras.h"

namespace corolint {
namespace json = llvm::json;
namespace {

json::Object position(unsigned Line, unsigned Column) {
  return json::Object{{"line", Line}, {"column", Column}};
}

/// A file:// URI naming the path's bytes, percent-encoded as RFC 3986 says.
std::string fileUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Uri;
}

json::Object located(const SourceSpan &S) {
  json::Object O{{"file", S.File},
                 {"line", S.StartLine},
                 {"column", S.StartColumn},
                 {"end", position(S.EndLine, S.EndColumn)}};
  // JSON strings are Unicode: a name that is not UTF-8 reaches "file" with
  // U+FFFD in place of its bad bytes, and "file_uri" names it exactly.
  if (!json::isUTF8(S.File))
    O["file_uri"] = fileUri(S.File);
  return O;
}

} // namespace

std::string jsonText(const json::Value &V, unsigned Indent) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  json::OStream(OS, Indent).value(V);
  return Text;
}

json::Value jsonReport(llvm::ArrayRef<Finding> Findings,
                       const RunSummary &Summary) {
  json::Array Items;
  for (const Finding &F : Findings) {
    json::Object Item = located(F.Where);
    Item["check"] = F.Check;
    Item["level"] = F.Level;
    Item["message"] = F.Message;
    Item["function"] = F.EnclosingFunction;
    json::Array Notes;
    for (const Note &N : F.Notes) {
      json::Object O = located(N.Where);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    Item["notes"] = std::move(Notes);
    json::Array Fixes;
    for (const TextEdit &E : F.Fixes) {
      json::Object O = located(E.Range);
      O["offset"] = E.Range.Offset;
      O["length"] = E.Range.Length;
      O["replacement"] = E.NewText;
      Fixes.push_back(std::move(O));
    }
    Item["fixes"] = std::move(Fixes);
    Items.push_back(std::move(Item));
  }
  json::Object ByCheck;
  for (const auto &[Check, Count] : Summary.FindingsByCheck)
    ByCheck[Check] = Count;
  return json::Object{
      {"version", 1},
      {"tool",
       json::Object{{"name", "corolint"}, {"version", COROLINT_VERSION}}},
      {"findings", std::move(Items)},
      {"summary",
       json::Object{{"files_analysed", Summary.FilesAnalysed},
                    {"files_with_errors", Summary.FilesWithErrors},
                    {"findings", Summary.Findings},
                    {"findings_by_check", std::move(ByCheck)},
                    {"suppressed_by_baseline", Summary.SuppressedByBaseline},
                    {"stale_baseline_entries", Summary.StaleBaselineEntries},
                    {"fixes_applied", Summary.FixesApplied},
                    {"seconds", Summary.Seconds}}},
  };
}

} // namespace corolint
