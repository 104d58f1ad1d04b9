//===--- SarifOutput.cpp - SARIF 2.1.0 ------------------------------------===//

#include "SarifOutput.h"
#include "Baseline.h"
#include "CheckDocs.h"
#include "LineHash.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/SHA256.h"
#include <fmt/format.h>
#include <map>
#include <set>

namespace corolint {
namespace json = llvm::json;
namespace {

// Set at build time: the CMake cache variable COROLINT_DOCS_URL.
constexpr llvm::StringLiteral DocsUrl = COROLINT_DOCS_URL;
constexpr llvm::StringLiteral SourceRootId = "%SRCROOT%";

/// SARIF asks for messages that are sentences.
std::string sentence(llvm::StringRef Text) {
  std::string S = Text.trim().str();
  if (!S.empty() && !llvm::StringRef(".!?").contains(S.back()))
    S += '.';
  return S;
}

std::string percentEncoded(llvm::StringRef Path) {
  std::string Uri;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += fmt::format("%{:02X}", C);
  }
  return Uri;
}

std::string fileUri(llvm::StringRef Path) {
  return "file://" + percentEncoded(Path);
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

/// What code scanning reads to rank and filter alerts: `tags`, `precision`
/// (how often a finding is a real problem) and `problem.severity`.
json::Object ruleProperties(llvm::StringRef Check) {
  struct Metadata {
    llvm::StringRef Check, Precision;
    std::vector<llvm::StringRef> Tags;
  };
  static const Metadata Known[] = {
      {"coro-blocking-call",
       "high",
       {"concurrency", "coroutines", "performance", "reliability"}},
      {"coro-sync-wait",
       "high",
       {"concurrency", "coroutines", "correctness", "deadlock",
        "external/cwe/cwe-833"}},
      // Fire-and-forget is sometimes the design (AllowedSpawnSites).
      {"coro-detached-task",
       "medium",
       {"coroutines", "error-handling", "reliability"}},
      {"coro-unawaited-task", "high", {"coroutines", "correctness"}},
      {"coro-thread-local-across-await",
       "high",
       {"concurrency", "coroutines", "correctness", "external/cwe/cwe-362"}},
      {"coro-lock-across-await",
       "high",
       {"concurrency", "coroutines", "correctness", "deadlock",
        "external/cwe/cwe-667"}},
      // An API-design finding: offloading on purpose is sometimes the
      // design (BlockingExecutors, IncludeCpuBoundOffload).
      {"coro-fake-async",
       "medium",
       {"api-design", "concurrency", "coroutines", "performance"}},
      // Not passing a token is sometimes deliberate (ShieldFunctions).
      {"coro-dropped-cancellation",
       "medium",
       {"coroutines", "reliability", "resource-management"}},
  };
  llvm::StringRef Precision = "medium";
  json::Array Tags;
  for (const Metadata &M : Known)
    if (M.Check == Check) {
      Precision = M.Precision;
      for (llvm::StringRef Tag : M.Tags)
        Tags.push_back(Tag);
    }
  if (Tags.empty())
    Tags.push_back("coroutines");
  return json::Object{{"tags", std::move(Tags)},
                      {"precision", Precision},
                      {"problem.severity", "warning"}};
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
      {"helpUri", fmt::format("{}/checks/{}.md", DocsUrl.str(), Check.str())},
      {"defaultConfiguration", json::Object{{"level", "warning"}}},
      {"properties", ruleProperties(Check)},
  };
}

class RegionBuilder {
public:
  RegionBuilder(SourceFiles &Sources, llvm::StringRef SourceRoot)
      : Sources(Sources), SourceRoot(SourceRoot) {}

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
    return json::Object{{"artifactLocation", artifactLocation(S.File)},
                        {"region", region(S)}};
  }

