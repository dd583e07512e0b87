#!/usr/bin/python3
"""What the function writes really pulls. The function runs through the
real kpt (`kpt fn render --allow-exec` on a Kptfile pipeline, and
`kpt fn eval --exec` on examples/quickstart) or kustomize
(`kubectl kustomize --enable-alpha-plugins` with tests/e2e/docker_shim.sh
as `docker`, on the package and on examples/quickstart) with proxyHost and
registryHost set to the test proxy (world.py). Then, for every image it
wrote, the pull Secret of the image's namespace is decoded into an auth
file and skopeo (inspect, copy of every blob) and podman (pull, unpack)
pull through the license-checking proxy. Then the refusals: no Secret, a
Secret whose key lacks the port, the Secrets of a revoked license, of an
expired one and of one for another app, and the first Secret again after
its license is revoked.

  pull_test.py --tool kpt|kustomize PATH-TO-proxy-private-images

Skips (exit 77) when a tool is missing: kpt or kubectl, podman, skopeo,
umoci, docker-registry, htpasswd, openssl, or Python's yaml module."""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from report import Report, require_yaml, skip  # noqa: E402

require_yaml()
import package  # noqa: E402
import pulls  # noqa: E402
import world  # noqa: E402
from clients import Clients  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))


class Run:
    """The function run through one tool in $WORK."""

    def __init__(self, tool, binary, work, w):
        self.tool, self.work, self.w = tool, work, w
        self.bin_dir = os.path.join(work, "bin")
        os.makedirs(self.bin_dir)
        os.symlink(binary, os.path.join(self.bin_dir, "proxy-private-images"))
        os.symlink(os.path.join(REPO, "tests", "e2e", "docker_shim.sh"),
                   os.path.join(self.bin_dir, "docker"))
        self.binary = binary
        self.count = 0

    def env(self, license_id):
        env = dict(os.environ, PATH=self.bin_dir + os.pathsep + os.environ["PATH"],
                   PPI_BIN=self.binary, LICENSE_ID=license_id)
        env.pop("PPI_SHIM_LOG", None)
        return env

    def package(self, license_id):
        """The test package after the tool ran: (resources, process)."""
        self.count += 1
        pkg = os.path.join(self.work, f"pkg-{self.count}")
        package.write(pkg, self.w, self.tool)
        if self.tool == "kpt":
            return self._run(["kpt", "fn", "render", "--allow-exec", pkg], pkg, license_id)
        return self._run(["kubectl", "kustomize", "--enable-alpha-plugins", pkg], pkg, license_id)

    def _run(self, argv, pkg, license_id):
        """(resources of the output, process): the package kpt left, or what
        kustomize printed."""
        p = subprocess.run(argv, capture_output=True, text=True, env=self.env(license_id))
        if p.returncode != 0:
            return [], p
        return (package.load_dir(pkg) if self.tool == "kpt" else package.load_stream(p.stdout)), p

    def quickstart(self, license_id):
        """examples/quickstart as its README runs it, with the test proxy as
        proxyHost and registryHost: (resources, process)."""
        pkg = os.path.join(self.work, "quickstart")
        shutil.copytree(os.path.join(REPO, "examples", "quickstart"), pkg)
        hosts = {"proxyHost": self.w.proxy.host, "registryHost": self.w.registry.host}
        if self.tool == "kpt":
            argv = ["kpt", "fn", "eval", pkg, "--exec", "proxy-private-images", "--",
                    "appSlug=my-kots-app", "private=quay.io/my-org/*",
                    "public=docker.io/library/*", *(f"{k}={v}" for k, v in hosts.items())]
        else:
            path = os.path.join(pkg, "fn-config.yaml")
            with open(path) as f:
                text = f.read()
            lines = "".join(f"  {k}: {v}\n" for k, v in hosts.items())
            with open(path, "w") as f:
                f.write(text.replace("  appSlug: my-kots-app\n", "  appSlug: my-kots-app\n" + lines))
            argv = ["kubectl", "kustomize", "--enable-alpha-plugins", pkg]
        return self._run(argv, pkg, license_id)


def secret_json(docs, ns):
    """The decoded .dockerconfigjson of the pull Secret in `ns`, or None."""
    s = package.find(docs, "Secret", package.SECRET, ns)
    if not s or s.get("type") != "kubernetes.io/dockerconfigjson":
        return None
    return base64.b64decode(s["data"][".dockerconfigjson"])


