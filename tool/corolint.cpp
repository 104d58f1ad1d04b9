//===--- corolint.cpp - The corolint command line tool --------------------===//

#include "ClangTidyCompat.h"
#include "Driver.h"
#include "Options.h"
#include "llvm/Support/InitLLVM.h"

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  auto Parsed = corolint::parseCommandLine(Argc, Argv);
  if (!Parsed) {
    std::string Message = llvm::toString(Parsed.takeError());
    if (!Message.empty())
      corolint::reportError(Message);
    return corolint::ExitError;
  }
  switch (Parsed->What) {
  case corolint::Command::ListChecks:
    return corolint::runListChecks(Parsed->Driver);
  case corolint::Command::Explain:
    return corolint::runExplain(Parsed->ExplainCheck);
  case corolint::Command::LineHashes:
    return corolint::runPrintLineHashes(Parsed->LineHashFile);
  case corolint::Command::Merge:
    return corolint::runMerge(Parsed->MergeArgs);
  case corolint::Command::DumpConfig:
    return corolint::runDumpConfig(Parsed->Driver);
  case corolint::Command::VerifyConfig:
    return corolint::runVerifyConfig(Parsed->Driver);
  case corolint::Command::Analyse:
    break;
  }
  return corolint::runAnalysis(Parsed->Driver);
}
