#!/usr/bin/env python3
"""The trust store is read once per run, however many TLS connections the
prober opens, and TLS sessions are resumed across connections.

  run_tls_trust_test.py --cli PATH/TO/probe_cli [unittest arguments]
  run_tls_trust_test.py --serve ARGS_FILE

--serve starts the same servers, writes the probe_cli arguments of the
first test (one a line) to ARGS_FILE and keeps serving until stdin closes,
for measuring prober builds side by side by hand:
  probe_cli $(cat ARGS_FILE)

On 127.0.0.1: four of Debian's docker-registry with TLS (a test CA, HTTP/2)
and one HTTPS front of our own that forwards to a registry and closes the
connection after every answer (HTTP/1.1), so that every probe through it is
a new TLS connection. probe_cli runs under strace; every certificate file it
opens (the system bundle, the caFile, files of the hashed CA directory) is
counted. Prints the prober's CPU time for information; nothing here is
timed. Exits 77 (CTest's skip code) when docker-registry, openssl or strace
is missing."""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures import cli, images, pki, registry, servers  # noqa: E402
from fixtures.cli import key, target  # noqa: E402

SKIP_CODE = 77
TLS_REGISTRIES = 4
FRONT_PROBES = 60   # each a new connection: the front closes every one
CONCURRENCY = 8     # probes in flight; later connections may resume sessions
W = None


class TrustWorld:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="ppi-tls-trust-")
        self.stoppables = []
        try:
            storage = os.path.join(self.tmp, "storage")
            plain = self._keep(registry.Registry(self.tmp, "plain", storage))
            self.plain = plain
            self.digest = images.push_image(plain.base, "public/app")
            self.ca = pki.make_ca(self.tmp, "test-ca")
            leaf = pki.make_leaf(self.tmp, "tls", self.ca)
            self.registries = [
                self._keep(registry.Registry(self.tmp, f"tls{i}", storage, tls=leaf))
                for i in range(TLS_REGISTRIES)]
            self.front = self._keep(servers.Server(servers.ClosingHandler, tls=leaf,
                                                   upstream=plain.host))
        except BaseException:
            self.stop()
            raise

    def _keep(self, thing):
        self.stoppables.append(thing)
        return thing

    def targets(self):
        """(target, expected class) for every probe: on each registry the
        index, the manifest, its digest and two missing tags; through the
        front the same three and FRONT_PROBES - 3 missing tags."""
        known = ["v1", "manifest", self.digest]
        plan = []
        for r in self.registries:
            plan += [(r.host, ref) for ref in known + ["absent-1", "absent-2"]]
        plan += [(self.front.host, ref) for ref in known]
        plan += [(self.front.host, f"absent-{i}") for i in range(FRONT_PROBES - 3)]
        return [(target(host, "public/app", ref), key(host, "public/app", ref),
                 "public" if ref in known else "missing") for host, ref in plan]

    def stop(self):
        for thing in reversed(self.stoppables):
            thing.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def opened_certificate_files(strace_log):
    """{path: successful opens} for every file opened that holds a PEM
    certificate."""
    counts = {}
    with open(strace_log) as log:
        for line in log:
            if "open" not in line or "= -1" in line or '"' not in line:
                continue
            path = line.split('"')[1]
            if os.path.isfile(path) and _holds_certificate(path):
                counts[path] = counts.get(path, 0) + 1
    return counts


def _holds_certificate(path):
    try:
        with open(path, "rb") as f:
            return b"-----BEGIN CERTIFICATE-----" in f.read(4 * 1024 * 1024)
    except OSError:
        return False


def run_probe(args, strace_log=None):
    """Runs probe_cli with `args`; returns (stdout, CPU seconds)."""
    command = [cli.PATH, "--concurrency", str(CONCURRENCY)] + args
    if strace_log:
        command = ["strace", "-f", "-qq", "-e", "trace=open,openat", "-o", strace_log] + command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, cpu


def parse(out):
    verdicts, stats = {}, {}
    for line in out.splitlines():
        fields = line.split("\t")
        if fields[0] == "verdict":
            verdicts[fields[1]] = (fields[2], fields[3])
        elif fields[0] == "stats":
            stats = {k: int(v) for k, v in (f.split("=") for f in fields[1].split())}
    return verdicts, stats


