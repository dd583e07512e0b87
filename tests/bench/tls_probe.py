#!/usr/bin/env python3
"""The probe benchmark over TLS: a token-auth docker-registry (TLS with a
test CA; Go's server offers HTTP/2) and the benchmark's token server (behind
nghttpx: TLS, HTTP/2), both behind latency_proxy.py, against skopeo inspect
10 at a time on the same servers and against the protocol's floors.

  tls_probe.py --fn BIN --runner BIN --work DIR --out FILE [--quick]
               [--baseline BIN] [--command TEXT]

--baseline adds another build of the function (an earlier commit, say) as a
contender with default settings, for before/after in one run; the tables
call it --baseline-label (default "baseline build").

Run by run.sh (after bench.py); writes its tables to --out. Contenders
alternate round by round as in bench.py, whose measuring and formatting it
uses; its servers are bench.py's ProbeWorld with TLS in front. Nothing has a
time limit. The machine is shared: quote medians and ratios."""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "registries"))
import bench  # noqa: E402
from bench import fmt_s, log, med, ratio  # noqa: E402
from lab import transport  # noqa: E402

FN, FN_WIDE, SK10 = "function", "function, probeConcurrency 256", "skopeo ×10"


class TlsProbeWorld(bench.ProbeWorld):
    """bench.ProbeWorld with the registry on TLS and nghttpx (TLS, h2) in
    front of the token server; the realm is https through the latency
    proxy."""

    HTTP1 = False  # Http1TlsProbeWorld: both servers offer HTTP/1.1 only

    def _start(self):
        storage = os.path.join(self.tmp, "storage")
        plain = bench.fx_registry.Registry(self.tmp, "plain", storage)
        try:
            self._push(plain.base)
        finally:
            plain.stop()
        self.ca = bench.fx_pki.make_ca(self.tmp, "bench-ca")
        leaf = bench.fx_pki.make_leaf(self.tmp, "bench-tls", self.ca)
        root = bench.fx_pki.make_ca(self.tmp, "token-root")
        signer = bench.fx_pki.make_leaf(self.tmp, "token-signer", root, san="DNS:token-signer")
        self.token = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "tls_token_server.py"), signer[0], signer[1],
             self.ISSUER], stdout=subprocess.PIPE, text=True)
        self.stoppables.append(self.token)
        self.token_port = int(self.token.stdout.readline().split()[1])
        self.front_port = bench.fx_registry.free_port()
        alpn = "http/1.1" if self.HTTP1 else "h2,http/1.1"
        self.front = transport.start_nghttpx(self.front_port, f"127.0.0.1:{self.token_port}",
                                             leaf, self.tmp, "token", alpn)
        self.stoppables.append(self.front)
        self.reg_proxy_port = bench.fx_registry.free_port()
        self.tok_proxy_port = bench.fx_registry.free_port()
        auth = {"token": {"realm": f"https://127.0.0.1:{self.tok_proxy_port}/token",
                          "service": self.SERVICE, "issuer": self.ISSUER,
                          "rootcertbundle": root[0]}}
        self.registry = bench.fx_registry.Registry(self.tmp, "token", storage, auth=auth,
                                                   tls=None if self.HTTP1 else leaf)
        self.stoppables.append(self.registry)
        self.registry_upstream = self.registry.host
        if self.HTTP1:  # docker-registry's own TLS offers h2: put nghttpx in front
            port = bench.fx_registry.free_port()
            self.registry_front = transport.start_nghttpx(port, self.registry.host, leaf,
                                                          self.tmp, "registry", alpn)
            self.stoppables.append(self.registry_front)
            self.registry_upstream = f"127.0.0.1:{port}"
        self._warm_tokens()
        self.cert_dir = os.path.join(self.tmp, "certs")
        os.makedirs(self.cert_dir)
        shutil.copy(self.ca[0], os.path.join(self.cert_dir, "ca.crt"))

    def set_delay(self, delay_ms):
        self._stop_proxy()
        self.proxy = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "latency_proxy.py"), "--delay-ms", str(delay_ms),
             f"{self.reg_proxy_port}={self.registry_upstream}",
             f"{self.tok_proxy_port}=127.0.0.1:{self.front_port}"],
            stdout=subprocess.PIPE, text=True)
        if self.proxy.stdout.readline().strip() != "ready":
            raise RuntimeError("latency proxy did not start")

    def server_cpu(self):
        """(docker-registry (+ its nghttpx), token server + nghttpx) CPU
        seconds so far."""
        reg, tok = super().server_cpu()
        if self.HTTP1:
            reg += bench.proc_cpu_seconds(self.registry_front.pid)
        return reg, tok + bench.proc_cpu_seconds(self.front.pid)