  /// Relative to %SRCROOT% when the file is under it, else absolute.
  json::Object artifactLocation(llvm::StringRef File) {
    Files.insert(File.str());
    llvm::StringRef Relative = File;
    if (!SourceRoot.empty() &&
        Relative.consume_front((SourceRoot.rtrim('/') + "/").str()))
      return json::Object{{"uri", percentEncoded(Relative)},
                          {"uriBaseId", SourceRootId}};
    return json::Object{{"uri", fileUri(File)}};
  }

  /// `partialFingerprints.primaryLocationLineHash` of a line; empty if the
  /// file cannot be read.
  std::string lineHash(llvm::StringRef File, unsigned Line) {
    auto [It, Inserted] = LineHashes.try_emplace(File);
    if (Inserted)
      if (auto Contents = Sources.get(File))
        It->second = lineHashes(Contents->contents());
    return Line >= 1 && Line <= It->second.size() ? It->second[Line - 1] : "";
  }

  /// The `run.artifacts` entries of every file a location named: its
  /// location, length and SHA-256, keyed as artifactKey does.
  std::map<std::string, json::Object> artifacts() {
    std::map<std::string, json::Object> Artifacts;
    for (const std::string &File : Files) {
      json::Object Artifact{{"location", artifactLocation(File)}};
      if (auto Contents = Sources.get(File)) {
        Artifact["length"] = static_cast<int64_t>(Contents->contents().size());
        Artifact["hashes"] = json::Object{
            {"sha-256",
             llvm::toHex(llvm::SHA256::hash(
                             llvm::arrayRefFromStringRef(Contents->contents())),
                         /*LowerCase=*/true)}};
      }
      std::string Key = artifactKey(*Artifact.getObject("location"));
      Artifacts.emplace(std::move(Key), std::move(Artifact));
    }
    return Artifacts;
  }

  static std::string artifactKey(const json::Object &Location) {
    return (Location.getString("uriBaseId").value_or("") + "\n" +
            Location.getString("uri").value_or(""))
        .str();
  }

private:
  SourceFiles &Sources;
  llvm::StringRef SourceRoot;
  std::set<std::string> Files;
  llvm::StringMap<std::vector<std::string>> LineHashes;
};

json::Object threadFlowLocation(const SourceSpan &Where,
                                llvm::StringRef Message,
                                RegionBuilder &Regions) {
  return json::Object{
      {"location",
       json::Object{{"physicalLocation", Regions.physicalLocation(Where)},
                    {"message", message(Message)}}}};
}

