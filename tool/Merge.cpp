//===--- Merge.cpp - corolint merge: joining shard outputs ----------------===//

#include "AtomicWrite.h"
#include "Baseline.h"
#include "Driver.h"
#include "JsonInput.h"
#include "JsonOutput.h"
#include "ProjectIndex.h"
#include "SarifOutput.h"
#include "llvm/Support/MemoryBuffer.h"
#include <fmt/format.h>
#include <set>

namespace corolint {
namespace json = llvm::json;

namespace {

int mergeBaselines(const MergeOptions &Options) {
  Baseline Merged;
  for (const std::string &Input : Options.Inputs) {
    auto B = Baseline::load(Input);
    if (!B) {
      reportError(llvm::toString(B.takeError()));
      return ExitError;
    }
    Merged.mergeFrom(*B);
  }
  if (llvm::Error Err = Merged.write(Options.Output)) {
    reportError(
        fmt::format("{}: {}", Options.Output, llvm::toString(std::move(Err))));
    return ExitError;
  }
  return ExitClean;
}

/// Why a log cannot be merged, empty if it can: it must be a SARIF 2.1.0
/// log whose runs were all written by this version of corolint (rules,
/// messages and fingerprints of another version would be relabelled).
std::string notMergeable(const json::Value &Log) {
  const json::Object *Root = Log.getAsObject();
  const json::Array *Runs = Root ? Root->getArray("runs") : nullptr;
  if (!Root || Root->getString("version") != "2.1.0" || !Runs)
    return "not a SARIF 2.1.0 log";
  for (const json::Value &RunValue : *Runs) {
    const json::Object *Run = RunValue.getAsObject();
    const json::Object *Tool = Run ? Run->getObject("tool") : nullptr;
    const json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    if (!Driver || Driver->getString("name") != "corolint")
      return "not a corolint SARIF log";
    llvm::StringRef Version = Driver->getString("version").value_or("");
    if (Version != COROLINT_VERSION)
      return fmt::format("written by corolint {}, not {}: merge logs of the "
                         "version that merges them",
                         Version.empty() ? "of unknown version" : Version.str(),
                         COROLINT_VERSION);
  }
  return "";
}

int mergeSarif(const MergeOptions &Options) {
  std::vector<json::Value> Logs;
  for (const std::string &Input : Options.Inputs) {
    auto Buffer = llvm::MemoryBuffer::getFile(Input);
    if (!Buffer) {
      reportError(fmt::format("{}: {}", Input, Buffer.getError().message()));
      return ExitError;
    }
    auto Parsed = parseJsonArtefact((*Buffer)->getBuffer());
    if (!Parsed) {
      reportError(fmt::format("{}: malformed SARIF: {}", Input,
                              llvm::toString(Parsed.takeError())));
      return ExitError;
    }
    if (std::string Why = notMergeable(*Parsed); !Why.empty()) {
      reportError(fmt::format("{}: {}", Input, Why));
      return ExitError;
    }
    Logs.push_back(std::move(*Parsed));
  }
  auto Merged = mergeSarifLogs(Logs);
  if (!Merged) {
    reportError(fmt::format("merge: {}", llvm::toString(Merged.takeError())));
    return ExitError;
  }
  if (llvm::Error Err =
          writeOutputFile(Options.Output, jsonText(*Merged, 2) + "\n")) {
    reportError(
        fmt::format("{}: {}", Options.Output, llvm::toString(std::move(Err))));
    return ExitError;
  }
  return ExitClean;
}

/// Whether \p Path starts like a project index (ProjectIndex::text writes
/// its format name first).
bool looksLikeIndex(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer && (*Buffer)->getBuffer().take_front(64).contains(
                       "\"format\": \"corolint-index\"");
}

/// Indexes of shards: the union of their units, in the one order an index
/// has, so merged shards equal the index of the whole.
int mergeIndexes(const MergeOptions &Options) {
  std::vector<clang::tidy::corolint::IndexedUnit> Units;
  std::set<std::pair<std::string, std::string>> Seen;
  for (const std::string &Input : Options.Inputs) {
    auto Read = clang::tidy::corolint::ProjectIndex::read(Input);
    if (!Read) {
      reportError(llvm::toString(Read.takeError()));
      return ExitError;
    }
    for (const auto &Unit : (*Read)->units())
      if (Seen.insert({Unit.File, Unit.Command}).second)
        Units.push_back(Unit);
  }
  clang::tidy::corolint::ProjectIndex Merged(std::move(Units));
  if (llvm::Error Err = writeOutputFile(Options.Output, Merged.text())) {
    reportError(
        fmt::format("{}: {}", Options.Output, llvm::toString(std::move(Err))));
    return ExitError;
  }
  return ExitClean;
}

} // namespace

int runMerge(const MergeOptions &Options) {
  if (Options.Baselines)
    return mergeBaselines(Options);
  if (looksLikeIndex(Options.Inputs.front()))
    return mergeIndexes(Options);
  return mergeSarif(Options);
}

} // namespace corolint
