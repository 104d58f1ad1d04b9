//===--- CorolintClangd.cpp - clangd with the corolint module built in ----===//
//
// corolint-clangd is the unmodified clangd of the installed Clang, linked
// together with the corolint clang-tidy module. clangd runs every module in
// ClangTidyModuleRegistry, so the coro-* checks publish diagnostics and
// quick fixes like clangd's own clang-tidy checks once a .clangd enables
// them (see docs/editors.md).
//
//===----------------------------------------------------------------------===//

namespace clang {
namespace clangd {
// libclangdMain.a exports the entry point of the clangd tool, but Clang
// ships no header for it.
int clangdMain(int argc, char *argv[]);
} // namespace clangd
} // namespace clang

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