def check_outputs(r, w, docs, license_id, label):
    """Every image written as package.images() says, each PodSpec naming
    the Secret, each Secret holding exactly the two hosts with the
    license. Returns {namespace: dockerconfigjson bytes}."""
    table = package.images(w)
    want_auth = base64.b64encode(f"LICENSE_ID:{license_id}".encode()).decode()
    configs = {}
    for _, kind, name, ns, path, lists in package.WORKLOADS:
        doc = package.find(docs, kind, name, ns)
        if not r.check(doc is not None, f"{label}: {kind}/{name} in the output"):
            continue
        spec = package.pod_spec(doc, path)
        for key, names in lists.items():
            for n, container in zip(names, spec.get(key, [])):
                image = table[n]
                r.check(container["image"] == image.expected,
                        f"{label}: {kind}/{name} {n}: {image.written} -> {image.expected}",
                        f"got {container['image']}")
        pull_secrets = [e.get("name") for e in spec.get("imagePullSecrets", [])]
        r.check(pull_secrets == [package.SECRET],
                f"{label}: {kind}/{name} imagePullSecrets names {package.SECRET}", str(pull_secrets))
        raw = secret_json(docs, ns)
        if not r.check(raw is not None, f"{label}: a dockerconfigjson Secret {package.SECRET} in "
                       f"namespace {ns or '(none)'}"):
            continue
        auths = json.loads(raw).get("auths", {})
        r.check(sorted(auths) == sorted([w.proxy.host, w.registry.host]) and
                all(a == {"auth": want_auth} for a in auths.values()),
                f"{label}: namespace {ns or '(none)'}: .dockerconfigjson holds exactly "
                f"{w.proxy.host} and {w.registry.host} (ports included), each auth "
                "base64(LICENSE_ID:<license>)", raw.decode())
        configs[ns] = raw
    return configs


def pull_all(r, c, w, configs, label):
    table = package.images(w)
    for _, kind, name, ns, _, lists in package.WORKLOADS:
        if ns not in configs:
            continue
        auth = c.auth_file(f"{label}-{ns or 'none'}", configs[ns])
        for n in [n for names in lists.values() for n in names]:
            if table[n].tag is None:
                continue
            pulls.with_skopeo(r, c, w, table[n], auth, f"{label} {kind}/{name} {n}")
            pulls.with_podman(r, c, w, table[n], auth, f"{label} {kind}/{name} {n}")


def proxy_log(w, start):
    with open(w.log_path) as f:
        return [json.loads(line) for line in f][start:]


def log_size(w):
    if not os.path.exists(w.log_path):
        return 0
    with open(w.log_path) as f:
        return sum(1 for _ in f)


def expect_refused(r, c, w, ref, auth, reason, license_name, label):
    """skopeo and podman are both refused for `reason`, the proxy logged
    the license, the reason, and went to no upstream."""
    start = log_size(w)
    got = c.inspect(ref, auth)
    r.check(got.returncode != 0 and reason in got.stderr,
            f"{label}: skopeo inspect refused: {reason!r}", got.stderr or "exit 0")
    got = c.pull(ref, auth)
    r.check(got.returncode != 0 and reason in got.stderr,
            f"{label}: podman pull refused: {reason!r}", got.stderr or "exit 0")
    entries = [e for e in proxy_log(w, start) if e["path"] != "/v2/"]
    r.check(entries and all(e["license"] == license_name and e["status"] in (401, 403) and
                            e["why"] == reason and not e["upstream"] for e in entries),
            f"{label}: the proxy saw license {license_name}, answered "
            f"{'401' if license_name is None else '403'} ({reason}) and asked no upstream",
            json.dumps(entries[:3]))


