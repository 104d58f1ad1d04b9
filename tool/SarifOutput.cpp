//===--- SarifOutput.cpp - SARIF 2.1.0 ------------------------------------===//

#include "SarifOutput.h"
#include "CheckDocs.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include <fmt/format.h>
#include <map>

namespace corolint {
namespace json = llvm::json;
namespace {

constexpr llvm::StringLiteral InformationUri =
    "https://github.com/corolint/corolint";

/// SARIF asks for messages that are sentences.
std::string sentence(llvm::StringRef Text) {
  std::string S = Text.trim().str();
  if (!S.empty() && !llvm::StringRef(".!?").contains(S.back()))
    S += '.';
  return S;
}

std::string fileUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += fmt::format("%{:02X}", C);
  }
  return Uri;
}

json::Object message(llvm::StringRef Text) {
  return json::Object{{"text", sentence(Text)}};
}

/// The body of a section (`## Title`) of a check page, as plain text.
std::string section(llvm::StringRef Markdown, llvm::StringRef Title) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Markdown.split(Lines, '\n');
  std::string Body;
  bool In = false;
  for (llvm::StringRef Line : Lines) {
    if (Line.starts_with("## ")) {
      if (In)
        break;
      In = Line.drop_front(3).trim().equals_insensitive(Title);
      continue;
    }
    if (In)
      Body += Line.str() + "\n";
  }
  return llvm::StringRef(Body).trim().str();
}

/// SARIF wants a rule name distinct from its id: coro-blocking-call ->
/// CoroBlockingCall.
std::string friendlyName(llvm::StringRef Check) {
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

json::Object rule(llvm::StringRef Check) {
  std::optional<llvm::StringRef> Page = checkPage(Check);
  std::string Short = Page ? pageSummary(*Page) : "";
  if (Short.empty())
    Short = fmt::format("corolint check {}.", Check.str());
  std::string Full = Short;
  if (Page) {
    std::string Why = section(*Page, "Why it matters");
    if (!Why.empty())
      Full += "\n\n" + Why;
  }
  std::string Markdown =
      Page ? Page->str() : fmt::format("# {}\n\n{}\n", Check.str(), Short);
  return json::Object{
      {"id", Check.str()},
      {"name", friendlyName(Check)},
      {"shortDescription", json::Object{{"text", sentence(Short)}}},
      {"fullDescription", json::Object{{"text", sentence(Full)}}},
      {"help", json::Object{{"text", Markdown}, {"markdown", Markdown}}},
      {"defaultConfiguration", json::Object{{"level", "warning"}}},
  };
}

class RegionBuilder {
public:
  explicit RegionBuilder(SourceFiles &Sources) : Sources(Sources) {}

  /// SARIF columns count code points (columnKind unicodeCodePoints).
  json::Object region(const SourceSpan &S) {
    auto File = Sources.get(S.File);
    auto Column = [&](unsigned Line, unsigned ByteColumn) {
      return File ? codePointColumn(File->line(Line), ByteColumn) : ByteColumn;
    };
    return json::Object{
        {"startLine", S.StartLine},
        {"startColumn", Column(S.StartLine, S.StartColumn)},
        {"endLine", S.EndLine},
        {"endColumn", Column(S.EndLine, S.EndColumn)},
    };
  }

  json::Object physicalLocation(const SourceSpan &S) {
    return json::Object{
        {"artifactLocation", json::Object{{"uri", fileUri(S.File)}}},
        {"region", region(S)}};
  }

private:
  SourceFiles &Sources;
};

json::Value result(const Finding &F, RegionBuilder &Regions) {
  json::Object R{
      {"ruleId", F.Check},
      {"level", F.Level},
      {"message", message(F.Message)},
      {"locations",
       json::Array{json::Object{
           {"physicalLocation", Regions.physicalLocation(F.Where)}}}},
  };
  json::Array Related;
  for (const Note &N : F.Notes) {
    if (N.Where.File.empty())
      continue;
    Related.push_back(
        json::Object{{"id", static_cast<int64_t>(Related.size() + 1)},
                     {"message", message(N.Message)},
                     {"physicalLocation", Regions.physicalLocation(N.Where)}});
  }
  if (!Related.empty())
    R["relatedLocations"] = std::move(Related);
  if (!F.Fixes.empty()) {
    std::map<std::string, json::Array> ByFile;
    for (const TextEdit &E : F.Fixes)
      ByFile[E.Range.File].push_back(
          json::Object{{"deletedRegion", Regions.region(E.Range)},
                       {"insertedContent", json::Object{{"text", E.NewText}}}});
    json::Array Changes;
    for (auto &[File, Replacements] : ByFile)
      Changes.push_back(json::Object{
          {"artifactLocation", json::Object{{"uri", fileUri(File)}}},
          {"replacements", std::move(Replacements)}});
    R["fixes"] = json::Array{
        json::Object{{"description", message("Apply the suggested rewrite")},
                     {"artifactChanges", std::move(Changes)}}};
  }
  return R;
}

const json::Object *firstRegion(const json::Object &Result) {
  const json::Array *Locations = Result.getArray("locations");
  if (!Locations || Locations->empty() || !(*Locations)[0].getAsObject())
    return nullptr;
  const json::Object *Physical =
      (*Locations)[0].getAsObject()->getObject("physicalLocation");
  return Physical ? Physical->getObject("region") : nullptr;
}

std::string resultUri(const json::Object &Result) {
  const json::Array *Locations = Result.getArray("locations");
  if (!Locations || Locations->empty() || !(*Locations)[0].getAsObject())
    return "";
  const json::Object *Physical =
      (*Locations)[0].getAsObject()->getObject("physicalLocation");
  const json::Object *Artifact =
      Physical ? Physical->getObject("artifactLocation") : nullptr;
  auto Uri = Artifact ? Artifact->getString("uri") : std::nullopt;
  return Uri ? Uri->str() : "";
}

/// The same log, whatever the order findings arrived in: results sorted by
/// location, then rule, then their whole text; duplicates (a header seen
/// through two files) removed.
json::Value assembleLog(std::vector<json::Object> Rules,
                        std::vector<json::Value> Results, bool Successful) {
  llvm::sort(Rules, [](const json::Object &A, const json::Object &B) {
    return A.getString("id").value_or("") < B.getString("id").value_or("");
  });
  llvm::StringMap<int64_t> RuleIndex;
  json::Array RuleArray;
  for (json::Object &Rule : Rules) {
    RuleIndex[Rule.getString("id").value_or("")] = RuleArray.size();
    RuleArray.push_back(std::move(Rule));
  }

  struct Keyed {
    std::string Uri;
    int64_t Line, Column;
    std::string RuleId, Text;
    json::Value Result;
  };
  std::vector<Keyed> Sorted;
  for (json::Value &V : Results) {
    json::Object &R = *V.getAsObject();
    std::string RuleId = R.getString("ruleId").value_or("").str();
    R["ruleIndex"] = RuleIndex.lookup(RuleId);
    const json::Object *Region = firstRegion(R);
    int64_t Line = Region ? Region->getInteger("startLine").value_or(0) : 0;
    int64_t Column = Region ? Region->getInteger("startColumn").value_or(0) : 0;
    std::string Text;
    llvm::raw_string_ostream(Text) << V;
    Sorted.push_back({resultUri(R), Line, Column, RuleId, Text, std::move(V)});
  }
  llvm::sort(Sorted, [](const Keyed &A, const Keyed &B) {
    return std::tie(A.Uri, A.Line, A.Column, A.RuleId, A.Text) <
           std::tie(B.Uri, B.Line, B.Column, B.RuleId, B.Text);
  });
  json::Array ResultArray;
  for (size_t I = 0; I < Sorted.size(); ++I)
    if (I == 0 || Sorted[I].Text != Sorted[I - 1].Text)
      ResultArray.push_back(std::move(Sorted[I].Result));

  json::Object Driver{
      {"name", "corolint"},
      {"version", COROLINT_VERSION},
      {"semanticVersion", COROLINT_VERSION},
      {"informationUri", InformationUri},
      {"rules", std::move(RuleArray)},
  };
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations",
       json::Array{json::Object{{"executionSuccessful", Successful}}}},
      {"results", std::move(ResultArray)},
  };
  return json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}},
  };
}

} // namespace

