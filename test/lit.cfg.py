# -*- Python -*- lit configuration for corolint.
import os
import shutil
import sys
import lit.formats

config.name = "corolint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.corolint_obj_root, "test")

bin_dir = os.path.join(config.corolint_obj_root, "bin")
lib_dir = os.path.join(config.corolint_obj_root, "lib")
config.environment["PATH"] = os.pathsep.join(
    [bin_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])

inputs = os.path.join(config.test_source_root, "Inputs")
# Flags every test compiles with: C++20 and asio's coroutine support, which
# asio 1.22 hides from clang unless asked.
std_flags = "-std=c++20 -DASIO_HAS_CO_AWAIT=1 -DASIO_HAS_STD_COROUTINE=1"
# Substitutions apply in order: a name before any name it is a prefix of.
config.substitutions.append(("%corolint_clangd", os.path.join(bin_dir, "corolint-clangd")))
config.substitutions.append(("%corolint", os.path.join(bin_dir, "corolint")))
config.substitutions.append(("%std_flags", std_flags))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%clangxx", os.path.join(config.llvm_tools_dir, "clang++")))
# Debian's stock clang-tidy-22, which the plugin must load into unchanged.
config.substitutions.append(("%clang_tidy", os.path.join(config.llvm_tools_dir, "clang-tidy")))
config.substitutions.append(("%libdir", lib_dir))
config.substitutions.append(("%python", sys.executable))
# A clang-tidy of another LLVM version, into which the plugin must refuse to
# load (Debian 12 has clang-tidy-14 as its default).
for version in range(30, 9, -1):
    other = shutil.which("clang-tidy-%d" % version)
    if version != 22 and other:
        config.available_features.add("other-clang-tidy")
        config.substitutions.append(("%other_clang_tidy", other))
        break
config.substitutions.append(("%src_root", config.corolint_src_root))
config.substitutions.append(("%obj_root", config.corolint_obj_root))

# The public coroutine code bases of the ecosystem sweep, beside the checkout
# (CI has them; a fresh clone elsewhere may not).
realworld = os.path.join(os.path.dirname(config.corolint_src_root), "shared",
                         "realworld")
if os.path.isfile(os.path.join(realworld, "repos.tsv")):
    config.available_features.add("realworld")
    config.substitutions.append(("%realworld", realworld))

# corolint-clangd in a real LSP client: Neovim's built-in one (0.7+).
if shutil.which("nvim"):
    config.available_features.add("nvim")
    # Hermetic: no user or system config of Neovim or clangd, no shada, and
    # a hard timeout so that a hung session fails instead of blocking CI.
    xdg = " ".join("XDG_%s_HOME=%%t.xdg/%s" % (kind, kind.lower())
                   for kind in ("CONFIG", "CACHE", "DATA", "STATE"))
    config.substitutions.append(
        ("%nvim_lsp_quickfix",
         "env COROLINT_CLANGD=%s %s timeout 120 nvim --headless -n -i NONE "
         "--noplugin -u %s" % (os.path.join(bin_dir, "corolint-clangd"), xdg,
                               os.path.join(config.test_source_root, "frontends",
                                            "Inputs", "lsp-quickfix.lua"))))

# A real CMake + Ninja build with corolint as CMAKE_CXX_CLANG_TIDY.
if shutil.which("cmake") and shutil.which("ninja"):
    config.available_features.add("cmake-ninja")
    config.substitutions.append(("%cmake", shutil.which("cmake")))

# The repository's pre-commit hooks, run by pre-commit (Debian's package).
if shutil.which("pre-commit") and shutil.which("git"):
    config.available_features.add("pre-commit")

# bazel/corolint.bzl with Debian's bazel-bootstrap (install-deps.sh --bazel).
if shutil.which("bazel"):
    config.available_features.add("bazel")
# Tests of file ownership need to chown.
if hasattr(os, "geteuid") and os.geteuid() == 0:
    config.available_features.add("root")

if shutil.which("script"):
    config.available_features.add("script")

# Microsoft's SARIF validator, installed by scripts/install-deps.sh with
# `npm install --prefix /opt/corolint-tools @microsoft/sarif-multitool`. The
# npm package wraps a native binary, which is what the tests run.
import glob
sarif_multitool = sorted(glob.glob(
    "/opt/corolint-tools/node_modules/@microsoft/sarif-multitool-linux*/Sarif.Multitool"))
if sarif_multitool and os.access(sarif_multitool[0], os.X_OK):
    config.available_features.add("sarif-multitool")
    config.substitutions.append(("%sarif_multitool", sarif_multitool[0]))

# The result cache is on by default: the tests keep theirs in the build
# tree, fresh for every run of the suite, never in the user's home.
test_cache_home = os.path.join(config.test_exec_root, "xdg-cache-home")
shutil.rmtree(test_cache_home, ignore_errors=True)
config.environment["XDG_CACHE_HOME"] = test_cache_home
config.environment["COROLINT"] = os.path.join(bin_dir, "corolint")
config.environment["FILECHECK"] = os.path.join(config.llvm_tools_dir, "FileCheck")
config.environment["CLANGXX"] = os.path.join(config.llvm_tools_dir, "clang++")
config.substitutions.append(
    ("%check_corolint",
     "%s %s" % (sys.executable,
                os.path.join(config.test_source_root, "check_corolint.py"))))
