//===--- Merge.cpp - corolint merge: joining shard outputs ----------------===//

#include "AtomicWrite.h"
#include "Baseline.h"
#include "Driver.h"
#include "SarifOutput.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include <fmt/format.h>

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

int mergeSarif(const MergeOptions &Options) {
  std::vector<json::Value> Logs;
  for (const std::string &Input : Options.Inputs) {
    auto Buffer = llvm::MemoryBuffer::getFile(Input);
    if (!Buffer) {
      reportError(fmt::format("{}: {}", Input, Buffer.getError().message()));
      return ExitError;
    }
    auto Parsed = json::parse((*Buffer)->getBuffer());
    if (!Parsed) {
      reportError(fmt::format("{}: malformed SARIF: {}", Input,
                              llvm::toString(Parsed.takeError())));
      return ExitError;
    }
    Logs.push_back(std::move(*Parsed));
  }
  auto Merged = mergeSarifLogs(Logs);
  if (!Merged) {
    reportError(fmt::format("merge: {}", llvm::toString(Merged.takeError())));
    return ExitError;
  }
  if (llvm::Error Err = writeOutputFile(
          Options.Output, llvm::formatv("{0:2}\n", *Merged).str())) {
    reportError(
        fmt::format("{}: {}", Options.Output, llvm::toString(std::move(Err))));
    return ExitError;
  }
  return ExitClean;
}

} // namespace

int runMerge(const MergeOptions &Options) {
  return Options.Baselines ? mergeBaselines(Options) : mergeSarif(Options);
}

} // namespace corolint
