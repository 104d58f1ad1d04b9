#!/usr/bin/env python3
"""Races against `corolint --fix`, for test/tool/fix-*.test.

    fix_race.py concurrent <corolint> <source.cpp> <workdir> <seconds>
    fix_race.py editor     <corolint> <source.cpp> <workdir> <seconds>
    fix_race.py signals    <corolint> <source.cpp> <workdir> <seconds> <files>

Each scenario repeats until the time is up (at least twice, at most a fixed
number of rounds) and checks every outcome: a file ends as it was, as the
editor saved it, or correctly fixed, never anything else; a run that refuses
exits 2 with a message; no temporary file is ever left behind. The random
seed is printed, and COROLINT_RACE_SEED replays one.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

FLAGS = ["--", "-std=c++20"]
REFUSED = "no fix applied"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def start(corolint, files, env=None):
    return subprocess.Popen([corolint, "--fix", "--quiet"] + files + FLAGS,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env)


def leftovers(directory):
    return [n for n in os.listdir(directory)
            if ".corolint-" in n or ".temp-stream-" in n]


def fixed_version(corolint, data, workdir, name="reference.cpp"):
    """What one undisturbed run makes of data, and how long it takes."""
    reference = os.path.join(workdir, "reference")
    os.makedirs(reference, exist_ok=True)
    path = os.path.join(reference, name)
    write(path, data)
    began = time.monotonic()
    run = start(corolint, [path])
    _, err = run.communicate()
    if run.returncode != 1:
        fail("reference run exited %d: %s" % (run.returncode, err.decode()))
    fixed = read(path)
    if fixed == data:
        fail("the reference run fixed nothing")
    return fixed, time.monotonic() - began


def rounds(seconds, most):
    deadline = time.monotonic() + seconds
    n = 0
    while n < 2 or (n < most and time.monotonic() < deadline):
        yield n
        n += 1


def concurrent(corolint, source, workdir, seconds):
    """Two runs on one file, started together or a little apart."""
    original = read(source)
    fixed, _ = fixed_version(corolint, original, workdir)
    target = os.path.join(workdir, "shared.cpp")
    outcomes = {}
    for n in rounds(seconds, 40):
        write(target, original)
        first = start(corolint, [target])
        time.sleep(random.uniform(0, 0.2))
        second = start(corolint, [target])
        results = [(r.wait(), r.stderr.read().decode()) for r in (first, second)]
        content = read(target)
        if content != fixed:
            fail("round %d: the file is not the correctly fixed file:\n%s"
                 % (n, content.decode(errors="replace")))
        codes = sorted(code for code, _ in results)
        if codes == [1, 1]:
            fail("round %d: both runs applied their fix" % n)
        for code, err in results:
            if code not in (0, 1, 2):
                fail("round %d: exit %d: %s" % (n, code, err))
            if code == 2 and REFUSED not in err:
                fail("round %d: refused without saying so: %r" % (n, err))
        if leftovers(workdir):
            fail("round %d: left behind %s" % (n, leftovers(workdir)))
        outcomes[tuple(codes)] = outcomes.get(tuple(codes), 0) + 1
    print("concurrent: ok, exit statuses %s" % outcomes)


def editor(corolint, source, workdir, seconds):
    """An editor saves the file (temporary file, then rename over it) while
    corolint analyses it; the save shifts every offset."""
    original = read(source)
    edited = b"// Saved by an editor while corolint was running.\n" + original
    fixed_edited, duration = fixed_version(corolint, edited, workdir)
    target = os.path.join(workdir, "edited.cpp")
    outcomes = {"refused": 0, "fixed the saved file": 0,
                "saved after the fix": 0}
    for n in rounds(seconds, 60):
        write(target, original)
        run = start(corolint, [target])
        time.sleep(random.uniform(0, duration * 1.2))
        write(target + ".swp", edited)
        os.replace(target + ".swp", target)
        code = run.wait()
        err = run.stderr.read().decode()
        content = read(target)
        if code == 2:
            if REFUSED not in err or content != edited:
                fail("round %d: refused, but the file is not the saved one "
                     "or no message: %r" % (n, err))
            outcomes["refused"] += 1
        elif code == 1 and content == fixed_edited:
            outcomes["fixed the saved file"] += 1
        elif code == 1 and content == edited:
            outcomes["saved after the fix"] += 1
        else:
            fail("round %d: exit %d and the file is damaged:\n%s\n%s"
                 % (n, code, err, content.decode(errors="replace")))
        if leftovers(workdir):
            fail("round %d: left behind %s" % (n, leftovers(workdir)))
    print("editor: ok, %s" % outcomes)


def signals(corolint, source, workdir, seconds, count):
    """SIGTERM or SIGINT at a random point of a multi-file fix: every file
    fixed, or none."""
    original = read(source)
    fixed, _ = fixed_version(corolint, original, workdir)
    directory = os.path.join(workdir, "many")
    os.makedirs(directory, exist_ok=True)
    files = [os.path.join(directory, "f%02d.cpp" % i) for i in range(count)]
    env = dict(os.environ)
    # Stretches the writing phase so that signals land in it too.
    env["COROLINT_TEST_FIX_PAUSE_MS"] = "5"
    for f in files:
        write(f, original)
    began = time.monotonic()
    run = start(corolint, files, env)
    run.communicate()
    duration = time.monotonic() - began
    if run.returncode != 1 or any(read(f) != fixed for f in files):
        fail("the undisturbed run did not fix every file")
    outcomes = {}
    for n in rounds(seconds, 30):
        for f in files:
            write(f, original)
        run = start(corolint, files, env)
        if n % 2:
            time.sleep(random.uniform(0, duration))
        else:
            # Aim at the writing phase: once the first temporary file shows.
            while run.poll() is None and not leftovers(directory):
                time.sleep(0.001)
            time.sleep(random.uniform(0, 0.4))
        sig = random.choice([signal.SIGTERM, signal.SIGINT])
        run.send_signal(sig)
        run.wait()
        states = set()
        for f in files:
            content = read(f)
            states.add("fixed" if content == fixed else
                       "original" if content == original else "damaged")
        if len(states) != 1 or "damaged" in states:
            fail("round %d (%s): files ended %s" % (n, sig.name,
                                                    sorted(states)))
        if leftovers(directory):
            fail("round %d (%s): left behind %s"
                 % (n, sig.name, leftovers(directory)))
        key = "all %s" % states.pop()
        outcomes[key] = outcomes.get(key, 0) + 1
    print("signals: ok, %s" % outcomes)


def main():
    seed = int(os.environ.get("COROLINT_RACE_SEED", random.randrange(1 << 30)))
    random.seed(seed)
    print("seed %d" % seed)
    scenario, corolint, source, workdir, seconds = sys.argv[1:6]
    os.makedirs(workdir, exist_ok=True)
    if scenario == "concurrent":
        concurrent(corolint, source, workdir, float(seconds))
    elif scenario == "editor":
        editor(corolint, source, workdir, float(seconds))
    elif scenario == "signals":
        signals(corolint, source, workdir, float(seconds), int(sys.argv[6]))
    else:
        fail("unknown scenario " + scenario)


if __name__ == "__main__":
    main()
