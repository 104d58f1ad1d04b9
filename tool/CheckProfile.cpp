//===--- CheckProfile.cpp - --enable-check-profile ------------------------===//

#include "CheckProfile.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <fmt/format.h>

namespace corolint {

llvm::Expected<CheckProfile> CheckProfile::create(const DriverOptions &Options) {
  CheckProfile P;
  if (!Options.StoreCheckProfile.empty()) {
    P.Prefix = Options.StoreCheckProfile;
    return std::move(P);
  }
  llvm::SmallString<128> Dir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("corolint-profile", Dir))
    return llvm::createStringError(
        fmt::format("--enable-check-profile: {}", EC.message()));
  P.Prefix = std::string(Dir);
  P.Temporary = true;
  return std::move(P);
}

CheckProfile::CheckProfile(CheckProfile &&Other)
    : Prefix(std::move(Other.Prefix)), Temporary(Other.Temporary) {
  Other.Temporary = false;
}

CheckProfile::~CheckProfile() {
  if (Temporary)
    llvm::sys::fs::remove_directories(Prefix);
}

void CheckProfile::printTable(llvm::raw_ostream &OS, unsigned Files) const {
  struct Times {
    double Wall = 0, User = 0, System = 0;
  };
  llvm::StringMap<Times> ByCheck;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Prefix, EC), End;
       It != End && !EC; It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) != ".json")
      continue;
    auto Buffer = llvm::MemoryBuffer::getFile(It->path());
    if (!Buffer)
      continue;
    llvm::Expected<llvm::json::Value> Parsed =
        llvm::json::parse((*Buffer)->getBuffer());
    if (!Parsed) {
      llvm::consumeError(Parsed.takeError());
      continue;
    }
    const llvm::json::Object *Profile =
        Parsed->getAsObject() ? Parsed->getAsObject()->getObject("profile")
                              : nullptr;
    if (!Profile)
      continue;
    // "time.clang-tidy.<check>.wall": seconds (also .user and .sys).
    for (const auto &[Key, Value] : *Profile) {
      llvm::StringRef Name = Key;
      std::optional<double> Seconds = Value.getAsNumber();
      if (!Seconds || !Name.consume_front("time.clang-tidy."))
        continue;
      auto [Check, Kind] = Name.rsplit('.');
      Times &T = ByCheck[Check];
      if (Kind == "wall")
        T.Wall += *Seconds;
      else if (Kind == "user")
        T.User += *Seconds;
      else if (Kind == "sys")
        T.System += *Seconds;
    }
  }
  std::vector<std::pair<std::string, Times>> Rows;
  Times Total;
  for (const auto &Entry : ByCheck) {
    Rows.emplace_back(Entry.getKey().str(), Entry.getValue());
    Total.Wall += Entry.getValue().Wall;
    Total.User += Entry.getValue().User;
    Total.System += Entry.getValue().System;
  }
  llvm::sort(Rows, [](const auto &A, const auto &B) {
    return std::tie(B.second.Wall, A.first) < std::tie(A.second.Wall, B.first);
  });
  OS << fmt::format("corolint: check profile ({} file{}, seconds summed over "
                    "the files)\n",
                    Files, Files == 1 ? "" : "s");
  OS << fmt::format("{:>10} {:>10} {:>10}  {}\n", "wall", "user", "system",
                    "check");
  for (const auto &[Check, T] : Rows)
    OS << fmt::format("{:>10.6f} {:>10.6f} {:>10.6f}  {}\n", T.Wall, T.User,
                      T.System, Check);
  OS << fmt::format("{:>10.6f} {:>10.6f} {:>10.6f}  {}\n", Total.Wall,
                    Total.User, Total.System, "total");
}

} // namespace corolint
