#!/usr/bin/env python3
"""Helpers for cache.test.

  cache_entries.py damage ROUND DIR   damages the entries in DIR (ROUND 1:
                                      truncated, and one copied over the
                                      other; ROUND 2: emptied and garbage)
  cache_entries.py valid DIR          every entry is a whole JSON entry
  cache_entries.py status N -- CMD    runs CMD; fails unless it exits N
  cache_entries.py concurrent DIR COROLINT SRC -- FLAGS
                                      runs of corolint sharing DIR at once
"""
import glob
import json
import os
import shutil
import subprocess
import sys


def entries(directory):
    found = sorted(glob.glob(os.path.join(directory, "llvmcache-*")))
    return [e for e in found if not e.endswith(".timestamp")]


def damage(round_number, directory):
    found = entries(directory)
    assert len(found) >= 2, found
    first, second = found[0], found[1]
    if round_number == "1":
        original = open(first, "rb").read()
        with open(first, "wb") as out:
            out.write(original[: len(original) // 2])
        with open(second, "wb") as out:
            out.write(original)  # Whole, but another file's entry.
    else:
        open(first, "wb").close()
        with open(second, "wb") as out:
            out.write(bytes(range(256)) * 8)


def valid(directory):
    found = entries(directory)
    assert found, "no entries in %s" % directory
    for path in found:
        entry = json.load(open(path))
        assert entry["format"] == "corolint-cache-1", path
        assert os.path.basename(path) == "llvmcache-" + entry["key"], path
        assert entry["dependencies"], path
    leftovers = [p for p in os.listdir(directory)
                 if not p.startswith("llvmcache")]
    assert not leftovers, "temporary files left: %s" % leftovers


def status(expected, command):
    code = subprocess.call(command)
    if code != int(expected):
        sys.exit("exit status %d, expected %s: %s" % (code, expected,
                                                      " ".join(command)))


def concurrent(directory, corolint, source, flags):
    """Four runs at once over eight files, three times, the files edited
    between rounds so that entries are rewritten while others read them."""
    work = directory + ".src"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copy(os.path.join(source, "task.h"), work)
    session = open(os.path.join(source, "session.cpp")).read()
    files = ["session%d.cpp" % i for i in range(8)]
    for round_number in range(3):
        for i, name in enumerate(files):
            with open(os.path.join(work, name), "w") as out:
                out.write(session + "// round %d file %d\n" % (round_number, i))
        base = [corolint, "--format=json", "-j2"] + files + ["--"] + flags
        reference = subprocess.run(base[:1] + ["--no-cache"] + base[1:],
                                   cwd=work, capture_output=True, text=True)
        runs = [subprocess.Popen(base[:1] + ["--cache-dir=" + directory] +
                                 base[1:], cwd=work, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
                for _ in range(4)]
        want = strip_seconds(reference.stdout)
        for run in runs:
            got, _ = run.communicate()
            assert run.returncode == reference.returncode, run.returncode
            assert strip_seconds(got) == want, "round %d differs" % round_number
        valid(directory)
    print("concurrent: 3 rounds of 4 runs agree")


def strip_seconds(report):
    parsed = json.loads(report)
    parsed["summary"].pop("seconds")
    return parsed


def main(argv):
    if argv[1] == "damage":
        damage(argv[2], argv[3])
    elif argv[1] == "valid":
        valid(argv[2])
    elif argv[1] == "status":
        status(argv[2], argv[4:])
    elif argv[1] == "concurrent":
        concurrent(argv[2], argv[3], argv[4], argv[6:])
    else:
        sys.exit("unknown command " + argv[1])


if __name__ == "__main__":
    main(sys.argv)