json::Value sarifLog(llvm::ArrayRef<Finding> Findings, SourceFiles &Sources,
                     bool ExecutionSuccessful) {
  std::vector<json::Object> Rules;
  for (const std::string &Check : registeredChecks())
    Rules.push_back(rule(Check));
  RegionBuilder Regions(Sources);
  std::vector<json::Value> Results;
  for (const Finding &F : Findings)
    Results.push_back(result(F, Regions));
  return assembleLog(std::move(Rules), std::move(Results), ExecutionSuccessful);
}

llvm::Expected<json::Value> mergeSarifLogs(llvm::ArrayRef<json::Value> Logs) {
  std::map<std::string, json::Object> Rules;
  std::vector<json::Value> Results;
  bool Successful = true;
  for (const json::Value &Log : Logs) {
    const json::Object *Root = Log.getAsObject();
    const json::Array *Runs = Root ? Root->getArray("runs") : nullptr;
    if (!Root || Root->getString("version") != "2.1.0" || !Runs)
      return llvm::createStringError("not a SARIF 2.1.0 log");
    for (const json::Value &RunValue : *Runs) {
      const json::Object *Run = RunValue.getAsObject();
      const json::Object *Tool = Run ? Run->getObject("tool") : nullptr;
      const json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
      if (!Driver || Driver->getString("name") != "corolint")
        return llvm::createStringError("not a corolint SARIF log");
      if (const json::Array *RuleArray = Driver->getArray("rules"))
        for (const json::Value &Rule : *RuleArray)
          if (const json::Object *R = Rule.getAsObject())
            Rules.emplace(R->getString("id").value_or("").str(), *R);
      if (const json::Array *Invocations = Run->getArray("invocations"))
        for (const json::Value &I : *Invocations)
          if (const json::Object *O = I.getAsObject())
            Successful &= O->getBoolean("executionSuccessful").value_or(true);
      if (const json::Array *ResultArray = Run->getArray("results"))
        for (const json::Value &R : *ResultArray)
          Results.push_back(R);
    }
  }
  std::vector<json::Object> RuleList;
  for (auto &Entry : Rules)
    RuleList.push_back(std::move(Entry.second));
  return assembleLog(std::move(RuleList), std::move(Results), Successful);
}

} // namespace corolint
