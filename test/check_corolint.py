#!/usr/bin/env python3
"""Runs one corolint check on a test file and verifies what it reports and
what its fixes produce, in the manner of clang-tidy's check_clang_tidy.py.

  check_corolint.py [options] <input.cpp> <check-name> <temp-base> [-- <compiler args>]

The input file carries the expectations as comments:
  // CHECK-MESSAGES: :[[@LINE+1]]:3: warning: ... [coro-blocking-call]
  // CHECK-FIXES: co_await sock.async_read_some(...)
Every warning corolint prints must be matched by a CHECK-MESSAGES line (no
unexpected findings), and when the test has CHECK-FIXES lines the fixed file
is checked with them and compiled with clang++-22 -fsyntax-only against the
same flags, because a fix-it that does not compile is a bug.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kw)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-check-suffix", "-check-suffixes", default="",
                        help="comma-separated suffixes: CHECK-MESSAGES-<S>")
    parser.add_argument("-config", default=None,
                        help="--config for corolint (YAML CheckOptions)")
    parser.add_argument("-no-compile", action="store_true",
                        help="do not compile the fixed file")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("temp")
    args, rest = parser.parse_known_args()
    compiler_args = rest[1:] if rest and rest[0] == "--" else rest

    corolint = os.environ.get("COROLINT", "corolint")
    filecheck = os.environ.get("FILECHECK", "FileCheck")
    clangxx = os.environ.get("CLANGXX", "clang++-22")

    with open(args.input, encoding="utf-8") as f:
        text = f.read()

    suffixes = [s for s in args.check_suffix.split(",") if s] or [""]
    msg_prefixes = ["CHECK-MESSAGES" + ("-" + s if s else "") for s in suffixes]
    fix_prefixes = ["CHECK-FIXES" + ("-" + s if s else "") for s in suffixes]
    has_messages = any(p + ":" in text for p in msg_prefixes)
    has_fixes = any(re.search(re.escape(p) + r"(-NOT)?:", text) for p in fix_prefixes)

    # Keep line numbers, but stop the expectations from matching themselves.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    ext = os.path.splitext(args.input)[1] or ".cpp"
    temp = args.temp + ext
    os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
    with open(temp, "w", encoding="utf-8") as f:
        f.write(cleaned)

    cmd = [corolint, "--checks=-*," + args.check, "--fix", temp]
    if args.config:
        cmd.insert(1, "--config=" + args.config)
    cmd += ["--"] + compiler_args
    result = run(cmd)
    output = result.stdout
    print("Running: " + " ".join(cmd))
    print("------------------------ corolint output ------------------------")
    print(output)
    if result.returncode not in (0, 1):
        sys.exit("corolint failed with exit status %d" % result.returncode)

    if has_messages:
        messages_file = args.temp + ".msg"
        with open(messages_file, "w", encoding="utf-8") as f:
            f.write(output)
        check = run([filecheck, "-input-file=" + messages_file, args.input,
                     "-check-prefixes=" + ",".join(msg_prefixes),
                     "-implicit-check-not={{warning|error}}:"])
        if check.returncode:
            print(check.stdout)
            sys.exit("CHECK-MESSAGES failed")
    elif re.search(r"(warning|error):", output):
        sys.exit("corolint reported findings but the test expects none")

    if has_fixes:
        check = run([filecheck, "-input-file=" + temp, args.input,
                     "-check-prefixes=" + ",".join(fix_prefixes),
                     "-strict-whitespace"])
        if check.returncode:
            print(check.stdout)
            sys.exit("CHECK-FIXES failed")
        if not args.no_compile:
            compiled = run([clangxx, "-fsyntax-only", temp] + compiler_args)
            if compiled.returncode:
                print(compiled.stdout)
                sys.exit("the fixed file does not compile")


if __name__ == "__main__":
    main()
