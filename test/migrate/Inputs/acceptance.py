#!/usr/bin/env python3
"""The acceptance test of `corolint migrate` (docs/migrate.md): real programs.

For each program: copy it, plan and apply its migration with no manual edit,
check that migrating again changes nothing and that corolint's checks find
nothing on the leaves that were migrated, compile and link the original and
the migrated program with clang++-22, and run both against their peer over
loopback (the migrated server against the original client and the reverse),
comparing the bytes exchanged with those of the two originals.

Prints one line per program:
  <name>: planned=<n> migrated=<yes|no> idempotent=<yes|no> clean=<yes|no>
          compiles=<yes|no> same=<yes|no|n/a>
or, for a program the plan refuses or finds nothing in:
  <name>: planned=0 reason=<the plan's reason>
and the plan, the diff and every mismatch under --verbose.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

FLAGS = ["-std=c++20", "-DASIO_HAS_CO_AWAIT=1", "-DASIO_HAS_STD_COROUTINE=1"]

# name: (sources relative to the examples or inputs root, root, scenario,
#        the role's peer program)
PROGRAMS = {
    "blocking_tcp_echo_server": (["cpp11/echo/blocking_tcp_echo_server.cpp"],
                                 "examples", "tcp_echo_server",
                                 "blocking_tcp_echo_client"),
    "blocking_tcp_echo_client": (["cpp11/echo/blocking_tcp_echo_client.cpp"],
                                 "examples", "tcp_echo_client",
                                 "blocking_tcp_echo_server"),
    "blocking_udp_echo_server": (["cpp11/echo/blocking_udp_echo_server.cpp"],
                                 "examples", "udp_echo_server",
                                 "blocking_udp_echo_client"),
    "blocking_udp_echo_client": (["cpp11/echo/blocking_udp_echo_client.cpp"],
                                 "examples", "udp_echo_client",
                                 "blocking_udp_echo_server"),
    "sync_client": (["cpp03/http/client/sync_client.cpp"], "examples",
                    "http_client", None),
    "blocking_tcp_client": (["cpp11/timeouts/blocking_tcp_client.cpp"],
                            "examples", None, None),
    "iostreams_http_client": (["cpp11/iostreams/http_client.cpp"], "examples",
                              None, None),
    "multicast_receiver": (["cpp11/multicast/receiver.cpp"], "examples", None,
                           None),
    "multicast_sender": (["cpp11/multicast/sender.cpp"], "examples", None,
                         None),
    "userservice": (["userservice/handler.cpp", "userservice/repository.cpp",
                     "userservice/peer.cpp", "userservice/service.h"],
                    "inputs", "userservice", None),
    "inventory": (["inventory/server.cpp", "inventory/stock.cpp",
                   "inventory/supplier.cpp", "inventory/inventory.h"],
                  "inputs", "inventory", None),
}


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Server:
    """A program run in the background until the scenario ends."""

    def __init__(self, args):
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)

    def stop(self):
        self.proc.kill()
        out, err = self.proc.communicate()
        return out + err


class LinePeer(threading.Thread):
    """A TCP peer answering one line per connection, recording what it got."""

    def __init__(self, answer):
        super().__init__(daemon=True)
        self.answer = answer
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.received = []
        self.start()

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while not data.endswith(b"\n"):
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                self.received.append(data.decode())
                conn.sendall(self.answer(data.decode().strip()).encode())

    def close(self):
        self.sock.close()


def converse(port, lines):
    """Sends each line on one connection, reading one reply line after it."""
    replies = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        f = s.makefile("rwb")
        for line in lines:
            f.write(line.encode())
            f.flush()
            replies.append(f.readline().decode())
    return replies


def scenario_tcp_echo(server, client):
    port = free_port()
    srv = Server([server, str(port)])
    try:
        if not wait_listening(port):
            return ["server did not listen"]
        messages = ["hello", "a longer line of text", "x" * 300]
        results = [None] * len(messages)

        def one(i):
            p = run([client, "127.0.0.1", str(port)], input=messages[i] + "\n",
                    timeout=20)
            results[i] = (p.returncode, p.stdout)

        threads = [threading.Thread(target=one, args=(i,))
                   for i in range(len(messages))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results
    finally:
        srv.stop()


def scenario_udp_echo(server, client):
    port = free_port(socket.SOCK_DGRAM)
    srv = Server([server, str(port)])
    try:
        time.sleep(0.5)  # UDP: nothing to connect to first.
        results = []
        for message in ["hello", "datagram two"]:
            p = run([client, "127.0.0.1", str(port)], input=message + "\n",
                    timeout=20)
            results.append((p.returncode, p.stdout))
        return results
    finally:
        srv.stop()


def scenario_http_client(client):
    # sync_client asks the "http" service: port 80 on loopback.
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", 80))
    except OSError as e:
        return ["cannot serve port 80: %s" % e]
    sock.listen(4)
    received = []

    def serve():
        conn, _ = sock.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
            received.append(data.decode())
            body = "".join("line %d of the body\n" % i for i in range(200))
            conn.sendall(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                          "X-Test: yes\r\n\r\n" + body).encode())

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        p = run([client, "127.0.0.1", "/LICENSE_1_0.txt"], timeout=20)
        t.join(10)
        return [(p.returncode, p.stdout), received]
    finally:
        sock.close()


def scenario_userservice(program, work):
    data = os.path.join(work, "users")
    os.makedirs(data, exist_ok=True)
    for user, name in [("alice", "Alice Liddell"), ("bob", "Bob Dobbs")]:
        with open(os.path.join(data, user + ".txt"), "w") as f:
            f.write(name + "\n")
    peer = LinePeer(lambda q: "%d\n" % (len(q) * 7))
    port = free_port()
    srv = Server([program, str(port), str(peer.port), data])
    try:
        if not wait_listening(port):
            return ["service did not listen"]
        first = converse(port, ["USER alice\n", "USER nobody\n", "HELLO\n"])
        second = converse(port, ["USER bob\n"])
        return [first, second, sorted(peer.received)]
    finally:
        srv.stop()
        peer.close()


def scenario_inventory(program, work):
    supplier = LinePeer(lambda q: "%d\n" % (len(q) * 3))
    port = free_port()
    srv = Server([program, str(port), str(supplier.port)])
    try:
        if not wait_listening(port):
            return ["service did not listen"]
        skus = ["apple", "banana-xl", "cherry"]
        results = [None] * len(skus)

        def one(i):
            results[i] = converse(port, [skus[i] + "\n", skus[i] + "\n"])

        threads = [threading.Thread(target=one, args=(i,))
                   for i in range(len(skus))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return [results, sorted(supplier.received)]
    finally:
        srv.stop()
        supplier.close()


class Harness:
    def __init__(self, args):
        self.args = args
        self.binaries = {}  # (program, "orig"|"mig") -> path or None

    def root(self, kind):
        return self.args.examples if kind == "examples" else self.args.inputs

    def prepare(self, name):
        sources, kind, _, _ = PROGRAMS[name]
        out = {}
        for variant in ("orig", "mig"):
            d = os.path.join(self.args.work, name, variant)
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            for s in sources:
                shutil.copy(os.path.join(self.root(kind), s), d)
            out[variant] = d
        mig = out["mig"]
        cpps = [os.path.basename(s) for s in sources if s.endswith(".cpp")]
        db = [{"directory": mig, "file": os.path.join(mig, f),
               "arguments": ["clang++-22"] + FLAGS + ["-c", f]} for f in cpps]
        with open(os.path.join(mig, "compile_commands.json"), "w") as f:
            json.dump(db, f, indent=1)
        return out, cpps

    def compile(self, d, cpps, output):
        p = run([self.args.clangxx] + FLAGS + ["-pthread", "-o", output] +
                [os.path.join(d, c) for c in cpps])
        if p.returncode != 0:
            self.log("compile %s:\n%s" % (d, p.stderr[:4000]))
        return p.returncode == 0

    def log(self, text):
        if self.args.verbose:
            print(text)

    def migrate(self, d, *extra):
        return run([self.args.corolint, "migrate", "-p", d, "--quiet"] +
                   list(extra), cwd=d)

    def build(self, name):
        """Migrates and compiles name; returns its row's facts."""
        dirs, cpps = self.prepare(name)
        mig = dirs["mig"]
        row = {}
        plan = self.migrate(mig)
        self.log("== plan of %s\n%s%s" % (name, plan.stdout, plan.stderr))
        m = re.search(r"(\d+) functions? (?:becomes a coroutine|become coroutines)(?: named \S+)?, (\d+) roots? "
                      r"bridged", plan.stdout)
        planned = int(m.group(1)) + int(m.group(2)) if m else 0
        row["planned"] = planned
        if planned == 0:
            # The refusal, else the plan's conclusion.
            lines = [l.strip() for l in plan.stdout.splitlines()[1:]
                     if l.strip() and not l.endswith(":")]
            refused = plan.stdout.split("refused (stays synchronous):\n")
            if len(refused) > 1:
                lines = [refused[1].splitlines()[0].strip()]
            row["reason"] = (lines[-1] if lines else plan.stderr.strip())
            return row
        before = {f: open(os.path.join(mig, f)).read()
                  for f in os.listdir(mig)}
        fix = self.migrate(mig, "--fix")
        after = {f: open(os.path.join(mig, f)).read() for f in os.listdir(mig)}
        row["migrated"] = fix.returncode == 0 and before != after
        for f in sorted(after):
            if before.get(f) != after[f]:
                self.log("== %s migrated\n%s" % (f, after[f]))
        # On its own output the migration plans nothing (an empty plan has
        # no edits: nothing would change).
        replan = self.migrate(mig)
        row["idempotent"] = (replan.returncode == 0 and
                             "nothing to migrate" in replan.stdout)
        # corolint's own checks on the migrated program: only the calls the
        # plan said stay blocking may be reported.
        stays = re.findall(r"^  '([^']+)' in ", plan.stdout.split(
            "stays blocking")[-1] if "stays blocking" in plan.stdout else "",
            re.M)
        check = run([self.args.corolint, "-p", mig, "--quiet", "--no-cache",
                     "--checks=coro-*"] + [os.path.join(mig, c) for c in cpps])
        findings = [l for l in check.stdout.splitlines() if ": warning: " in l]
        unexpected = [f for f in findings
                      if not any(s.split("::")[-1] in f for s in stays)]
        self.log("== corolint on migrated %s\n%s" % (name, check.stdout))
        row["clean"] = check.returncode in (0, 1) and not unexpected
        row["compiles"] = True
        for variant in ("orig", "mig"):
            binary = os.path.join(self.args.work, name, name + "." + variant)
            if self.compile(dirs[variant], cpps, binary):
                self.binaries[(name, variant)] = binary
            else:
                row["compiles"] = False
        return row

    def behaves(self, name):
        _, _, scenario, peer = PROGRAMS[name]
        if scenario is None:
            return "n/a"
        work = os.path.join(self.args.work, name)
        orig = self.binaries.get((name, "orig"))
        mig = self.binaries.get((name, "mig"))
        if not orig or not mig:
            return "no"
        if peer:
            if (peer, "orig") not in self.binaries:
                self.build(peer)
            peer_bin = self.binaries.get((peer, "orig"))
            if not peer_bin:
                return "no"
            if scenario.endswith("_server"):
                kind = scenario[:-len("_server")]
                fn = globals()["scenario_" + kind]
                ref = fn(orig, peer_bin)
                got = fn(mig, peer_bin)
            else:
                kind = scenario[:-len("_client")]
                fn = globals()["scenario_" + kind]
                ref = fn(peer_bin, orig)
                got = fn(peer_bin, mig)
        elif scenario == "http_client":
            ref = scenario_http_client(orig)
            got = scenario_http_client(mig)
        else:
            fn = globals()["scenario_" + scenario]
            ref = fn(orig, work)
            got = fn(mig, work)
        self.log("== %s original: %r\n== %s migrated: %r" % (name, ref, name,
                                                              got))
        # A run that exchanged nothing proves nothing.
        ok = ref == got and all(
            isinstance(r, (list, tuple)) for r in ref)
        return "yes" if ok else "no"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corolint", required=True)
    ap.add_argument("--clangxx", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()
    h = Harness(args)
    names = args.programs or list(PROGRAMS)
    # Parsing asio dominates: two programs at a time (CI has two cores).
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = dict(zip(names, pool.map(h.build, names)))
    for name in names:
        row = rows[name]
        if row["planned"] == 0:
            print("%s: planned=0 reason=%s" % (name, row["reason"]))
            continue
        same = h.behaves(name) if row["compiles"] else "no"
        print("%s: planned=%d migrated=%s idempotent=%s clean=%s compiles=%s "
              "same=%s" % (name, row["planned"],
                           "yes" if row["migrated"] else "no",
                           "yes" if row["idempotent"] else "no",
                           "yes" if row["clean"] else "no",
                           "yes" if row["compiles"] else "no", same))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
