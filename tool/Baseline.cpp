//===--- Baseline.cpp - Accepting the findings of legacy code -------------===//

#include "Baseline.h"
#include "AtomicWrite.h"
#include "JsonInput.h"
#include "JsonOutput.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <fmt/format.h>
#include <limits>

namespace corolint {
namespace json = llvm::json;

constexpr int BaselineVersion = 1;

std::string BaselineEntry::fingerprint() const {
  llvm::SHA256 Hash;
  for (llvm::StringRef Part : {Check, File, Function, Code}) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  auto Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16),
                     /*LowerCase=*/true);
}

BaselineEntry baselineEntry(const Finding &F, llvm::StringRef Directory) {
  BaselineEntry E;
  E.Check = F.Check;
  llvm::StringRef File = F.Where.File;
  llvm::SmallString<256> Prefix(Directory);
  if (!Prefix.ends_with("/"))
    Prefix += "/";
  if (!Directory.empty() && File.consume_front(Prefix))
    E.File = File.str();
  else
    E.File = F.Where.File;
  E.Function = F.EnclosingFunction;
  E.Code = F.FlaggedText;
  return E;
}

Baseline Baseline::fromFindings(llvm::ArrayRef<Finding> Findings,
                                llvm::StringRef Directory) {
  Baseline B;
  for (const Finding &F : Findings) {
    BaselineEntry E = baselineEntry(F, Directory);
    auto [It, Inserted] = B.Entries.emplace(E.fingerprint(), E);
    if (!Inserted)
      ++It->second.Count;
  }
  return B;
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(
        fmt::format("{}: {}", Path.str(), Buffer.getError().message()));
  auto Parsed = parseJsonArtefact((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        fmt::format("{}: malformed baseline: {}", Path.str(),
                    llvm::toString(Parsed.takeError())));
  auto Malformed = [&](llvm::StringRef Why) {
    return llvm::createStringError(
        fmt::format("{}: malformed baseline: {}", Path.str(), Why.str()));
  };
  const json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getInteger("version") != BaselineVersion)
    return Malformed("expected {\"version\": 1, \"findings\": [...]}");
  const json::Array *Findings = Root->getArray("findings");
  if (!Findings)
    return Malformed("no \"findings\" array");
  Baseline B;
  for (const json::Value &V : *Findings) {
    const json::Object *O = V.getAsObject();
    if (!O)
      return Malformed("a finding is not an object");
    BaselineEntry E;
    auto Field = [&](llvm::StringRef Name, std::string &Out) {
      auto S = O->getString(Name);
      if (S)
        Out = S->str();
      return S.has_value();
    };
    if (!Field("check", E.Check) || !Field("file", E.File) ||
        !Field("function", E.Function) || !Field("code", E.Code))
      return Malformed(
          "a finding lacks one of \"check\", \"file\", \"function\", \"code\"");
    if (const json::Value *Count = O->get("count")) {
      std::optional<int64_t> N = Count->getAsInteger();
      if (!N || *N < 1 || *N > std::numeric_limits<unsigned>::max())
        return Malformed(fmt::format(
            "a finding's \"count\" must be a positive integer, not {}",
            jsonText(*Count)));
      E.Count = *N;
    }
    auto [It, Inserted] = B.Entries.emplace(E.fingerprint(), E);
    if (!Inserted)
      It->second.Count =
          std::min<uint64_t>(uint64_t(It->second.Count) + E.Count,
                             std::numeric_limits<unsigned>::max());
  }
  return B;
}

llvm::Error Baseline::write(llvm::StringRef Path) const {
  std::vector<const BaselineEntry *> Sorted;
  for (const auto &Entry : Entries)
    Sorted.push_back(&Entry.second);
  llvm::sort(Sorted, [](const BaselineEntry *A, const BaselineEntry *B) {
    return A->key() < B->key();
  });
  json::Array Findings;
  for (const BaselineEntry *E : Sorted)
    Findings.push_back(json::Object{{"check", E->Check},
                                    {"file", E->File},
                                    {"function", E->Function},
                                    {"code", E->Code},
                                    {"count", E->Count},
                                    {"fingerprint", E->fingerprint()}});
  json::Value Root = json::Object{{"version", BaselineVersion},
                                  {"tool", "corolint"},
                                  {"findings", std::move(Findings)}};
  return writeOutputFile(Path, jsonText(Root, 2) + "\n");
}

unsigned Baseline::suppress(std::vector<Finding> &Findings,
                            llvm::StringRef Directory,
                            unsigned &Suppressed) const {
  std::map<std::string, unsigned> Remaining;
  for (const auto &Entry : Entries)
    Remaining[Entry.first] = Entry.second.Count;
  Suppressed = 0;
  llvm::erase_if(Findings, [&](const Finding &F) {
    auto It = Remaining.find(baselineEntry(F, Directory).fingerprint());
    if (It == Remaining.end() || It->second == 0)
      return false;
    --It->second;
    ++Suppressed;
    return true;
  });
  unsigned Stale = 0;
  for (const auto &Entry : Remaining)
    Stale += Entry.second;
  return Stale;
}

void Baseline::mergeFrom(const Baseline &Other) {
  for (const auto &[Fingerprint, Entry] : Other.Entries) {
    auto [It, Inserted] = Entries.emplace(Fingerprint, Entry);
    if (!Inserted)
      It->second.Count = std::max(It->second.Count, Entry.Count);
  }
}

} // namespace corolint
