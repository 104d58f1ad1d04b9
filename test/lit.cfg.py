# -*- Python -*- lit configuration for corolint.
import os
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
config.substitutions.append(("%corolint", os.path.join(bin_dir, "corolint")))
config.substitutions.append(("%std_flags", std_flags))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%clangxx", os.path.join(config.llvm_tools_dir, "clang++")))
# Debian's stock clang-tidy-22, which the plugin must load into unchanged.
config.substitutions.append(("%clang_tidy", os.path.join(config.llvm_tools_dir, "clang-tidy")))
config.substitutions.append(("%libdir", lib_dir))
config.substitutions.append(("%src_root", config.corolint_src_root))

config.environment["COROLINT"] = os.path.join(bin_dir, "corolint")
config.environment["FILECHECK"] = os.path.join(config.llvm_tools_dir, "FileCheck")
config.environment["CLANGXX"] = os.path.join(config.llvm_tools_dir, "clang++")
config.substitutions.append(
    ("%check_corolint",
     "%s %s" % (sys.executable,
                os.path.join(config.test_source_root, "check_corolint.py"))))
