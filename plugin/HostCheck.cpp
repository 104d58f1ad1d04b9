//===--- HostCheck.cpp - Refuse to run inside the wrong clang-tidy --------===//
//
// The plugin binds its clang-tidy symbols to whatever clang-tidy loads it and
// brings LLVM 22's shared libraries along. Loaded into a clang-tidy of
// another version, the names still resolve (clang-tidy 14 even lists the
// coro-* checks) but against another ABI, and the process crashes later.
// This check runs while clang-tidy loads the plugin, before any check is
// created, and stops with one line that says what to run instead.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Path.h"
#include <link.h>
#include <string>
#include <unistd.h>

namespace {

// The sonames the plugin is linked against; CMake passes them.
constexpr llvm::StringLiteral OurLLVM = COROLINT_LLVM_SONAME;
constexpr llvm::StringLiteral OurClang = COROLINT_CLANG_SONAME;

// The first LLVM or Clang shared library in the process that is not ours.
int findForeignLLVM(dl_phdr_info *Info, size_t, void *Found) {
  llvm::StringRef Name =
      llvm::sys::path::filename(Info->dlpi_name ? Info->dlpi_name : "");
  if (!(Name.starts_with("libLLVM") || Name.starts_with("libclang-cpp")) ||
      Name == OurLLVM || Name == OurClang)
    return 0;
  *static_cast<std::string *>(Found) = Info->dlpi_name;
  return 1;
}

bool checkHost() {
  std::string Foreign;
  dl_iterate_phdr(findForeignLLVM, &Foreign);
  if (Foreign.empty())
    return true;
  std::string Message = "libcorolint-tidy.so: built for clang-tidy " +
                        std::to_string(LLVM_VERSION_MAJOR) +
                        ", but this clang-tidy uses " + Foreign +
                        "; run clang-tidy-" +
                        std::to_string(LLVM_VERSION_MAJOR) + " instead\n";
  // Two LLVMs are now loaded and the host is half initialised: leave
  // without running anyone's exit handlers.
  ssize_t Written = write(STDERR_FILENO, Message.data(), Message.size());
  (void)Written;
  _exit(2);
}

[[maybe_unused]] const bool HostIsCompatible = checkHost();

} // namespace