class Http1TlsProbeWorld(TlsProbeWorld):
    """The same servers offering HTTP/1.1 only, as Docker Hub's registry and
    token service do (REGISTRIES.md §1.5): every request in flight is a TLS
    connection."""

    HTTP1 = True


class TlsProbeBench:
    def __init__(self, args, world_class=TlsProbeWorld, label="HTTP/2"):
        self.args = args
        self.world_class, self.label = world_class, label
        self.base = args.baseline_label
        self.n, self.d = 200, 25
        self.rounds = 2 if args.quick else 5
        self.samples = {}
        self.dir = os.path.join(args.work, "tls-probe-" + label.replace("/", ""))
        os.makedirs(self.dir, exist_ok=True)

    def function_input(self, world, concurrency=None):
        path = os.path.join(self.dir, f"probe-{concurrency or 'default'}.yaml")
        with open(path, "w") as f:
            f.write("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
            for i, repo in enumerate(world.repos(self.n)):
                f.write(f"- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n"
                        f"    name: app-{i:04d}\n  spec:\n    template:\n      spec:\n"
                        f"        containers:\n        - name: app\n"
                        f"          image: {world.image(repo)}\n")
            f.write("functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n"
                    "  metadata:\n    name: proxy-private-images\n  data:\n"
                    "    appSlug: my-kots-app\n    licenseID: bench-license\n"
                    f"    caFile: {world.ca[0]}\n")
            if concurrency:
                f.write(f"    probeConcurrency: \"{concurrency}\"\n")
        return path

    def run_function(self, stdin, cpu, binary=None):
        out = os.path.join(self.dir, "function.out")
        wall, _, rc = bench.measure([binary or self.args.fn], stdin, out, cpu=cpu)
        text = open(out).read()
        public = len(set(re.findall(r"image: (\S+)\n\s+class: public", text)))
        private = len(set(re.findall(r"image: (\S+)\n\s+class: private", text)))
        if rc != 0 or (public, private) != (self.n // 2, self.n // 2):
            raise SystemExit(f"function over TLS: exit {rc}, {public} public, {private} "
                             f"private; expected {self.n // 2} each (see {out}, {out}.err)")
        return wall

    def run_skopeo(self, world):
        env = dict(os.environ, REGISTRY_AUTH_FILE=os.path.join(self.dir, "no-auth.json"))
        for k in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
            env.pop(k, None)
        with open(env["REGISTRY_AUTH_FILE"], "w") as f:
            f.write('{"auths":{}}')

        def one(repo):
            r = subprocess.run(["skopeo", "inspect", "--raw", "--cert-dir", world.cert_dir,
                                "docker://" + world.image(repo)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            return repo, r.returncode, r.stderr.decode(errors="replace")

        t0 = time.perf_counter()
        with bench.concurrent.futures.ThreadPoolExecutor(10) as pool:
            results = list(pool.map(one, world.repos(self.n)))
        wall = time.perf_counter() - t0
        for repo, rc, err in results:
            if repo.startswith("public/") != (rc == 0):
                raise SystemExit(f"skopeo on {repo}: exit {rc}: {err.strip()[:300]}")
        return wall

    def run(self):
        world = self.world_class(self.args.work, self.n // 2)
        try:
            world.set_delay(self.d)
            plain, wide = self.function_input(world), self.function_input(world, 256)
            runs = {FN: lambda cpu: self.run_function(plain, cpu),
                    FN_WIDE: lambda cpu: self.run_function(wide, cpu),
                    SK10: lambda cpu: self.run_skopeo(world)}
            if self.args.baseline:
                runs[self.base] = lambda cpu: self.run_function(plain, cpu, self.args.baseline)
            self.run_function(plain, None)  # unmeasured: no contender touches storage first
            self.run_function(wide, None)
            world.connections()
            for r in range(self.rounds):
                for name in bench.rotate(list(runs), r):
                    self.measure_one(world, name, runs[name], r)
        finally:
            world.stop()

    def measure_one(self, world, name, run, r):
        (reg0, tok0) = world.server_cpu()
        cpu = []
        wall = run(cpu)
        conns = world.connections()
        reg1, tok1 = world.server_cpu()
        sample = {"wall": wall, "registry_cpu": reg1 - reg0, "token_cpu": tok1 - tok0,
                  "server_cpu": reg1 - reg0 + tok1 - tok0,
                  "conn_registry": conns[0], "conn_token": conns[1]}
        if cpu:
            sample["client_cpu"] = cpu[0]
        self.samples.setdefault(name, []).append(sample)
        log(f"  TLS {self.label} round {r + 1} {name:<32} {wall:8.3f} s  connections "
            f"{conns[0]} + {conns[1]}")

    def get(self, name, key="wall"):
        return [s[key] for s in self.samples.get(name, []) if key in s]

    def floor(self, round_trips):
        """round_trips × 2d plus the servers' time, as bench.py's floor: the
        servers' CPU for the probeConcurrency 256 runs over the cores, no
        less than the token side's alone."""
        server = max(med(self.get(FN_WIDE, "token_cpu")),
                     med(self.get(FN_WIDE, "server_cpu")) / bench.CORES)
        return round_trips * 2 * self.d / 1000 + server, server

    def report(self):
        f5, server = self.floor(5)
        f7, _ = self.floor(7)
        fn, wide, sk = self.get(FN), self.get(FN_WIDE), self.get(SK10)

        def conns(name):
            return (f"{med(self.get(name, 'conn_registry')):.0f} + "
                    f"{med(self.get(name, 'conn_token')):.0f}")
        lines = [f"### Probe over TLS: {self.n} images ({self.n // 2} public, {self.n // 2} "
                 f"private), one-way delay {self.d} ms, {self.label}", "",
                 "| contender | wall | skopeo ×10 ÷ it | ÷ floor (5) | ÷ floor (7) | "
                 "its CPU | connections (registry + token) |",
                 "|---|---|---:|---:|---:|---:|---:|"]
        names = [FN, FN_WIDE, SK10] + ([self.base] if self.get(self.base) else [])
        for name, xs in ((n, self.get(n)) for n in names):
            cpu = self.get(name, "client_cpu")
            lines.append(f"| {name} | {fmt_s(xs)} | {ratio(sk, xs):.1f}× | "
                         f"{med(xs) / f5:.2f}× | {med(xs) / f7:.2f}× | "
                         f"{fmt_s(cpu) if cpu else '–'} | {conns(name)} |")
        lines += ["", f"floor (5) = {f5 * 1000:.0f} ms: 5 round trips ({10 * self.d} ms: "
                  "connect + challenge, connect to the realm + token, HEAD, as the issue "
                  f"defines it) + the servers' time ({server * 1000:.0f} ms). floor (7) = "
                  f"{f7 * 1000:.0f} ms: the same over TLS 1.3, whose handshake adds a round "
                  "trip to each new connection (the registry's and the realm's). Medians over "
                  f"{self.rounds} rounds, min–max in brackets; the machine's {bench.CORES} cores "
                  "are shared with other work, so read the ratios. Its CPU: the contender's "
                  "user + system time. Connections: TCP connections the latency proxy accepted "
                  "for the registry + the token server, per run."]
        return lines

    def targets(self):
        f5, _ = self.floor(5)
        fn, wide, sk = self.get(FN), self.get(FN_WIDE), self.get(SK10)
        return [(f"probe over TLS ({self.label}), {self.n} images at {self.d} ms: ≥ 20× faster "
                 "than skopeo ×10",
                 f"{ratio(sk, fn):.1f}× (probeConcurrency 256: {ratio(sk, wide):.1f}×)",
                 "met" if ratio(sk, fn) >= 20 else "not met"),
                (f"probe over TLS ({self.label}), {self.n} images at {self.d} ms: ≤ 1.5× the "
                 "5-round-trip floor",
                 f"{med(fn) / f5:.2f}× (probeConcurrency 256: {med(wide) / f5:.2f}×)",
                 "met" if med(fn) / f5 <= 1.5 else "not met")]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fn", required=True)
    p.add_argument("--runner", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--baseline")
    p.add_argument("--baseline-label", default="baseline build")
    p.add_argument("--command", default="bash tests/bench/run.sh --part probe")
    args = p.parse_args()
    bench.RUNNER = args.runner
    missing = [t for t in ("docker-registry", "skopeo") if not shutil.which(t)]
    if transport.nghttpx() is None:
        missing.append("nghttpx")
    if missing:
        log("TLS probe benchmark skipped: not installed: " + ", ".join(missing))
        return 0
    started = time.perf_counter()
    benches = [TlsProbeBench(args), TlsProbeBench(args, Http1TlsProbeWorld, "HTTP/1.1 only")]
    for b in benches:
        b.run()
    lines = [f"## TLS probe benchmark ({'quick' if args.quick else 'full'} run)", "",
             f"- machine: {bench.machine()}",
             f"- when: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
             f"commit {bench.versions()['commit']}; took "
             f"{(time.perf_counter() - started) / 60:.1f} min",
             f"- command: `{args.command}`", "", "| target | result | |", "|---|---|---|"]
    lines += [f"| {t} | {r} | {v} |" for t, r, v in benches[0].targets()]
    for b in benches:
        lines += [""] + b.report()
    text = "\n".join(lines) + "\n"
    print(text)
    with open(args.out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
