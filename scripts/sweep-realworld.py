#!/usr/bin/env python3
"""corolint's ecosystem check: every finding on real public code, pinned.

Runs build/bin/corolint over every translation unit of the public coroutine
code bases in ../shared/realworld (snapshots, flags, TU lists), deduplicates
the findings by location and compares them with test/realworld/findings.tsv,
where each finding carries a verdict (TRUE, DEB or FP) and a one-line reason a
reviewer can check against the code. Prints what appeared, what disappeared,
whose message changed, and precision per check and per code base.

It fails (exit 1) on a finding that is not pinned, a pinned finding that is
gone, a changed message, a pin without a verdict, a crash, or a TU that
`clang++-22 -fsyntax-only` parses but corolint does not. Exit 2 on bad usage
or missing inputs.

  scripts/sweep-realworld.py                 # compare with the pins
  scripts/sweep-realworld.py --only libcoro  # one code base (others not compared)
  scripts/sweep-realworld.py --update        # rewrite the pins: verdicts kept,
                                             # new findings marked NEW (to judge)
"""

import argparse
import collections
import csv
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERDICTS = ("TRUE", "DEB", "FP")
PIN_FIELDS = ("repo", "path", "line", "col", "check", "verdict", "reason",
              "message")


def fail_usage(message):
    print("sweep-realworld: error: %s" % message, file=sys.stderr)
    sys.exit(2)


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def extract_snapshots(shared, work):
    """Extracts every snapshot once; a changed snapshot is extracted again."""
    snapshots = os.path.join(shared, "snapshots")
    digest = hashlib.sha256()
    for name in sorted(os.listdir(snapshots)):
        st = os.stat(os.path.join(snapshots, name))
        digest.update(("%s %d %d\n" % (name, st.st_size, st.st_mtime)).encode())
    stamp = os.path.join(work, ".stamp")
    if os.path.exists(stamp) and open(stamp).read() == digest.hexdigest():
        return
    print("sweep: extracting snapshots into %s" % work, flush=True)
    os.makedirs(work, exist_ok=True)
    for name in sorted(os.listdir(snapshots)):
        if name.endswith(".tar.xz"):
            with tarfile.open(os.path.join(snapshots, name)) as tar:
                # filter= exists from Python 3.11.4 (Debian 12 has 3.11.2).
                if hasattr(tarfile, "data_filter"):
                    tar.extractall(work, filter="data")
                else:
                    tar.extractall(work)
    with open(stamp, "w") as f:
        f.write(digest.hexdigest())


def relative_to(path, base):
    path = os.path.realpath(path)
    rel = os.path.relpath(path, base)
    return path if rel.startswith("..") else rel


def run_corolint(corolint, folder, tus, flags, jobs):
    """One corolint run over a code base: headers are then reported once."""
    # --no-cache: the safety net analyses every file, whatever a cache holds.
    command = [corolint, "--format=json", "--quiet", "--no-cache",
               "--jobs=%d" % jobs] + \
        tus + ["--"] + flags
    proc = subprocess.run(command, cwd=folder, capture_output=True, text=True,
                          errors="replace")
    return proc


def compiler_parses(clangxx, folder, tu, flags):
    proc = subprocess.run([clangxx, "-fsyntax-only"] + flags + [tu],
                          cwd=folder, capture_output=True)
    return proc.returncode == 0


def sweep_repo(args, work, repo, flags, tus):
    """Returns (findings by key, problems) for one code base."""
    folder = os.path.join(work, repo["dir"])
    problems = []
    proc = run_corolint(args.corolint, folder, tus, flags, args.jobs)
    if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
        # A crash takes the whole process: find the TUs that crash alone.
        crashed = []
        for tu in tus:
            one = run_corolint(args.corolint, folder, [tu], flags, 1)
            if one.returncode not in (0, 1, 2):
                crashed.append(tu)
                tail = one.stderr.strip().splitlines()[-3:]
                problems.append("CRASH %s/%s (exit %d): %s" %
                                (repo["name"], tu, one.returncode,
                                 " | ".join(tail)))
        tus = [tu for tu in tus if tu not in crashed]
        if not tus:
            return {}, problems
        proc = run_corolint(args.corolint, folder, tus, flags, args.jobs)
        if proc.returncode not in (0, 1, 2):
            problems.append("CRASH %s: corolint exit %d on the remaining TUs" %
                            (repo["name"], proc.returncode))
            return {}, problems
    report = json.loads(proc.stdout)
    if report["summary"]["files_with_errors"]:
        # corolint did not analyse some TU: a regression only if the compiler
        # itself parses it.
        for tu in tus:
            if tu in proc.stderr and compiler_parses(args.clangxx, folder, tu,
                                                     flags):
                line = next(l for l in proc.stderr.splitlines() if tu in l)
                problems.append("NOT PARSED %s/%s (clang++ parses it): %s" %
                                (repo["name"], tu, line))
    findings = {}
    for f in report["findings"]:
        key = (repo["name"], relative_to(f["file"], folder), str(f["line"]),
               str(f["column"]), f["check"])
        # One finding per defect: the same place reported twice (once per
        # template instantiation, once per including TU) is a bug.
        if key in findings:
            problems.append("DUPLICATE %s %s:%s:%s [%s]: %r and %r" %
                            (key + (findings[key], f["message"])))
        findings[key] = f["message"]
    return findings, problems