json::Value result(const Finding &F, RegionBuilder &Regions,
                   llvm::StringRef SourceRoot) {
  json::Object R{
      {"ruleId", F.Check},
      {"level", F.Level},
      {"message", message(F.Message)},
      {"locations",
       json::Array{json::Object{
           {"physicalLocation", Regions.physicalLocation(F.Where)}}}},
  };
  // The baseline's identity of the finding (no line numbers), with the
  // file relative to %SRCROOT%, and code scanning's hash of its line.
  json::Object Fingerprints{
      {"corolint/v1", baselineEntry(F, SourceRoot).fingerprint()}};
  std::string LineHash = Regions.lineHash(F.Where.File, F.Where.StartLine);
  if (!LineHash.empty())
    Fingerprints["primaryLocationLineHash"] = LineHash;
  R["partialFingerprints"] = std::move(Fingerprints);
  json::Array Related;
  // How the finding happens: the flagged code, then each located note in
  // the order the check gave them (for a call through the project's own
  // functions, each call down to the blocking API).
  json::Array Steps{threadFlowLocation(F.Where, F.Message, Regions)};
  for (const Note &N : F.Notes) {
    if (N.Where.File.empty())
      continue;
    Related.push_back(
        json::Object{{"id", static_cast<int64_t>(Related.size() + 1)},
                     {"message", message(N.Message)},
                     {"physicalLocation", Regions.physicalLocation(N.Where)}});
    Steps.push_back(threadFlowLocation(N.Where, N.Message, Regions));
  }
  if (!Related.empty()) {
    R["relatedLocations"] = std::move(Related);
    R["codeFlows"] = json::Array{json::Object{
        {"threadFlows",
         json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
  }
  if (!F.Fixes.empty()) {
    std::map<std::string, json::Array> ByFile;
    for (const TextEdit &E : F.Fixes)
      ByFile[E.Range.File].push_back(
          json::Object{{"deletedRegion", Regions.region(E.Range)},
                       {"insertedContent", json::Object{{"text", E.NewText}}}});
    json::Array Changes;
    for (auto &[File, Replacements] : ByFile)
      Changes.push_back(
          json::Object{{"artifactLocation", Regions.artifactLocation(File)},
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

/// Calls F on every artifactLocation object inside V.
void forEachArtifactLocation(json::Value &V,
                             llvm::function_ref<void(json::Object &)> F) {
  if (json::Object *O = V.getAsObject()) {
    for (auto &[Key, Member] : *O) {
      json::Object *Location =
          Key == "artifactLocation" ? Member.getAsObject() : nullptr;
      if (Location)
        F(*Location);
      else
        forEachArtifactLocation(Member, F);
    }
  } else if (json::Array *A = V.getAsArray()) {
    for (json::Value &E : *A)
      forEachArtifactLocation(E, F);
  }
}

/// What a run says besides its rules and results.
struct RunProperties {
  /// `%SRCROOT%`; none when every URI is absolute.
  std::optional<json::Object> OriginalUriBaseIds;
  /// Descriptions of the files results name, by RegionBuilder::artifactKey.
  std::map<std::string, json::Object> Artifacts;
  std::string AutomationId;
};

/// Keeps in Slot the smaller (by JSON text) of Slot and Candidate: what
/// shards disagree on is then chosen whatever the order of the inputs.
void keepSmaller(std::optional<json::Object> &Slot, json::Object Candidate) {
  auto Text = [](const json::Object &O) {
    std::string S;
    llvm::raw_string_ostream(S) << json::Value(json::Object(O));
    return S;
  };
  if (!Slot || Text(Candidate) < Text(*Slot))
    Slot = std::move(Candidate);
}

/// The same log, whatever the order findings arrived in: results sorted by
/// location, then rule, then their whole text; duplicates (a header seen
/// through two files) removed; the artifact table and the artifact indices
/// of the locations rebuilt from the results.
json::Value assembleLog(std::vector<json::Object> Rules,
                        std::vector<json::Value> Results, bool Successful,
                        RunProperties Properties) {
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
    // A shard's indices point into its own artifact table.
    forEachArtifactLocation(V, [](json::Object &L) { L.erase("index"); });
    json::Object &R = *V.getAsObject();
    std::string RuleId = R.getString("ruleId").value_or("").str();
    // A result whose rule the log does not describe has no index.
    auto Index = RuleIndex.find(RuleId);
    if (Index != RuleIndex.end())
      R["ruleIndex"] = Index->second;
    else
      R.erase("ruleIndex");
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

  std::map<std::string, int64_t> ArtifactIndex;
  for (json::Value &R : ResultArray)
    forEachArtifactLocation(R, [&](json::Object &L) {
      ArtifactIndex.emplace(RegionBuilder::artifactKey(L), 0);
    });
  json::Array Artifacts;
  for (auto &[Key, Index] : ArtifactIndex) {
    Index = Artifacts.size();
    auto Known = Properties.Artifacts.find(Key);
    if (Known != Properties.Artifacts.end()) {
      Artifacts.push_back(std::move(Known->second));
      continue;
    }
    auto [BaseId, Uri] = llvm::StringRef(Key).split('\n');
    json::Object Location{{"uri", Uri}};
    if (!BaseId.empty())
      Location["uriBaseId"] = BaseId;
    Artifacts.push_back(json::Object{{"location", std::move(Location)}});
  }
  for (json::Value &R : ResultArray)
    forEachArtifactLocation(R, [&](json::Object &L) {
      L["index"] = ArtifactIndex[RegionBuilder::artifactKey(L)];
    });

  json::Object Driver{
      {"name", "corolint"},
      {"version", COROLINT_VERSION},
      {"semanticVersion", COROLINT_VERSION},
      {"informationUri", fmt::format("{}/usage.md", DocsUrl.str())},
      {"rules", std::move(RuleArray)},
  };
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations",
       json::Array{json::Object{{"executionSuccessful", Successful}}}},
      {"results", std::move(ResultArray)},
  };
  if (Properties.OriginalUriBaseIds)
    Run["originalUriBaseIds"] = std::move(*Properties.OriginalUriBaseIds);
  if (!Artifacts.empty())
    Run["artifacts"] = std::move(Artifacts);
  if (!Properties.AutomationId.empty())
    Run["automationDetails"] = json::Object{{"id", Properties.AutomationId}};
  return json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}},
  };
}

} // namespace

json::Value sarifLog(llvm::ArrayRef<Finding> Findings, SourceFiles &Sources,
                     bool ExecutionSuccessful, const SarifSettings &Settings) {
  std::vector<json::Object> Rules;
  for (const std::string &Check : registeredChecks())
    Rules.push_back(rule(Check));
  RegionBuilder Regions(Sources, Settings.SourceRoot);
  std::vector<json::Value> Results;
  for (const Finding &F : Findings)
    Results.push_back(result(F, Regions, Settings.SourceRoot));
  RunProperties Properties;
  if (!Settings.SourceRoot.empty()) {
    std::string Root = llvm::StringRef(Settings.SourceRoot).rtrim('/').str();
    Properties.OriginalUriBaseIds = json::Object{
        {SourceRootId, json::Object{{"uri", fileUri(Root + "/")}}}};
  }
  Properties.Artifacts = Regions.artifacts();
  // Code scanning reads the category as everything before the last '/'.
  Properties.AutomationId = Settings.Category;
  if (!Settings.Category.empty() &&
      !llvm::StringRef(Settings.Category).ends_with("/"))
    Properties.AutomationId += "/";
  return assembleLog(std::move(Rules), std::move(Results), ExecutionSuccessful,
                     std::move(Properties));
}

llvm::Expected<json::Value> mergeSarifLogs(llvm::ArrayRef<json::Value> Logs) {
  std::map<std::string, json::Object> Rules;
  std::vector<json::Value> Results;
  bool Successful = true;
  std::optional<json::Object> BaseIds, Automation;
  std::map<std::string, std::optional<json::Object>> Artifacts;
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
      if (const json::Object *Ids = Run->getObject("originalUriBaseIds"))
        keepSmaller(BaseIds, *Ids);
      if (const json::Object *Details = Run->getObject("automationDetails"))
        keepSmaller(Automation, *Details);
      if (const json::Array *ArtifactArray = Run->getArray("artifacts"))
        for (const json::Value &A : *ArtifactArray)
          if (const json::Object *O = A.getAsObject())
            if (const json::Object *Location = O->getObject("location"))
              keepSmaller(Artifacts[RegionBuilder::artifactKey(*Location)], *O);
    }
  }
  std::vector<json::Object> RuleList;
  for (auto &Entry : Rules)
    RuleList.push_back(std::move(Entry.second));
  RunProperties Properties;
  Properties.OriginalUriBaseIds = std::move(BaseIds);
  if (Automation)
    Properties.AutomationId = Automation->getString("id").value_or("").str();
  for (auto &[Key, Artifact] : Artifacts)
    Properties.Artifacts.emplace(Key, std::move(*Artifact));
  return assembleLog(std::move(RuleList), std::move(Results), Successful,
                     std::move(Properties));
}

} // namespace corolint