class TrustStoreReadOnce(unittest.TestCase):
    def test_each_certificate_file_is_opened_once_per_run(self):
        plan = W.targets()
        log = os.path.join(W.tmp, "strace-ca.log")
        before_front = len(W.front.tls_connections())
        out, _ = run_probe(["--ca-file", W.ca[0]] + [t for t, _, _ in plan], log)
        verdicts, stats = parse(out)
        for _, k, klass in plan:
            self.assertEqual(verdicts[k][0], klass, (k, verdicts[k]))
        front = W.front.tls_connections()[before_front:]
        self.assertEqual(len(front), FRONT_PROBES)
        self.assertGreaterEqual(stats["connections"], FRONT_PROBES + TLS_REGISTRIES)
        opened = opened_certificate_files(log)
        print(f"\n  {stats['connections']} connections; certificate files opened: {opened}",
              file=sys.stderr)
        self.assertIn(os.path.realpath(W.ca[0]), map(os.path.realpath, opened))
        self.assertGreaterEqual(len(opened), 2, "the system bundle was not read")
        for path, n in opened.items():
            self.assertEqual(n, 1, f"{path} opened {n} times")

    def test_without_the_ca_file_the_bundle_is_still_read_once(self):
        plan = W.targets()[:TLS_REGISTRIES * 5 + 20]
        log = os.path.join(W.tmp, "strace-system.log")
        out, _ = run_probe([t for t, _, _ in plan], log)
        verdicts, _ = parse(out)
        for _, k, _ in plan:
            klass, reason = verdicts[k]
            self.assertEqual(klass, "unreachable", k)
            self.assertTrue(reason.startswith("TLS failed: SSL certificate problem"), reason)
        opened = opened_certificate_files(log)
        self.assertGreaterEqual(len(opened), 1, "the system bundle was not read")
        for path, n in opened.items():
            self.assertEqual(n, 1, f"{path} opened {n} times")

    def test_a_run_without_tls_reads_no_system_bundle(self):
        host = W.plain.host
        log = os.path.join(W.tmp, "strace-plain.log")
        out, _ = run_probe(["--ca-file", W.ca[0], "--insecure", host,
                            target(host, "public/app", "v1")], log)
        verdicts, _ = parse(out)
        self.assertEqual(verdicts[key(host, "public/app", "v1")][0], "public")
        opened = opened_certificate_files(log)
        self.assertEqual([os.path.realpath(p) for p in opened],
                         [os.path.realpath(W.ca[0])])

    def test_tls_sessions_are_resumed(self):
        plan = [p for p in W.targets() if p[1].startswith(W.front.host)]
        before = len(W.front.tls_connections())
        out, cpu = run_probe(["--ca-file", W.ca[0]] + [t for t, _, _ in plan])
        resumed = W.front.tls_connections()[before:]
        print(f"\n  {len(resumed)} connections to the front, {sum(resumed)} resumed; "
              f"probe_cli CPU {cpu:.3f} s", file=sys.stderr)
        self.assertEqual(len(resumed), FRONT_PROBES)
        # The first CONCURRENCY connections start before any session exists.
        self.assertGreaterEqual(sum(resumed), FRONT_PROBES - 2 * CONCURRENCY)


def setUpModule():
    global W
    W = TrustWorld()


def tearDownModule():
    if W is not None:
        W.stop()


def serve(args_file):
    world = TrustWorld()
    try:
        args = ["--concurrency", str(CONCURRENCY), "--ca-file", world.ca[0]]
        with open(args_file, "w") as f:
            f.write("\n".join(args + [t for t, _, _ in world.targets()]) + "\n")
        print("ready", flush=True)
        sys.stdin.read()
    finally:
        world.stop()
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        return serve(sys.argv[2])
    if len(sys.argv) < 3 or sys.argv[1] != "--cli":
        print(__doc__)
        return 2
    cli.PATH = os.path.abspath(sys.argv[2])
    missing = [tool for tool in ("openssl", "strace") if shutil.which(tool) is None]
    if registry.find_registry() is None:
        missing.insert(0, "docker-registry")
    if missing:
        print("SKIPPED: not installed: " + ", ".join(missing) +
              " (apt-get install docker-registry openssl strace)")
        return SKIP_CODE
    program = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False, verbosity=2)
    return 0 if program.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