def precision_table(pins, title_field):
    """Rows of TRUE/DEB/FP counts grouped by `title_field`, plus a total."""
    counts = collections.defaultdict(collections.Counter)
    for pin in pins:
        counts[pin[title_field]][pin["verdict"]] += 1
        counts["all"][pin["verdict"]] += 1
    lines = ["%-22s %5s %5s %5s %5s %9s" % (title_field, "TRUE", "DEB", "FP",
                                            "other", "precision")]
    for name in sorted(counts, key=lambda n: (n == "all", n)):
        c = counts[name]
        total = sum(c.values())
        good = c["TRUE"] + c["DEB"]
        other = total - good - c["FP"]
        lines.append("%-22s %5d %5d %5d %5d %8.0f%%" %
                     (name, c["TRUE"], c["DEB"], c["FP"], other,
                      100.0 * good / total if total else 100.0))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.path.join(
        os.path.dirname(ROOT), "shared", "realworld"),
        help="the real-world set (default: ../shared/realworld)")
    build = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
    parser.add_argument("--work", default=os.path.join(build, "realworld"),
                        help="where the snapshots are extracted")
    parser.add_argument("--corolint", default=os.path.join(build, "bin",
                                                           "corolint"))
    parser.add_argument("--clangxx", default="clang++-22")
    parser.add_argument("--pins", default=os.path.join(
        ROOT, "test", "realworld", "findings.tsv"))
    parser.add_argument("--only", action="append", default=[],
                        help="sweep only this code base (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--update", action="store_true",
                        help="rewrite the pins from this sweep, keeping verdicts")
    args = parser.parse_args()

    for path in (args.shared, os.path.join(args.shared, "repos.tsv")):
        if not os.path.exists(path):
            fail_usage("%s: no such file or directory" % path)
    if not os.access(args.corolint, os.X_OK):
        fail_usage("%s: not built (run ./scripts/build.sh)" % args.corolint)
    repos = read_tsv(os.path.join(args.shared, "repos.tsv"))
    known = {r["name"] for r in repos}
    for name in args.only:
        if name not in known:
            fail_usage("--only %s: not in repos.tsv (%s)" %
                       (name, ", ".join(sorted(known))))
    if args.only:
        repos = [r for r in repos if r["name"] in args.only]
    extract_snapshots(args.shared, args.work)

    started = time.time()
    found, problems = {}, []
    for index, repo in enumerate(repos, 1):
        with open(os.path.join(args.shared, "tus", repo["name"] + ".txt")) as f:
            tus = [line.strip() for line in f if line.strip()]
        t0 = time.time()
        findings, repo_problems = sweep_repo(args, args.work, repo,
                                             repo["flags"].split(), tus)
        found.update(findings)
        problems += repo_problems
        print("sweep: [%d/%d] %s: %d TUs, %d findings, %.0fs" %
              (index, len(repos), repo["name"], len(tus), len(findings),
               time.time() - t0), flush=True)

    swept = {r["name"] for r in repos}
    pins = read_tsv(args.pins) if os.path.exists(args.pins) else []
    others = [p for p in pins if p["repo"] not in swept]
    pinned = {(p["repo"], p["path"], p["line"], p["col"], p["check"]): p
              for p in pins if p["repo"] in swept}

    appeared = sorted(set(found) - set(pinned))
    gone = sorted(set(pinned) - set(found))
    changed = sorted(k for k in set(found) & set(pinned)
                     if found[k] != pinned[k]["message"])
    unjudged = sorted(k for k in set(found) & set(pinned)
                      if pinned[k]["verdict"] not in VERDICTS)

    for key in appeared:
        print("APPEARED  %s %s:%s:%s [%s] %s" % (key[0], key[1], key[2],
                                                 key[3], key[4], found[key]))
    for key in gone:
        p = pinned[key]
        print("GONE      %s %s:%s:%s [%s] was %s: %s" %
              (key[0], key[1], key[2], key[3], key[4], p["verdict"],
               p["reason"]))
    for key in changed:
        print("CHANGED   %s %s:%s:%s [%s]\n    was: %s\n    now: %s" %
              (key[0], key[1], key[2], key[3], key[4],
               pinned[key]["message"], found[key]))
    for key in unjudged:
        print("UNJUDGED  %s %s:%s:%s [%s] verdict %r" %
              (key[0], key[1], key[2], key[3], key[4],
               pinned[key]["verdict"]))
    for problem in problems:
        print(problem)

    current = []
    for key in sorted(found):
        old = pinned.get(key)
        current.append(dict(zip(PIN_FIELDS, key + (
            old["verdict"] if old else "NEW",
            old["reason"] if old else "",
            found[key]))))
    judged = [p for p in current if p["verdict"] in VERDICTS]
    print()
    print(precision_table(judged, "check"))
    print()
    print(precision_table(judged, "repo"))
    print()
    print("sweep: %d findings (%d appeared, %d gone, %d changed, %d unjudged), "
          "%d problems, %.0fs" % (len(found), len(appeared), len(gone),
                                  len(changed), len(unjudged), len(problems),
                                  time.time() - started))

    if args.update:
        rows = sorted(current + others,
                      key=lambda p: (p["repo"], p["path"], int(p["line"]),
                                     int(p["col"]), p["check"]))
        os.makedirs(os.path.dirname(args.pins), exist_ok=True)
        with open(args.pins + ".tmp", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, PIN_FIELDS, delimiter="\t",
                                    quoting=csv.QUOTE_NONE, escapechar="\\",
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(args.pins + ".tmp", args.pins)
        print("sweep: wrote %s" % args.pins)
        return 1 if problems else 0
    return 1 if appeared or gone or changed or unjudged or problems else 0


if __name__ == "__main__":
    sys.exit(main())