def negatives(r, c, w, run, docs_valid):
    table = package.images(w)
    proxied, kept = table["api"].expected, table["tool"].expected
    raw = secret_json(docs_valid, "shop")
    if raw is None:
        r.fail("negatives: no Secret of the valid license to start from")
        return
    none = c.auth_file("no-secret", {"auths": {}})
    for ref in (proxied, kept):
        expect_refused(r, c, w, ref, none, "authentication required: a license", None,
                       f"no Secret, {ref}")
    # The key without its port: clients look the host up with the port.
    portless = {"auths": {h.split(":")[0]: a for h, a in json.loads(raw)["auths"].items()}}
    expect_refused(r, c, w, proxied, c.auth_file("portless", portless),
                   "authentication required: a license", None,
                   "Secret keyed 127.0.0.1 without the port")
    for name, reason in (("revoked", "license revoked"), ("expired", "license expired"),
                         ("other-app", "license is not for app my-kots-app")):
        docs, p = run.package(w.licenses[name])
        r.check(p.returncode == 0, f"{name} license: {run.tool} still writes the package "
                "(the function cannot know; the proxy decides)", p.stderr)
        secret = secret_json(docs, "shop")
        if not r.check(secret is not None, f"{name} license: a Secret in namespace shop"):
            continue
        auth = c.auth_file(name, secret)
        for ref in (proxied, kept):
            expect_refused(r, c, w, ref, auth, reason, name, f"{name} license, {ref}")
    # Revocation while the customer holds the Secret that pulled before.
    auth = c.auth_file("valid-then-revoked", raw)
    got = c.inspect(proxied, auth)
    r.check(got.returncode == 0, "before revocation the valid license's Secret pulls", got.stderr)
    w.write_table(revoked=("valid",))
    for ref in (proxied, kept):
        expect_refused(r, c, w, ref, auth, "license revoked", "valid", f"revoked now, {ref}")
    w.write_table()


def check_leaks(r, c, w, outputs):
    text = "\n".join(c.transcript + outputs)
    with open(w.log_path) as f:
        sent = "\n".join(json.dumps(json.loads(line)["sent"]) for line in f)
    leaked = [s for s in w.vendor_secrets() if s in text or s in sent]
    r.check(not leaked, "no vendor password or vendor credential in any client output, function "
            "output or response header the proxy sent", f"{len(leaked)} found")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", choices=("kpt", "kustomize"), required=True)
    parser.add_argument("binary")
    args = parser.parse_args()
    command = "kpt" if args.tool == "kpt" else "kubectl"
    missing = world.missing_tools((command, "podman"))
    if missing:
        skip(f"{missing[0]} not found")
    binary = os.path.abspath(args.binary)
    r = Report()
    work = tempfile.mkdtemp(prefix="ppi-pullthrough.")
    w = None
    try:
        w = world.World(work)
        print(f"# proxy {w.proxy.host}, registry host {w.registry.host}; upstreams quay.io -> "
              f"{w.quay.host} (htpasswd, TLS), ghcr.io -> {w.ghcr.host} (token, TLS)", flush=True)
        c = Clients(work, w.cert_dir)
        run = Run(args.tool, binary, work, w)
        valid = w.licenses["valid"]
        outputs = []
        docs, p = run.quickstart(valid)
        outputs.append(p.stdout + p.stderr)
        if r.check(p.returncode == 0, f"examples/quickstart through {args.tool}", p.stderr):
            quick(r, c, w, docs, valid)
        docs, p = run.package(valid)
        outputs.append(p.stdout + p.stderr)
        if r.check(p.returncode == 0, f"the package through {args.tool}", p.stderr):
            pull_all(r, c, w, check_outputs(r, w, docs, valid, args.tool), args.tool)
            negatives(r, c, w, run, docs)
        check_leaks(r, c, w, outputs)
    finally:
        if w:
            w.stop()
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(r.finish())


def quick(r, c, w, docs, license_id):
    """The README's first example: quay.io/my-org/api:v1.0.1 in, the
    proxied name and the Secret out, and a client pulls it."""
    want = f"{w.proxy.host}/proxy/my-kots-app/quay.io/my-org/api:v1.0.1"
    api = package.find(docs, "Deployment", "api")
    images = [ct["image"] for ct in api["spec"]["template"]["spec"]["containers"]] if api else []
    r.check(want in images, f"quickstart: quay.io/my-org/api:v1.0.1 -> {want}", str(images))
    raw = secret_json(docs, None)
    if not r.check(raw is not None, "quickstart: the pull Secret"):
        return
    auth = c.auth_file("quickstart", raw)
    image = package.Image("quay.io/my-org/api:v1.0.1", want, "api")
    pulls.with_skopeo(r, c, w, image, auth, "quickstart")
    pulls.with_podman(r, c, w, image, auth, "quickstart")


if __name__ == "__main__":
    main()
