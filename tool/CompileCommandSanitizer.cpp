//===--- CompileCommandSanitizer.cpp - Untrusted compile commands ---------===//

#include "CompileCommandSanitizer.h"
#include "llvm/ADT/StringRef.h"

namespace corolint {
namespace {

/// Driver arguments that load a shared object, all joined (`-fplugin=x.so`).
bool isDriverPluginArg(llvm::StringRef Arg) {
  return Arg.starts_with("-fplugin=") || Arg.starts_with("-fpass-plugin=") ||
         Arg.starts_with("-fplugin-arg-");
}

enum class Cc1PluginArg { None, Joined, TakesValue };

/// cc1 arguments that load a plugin or choose one to run.
Cc1PluginArg classifyCc1Arg(llvm::StringRef Arg) {
  for (llvm::StringRef Name : {"-load", "-plugin", "-add-plugin"}) {
    if (Arg == Name)
      return Cc1PluginArg::TakesValue;
    if (Arg.starts_with(Name) && Arg.drop_front(Name.size()).starts_with("="))
      return Cc1PluginArg::Joined;
  }
  if (Arg.starts_with("-plugin-arg-"))
    return Cc1PluginArg::TakesValue;
  if (Arg.starts_with("-fpass-plugin=") || Arg.starts_with("-fplugin="))
    return Cc1PluginArg::Joined;
  return Cc1PluginArg::None;
}

/// If Args[I] passes an argument to cc1 (`-Xclang X` or `-Xclang=X`),
/// returns it and how many command line words it takes.
std::pair<llvm::StringRef, size_t>
forwardedToCc1(const std::vector<std::string> &Args, size_t I) {
  llvm::StringRef Arg = Args[I];
  if (Arg == "-Xclang" && I + 1 < Args.size())
    return {Args[I + 1], 2};
  if (Arg.consume_front("-Xclang="))
    return {Arg, 1};
  return {Args[I], 1};
}

} // namespace

std::vector<std::string>
stripCompilerPlugins(const std::vector<std::string> &Args,
                     std::vector<std::string> &Dropped) {
  std::vector<std::string> Kept;
  auto Drop = [&](size_t From, size_t Count) {
    std::string Spelling;
    for (size_t J = From; J < From + Count && J < Args.size(); ++J)
      Spelling += (Spelling.empty() ? "" : " ") + Args[J];
    Dropped.push_back(Spelling);
  };
  for (size_t I = 0; I < Args.size();) {
    if (isDriverPluginArg(Args[I])) {
      Drop(I, 1);
      ++I;
      continue;
    }
    auto [Cc1Arg, Words] = forwardedToCc1(Args, I);
    Cc1PluginArg Kind = classifyCc1Arg(Cc1Arg);
    if (Kind == Cc1PluginArg::None) {
      Kept.push_back(Args[I]);
      ++I;
      continue;
    }
    size_t Total = Words;
    // The value is forwarded the same way as the option: `-Xclang -load
    // -Xclang x.so`, `-Xclang=-load -Xclang=x.so`, or `-load x.so` in a cc1
    // command.
    if (Kind == Cc1PluginArg::TakesValue && I + Words < Args.size())
      Total += forwardedToCc1(Args, I + Words).second;
    Drop(I, Total);
    I += Total;
  }
  return Kept;
}

} // namespace corolint
