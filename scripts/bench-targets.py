#!/usr/bin/env python3
"""The performance targets of docs/performance.md, measured in one go.

  scripts/bench.sh --targets [--runs N] [--set asio|boost|both]

For each set of files:
  wall    corolint (every default check, no cache) against
          `clang++-22 -fsyntax-only`, one process per file, the two run as a
          pair (alternating which goes first); the ratio of the set's total
          wall time, median over N pairs (target <= 1.05)
  rss     peak resident memory of each corolint process against the parse
          of the same file, the largest ratio over the set (target <= 1.10)
  -j2     one corolint -j1 run over the whole set against one -j2 run:
          throughput ratio, median over N (target >= 1.8 on 2 cores)
  cache   a cold run into an empty cache against --no-cache (target: costs
          <= 2%), and an unchanged rerun against the cold run (target
          <= 5%), median over N
  index   the project index over a compile database of the set, CPU time
          (user+sys) against the analysis of the set: `corolint index`
          (target <= 1.0), the analysis reading the index with --index
          (target: adds < 2%), and --whole-program; median over N
          (--only-index runs this row alone)

Sets: asio = asio 1.22's C++20 coroutine examples and examples/kvstore
(9 files); boost = the same asio examples rewritten to Boost.Asio 1.81
(heavier headers). Exit 0 always: the figures are for reading, not a test.
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = "/usr/share/doc/libasio-dev/examples/cpp17/coroutines_ts"
ASIO_FLAGS = ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1",
              "-DASIO_HAS_STD_COROUTINE=1", "-pthread"]
BOOST_FLAGS = ["-std=c++20", "-pthread"]


def measure(command, cwd=None):
    """(wall seconds, peak RSS in KiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # corolint exits 1 when it has findings.
        sys.exit("bench: %s exited %d" % (" ".join(command), code))
    return wall, usage.ru_maxrss


def boost_set(work):
    """asio's examples on Boost.Asio: the same code, heavier headers."""
    out = os.path.join(work, "boost")
    os.makedirs(out, exist_ok=True)
    files = []
    for path in sorted(glob.glob(os.path.join(EXAMPLES, "*.cpp"))):
        text = open(path).read()
        text = re.sub(r"#include <asio(.*)>", r"#include <boost/asio\1>", text)
        text = re.sub(r"\basio::", "boost::asio::", text)
        text = text.replace("boost::asio::error_code",
                            "boost::system::error_code")
        target = os.path.join(out, os.path.basename(path))
        with open(target, "w") as f:
            f.write(text)
        files.append(target)
    return files


def cpu_seconds(command, cwd=None):
    """User + system CPU seconds of one process."""
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("bench: %s exited %d" % (" ".join(command), code))
    return usage.ru_utime + usage.ru_stime


def run_index(name, files, flags, corolint, runs, work):
    """The project index's costs, on a compile database of the set."""
    db = tempfile.mkdtemp(dir=work)
    with open(os.path.join(db, "compile_commands.json"), "w") as out:
        json.dump([{"directory": os.path.dirname(f), "file": f,
                    "arguments": ["clang++-22"] + flags + ["-c", f]}
                   for f in files], out)
    index = os.path.join(db, "corolint.index")
    base = [corolint, "--no-cache", "-j1", "-p", db]
    build, read, whole = [], [], []
    for _ in range(runs):
        if os.path.exists(index):
            os.remove(index)
        analysis = cpu_seconds(base)
        build.append(cpu_seconds([corolint, "index", "-j1", "--quiet",
                                  "-p", db, "-o", index]) / analysis)
        read.append(cpu_seconds(base + ["--index", index]) / analysis - 1)
        whole.append(cpu_seconds(base + ["--whole-program"]) / analysis)
    print("index  (%s, CPU) building it: %.3f of the analysis (%s); "
          "reading it adds %+.1f%% (%s); --whole-program: %.3f of the "
          "analysis (%s)" %
          (name, statistics.median(build),
           " ".join("%.3f" % x for x in build),
           100 * statistics.median(read),
           " ".join("%+.1f%%" % (100 * x) for x in read),
           statistics.median(whole), " ".join("%.3f" % x for x in whole)))


def run_set(name, files, flags, corolint, clangxx, runs, work):
    print("== set %s: %d files, %d runs, load %s" %
          (name, len(files), runs, open("/proc/loadavg").read().split()[0]))
    corolint_file = lambda f: [corolint, "--no-cache", f, "--"] + flags
    clang_file = lambda f: [clangxx, "-fsyntax-only"] + flags + [f]
    # Warm the page cache and clang's module-free header reads once.
    for f in files:
        measure(clang_file(f))
    ratios, rss = [], {}
    for r in range(runs):
        total_clang = total_corolint = 0.0
        for f in files:
            pair = [("clang", clang_file(f)), ("corolint", corolint_file(f))]
            if r % 2:
                pair.reverse()
            for who, command in pair:
                wall, peak = measure(command)
                if who == "clang":
                    total_clang += wall
                else:
                    total_corolint += wall
                rss.setdefault(f, {}).setdefault(who, []).append(peak)
        ratios.append(total_corolint / total_clang)
    rss_ratios = {f: max(v["corolint"]) / max(v["clang"])
                  for f, v in rss.items()}
    worst = max(rss_ratios, key=rss_ratios.get)
    print("wall   corolint/clang -fsyntax-only: median %.3f (pairs: %s)" %
          (statistics.median(ratios), " ".join("%.3f" % x for x in ratios)))
    print("rss    corolint/clang: max %.3f (%s: %d vs %d MiB), median %.3f" %
          (rss_ratios[worst], os.path.basename(worst),
           max(rss[worst]["corolint"]) // 1024,
           max(rss[worst]["clang"]) // 1024,
           statistics.median(rss_ratios.values())))

    all_files = lambda extra: [corolint] + extra + files + ["--"] + flags
    scaling = []
    for _ in range(runs):
        one, _ = measure(all_files(["--no-cache", "-j1"]))
        two, _ = measure(all_files(["--no-cache", "-j2"]))
        scaling.append(one / two)
    print("-j2    throughput over -j1: median %.2fx (%s)" %
          (statistics.median(scaling), " ".join("%.2f" % x for x in scaling)))

    cold_cost, warm_share = [], []
    for _ in range(runs):
        cache = tempfile.mkdtemp(dir=work)
        uncached, _ = measure(all_files(["--no-cache", "-j1"]))
        cold, _ = measure(all_files(["--cache-dir=" + cache, "-j1"]))
        warm, _ = measure(all_files(["--cache-dir=" + cache, "-j1"]))
        cold_cost.append(cold / uncached - 1)
        warm_share.append(warm / cold)
        shutil.rmtree(cache)
    print("cache  cold run costs %+.1f%% (%s); unchanged rerun takes %.1f%% "
          "of the cold run (%s)" %
          (100 * statistics.median(cold_cost),
           " ".join("%+.1f%%" % (100 * x) for x in cold_cost),
           100 * statistics.median(warm_share),
           " ".join("%.1f%%" % (100 * x) for x in warm_share)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--set", choices=["asio", "boost", "both"],
                        default="both")
    parser.add_argument("--only-index", action="store_true")
    parser.add_argument("--build", default=os.environ.get(
        "BUILD_DIR", os.path.join(ROOT, "build")))
    args = parser.parse_args()
    corolint = os.path.join(args.build, "bin", "corolint")
    clangxx = shutil.which("clang++-22")
    if not os.access(corolint, os.X_OK) or not clangxx:
        sys.exit("bench: needs %s and clang++-22" % corolint)
    print("%d cores; corolint %s" % (os.cpu_count(), corolint))
    work = tempfile.mkdtemp(prefix="corolint-bench-")
    try:
        if args.set in ("asio", "both"):
            files = sorted(glob.glob(os.path.join(EXAMPLES, "*.cpp"))) + [
                os.path.join(ROOT, "examples/kvstore/server.cpp"),
                os.path.join(ROOT, "examples/kvstore/replication.cpp")]
            if not args.only_index:
                run_set("asio", files, ASIO_FLAGS, corolint, clangxx,
                        args.runs, work)
            run_index("asio", files, ASIO_FLAGS, corolint, args.runs, work)
        if args.set in ("boost", "both"):
            boost = boost_set(work)
            if not args.only_index:
                run_set("boost", boost, BOOST_FLAGS, corolint, clangxx,
                        args.runs, work)
            run_index("boost", boost, BOOST_FLAGS, corolint, args.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
