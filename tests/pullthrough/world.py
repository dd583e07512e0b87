"""Everything the pull-through tests talk to, on 127.0.0.1, started in this
process (the registries as child processes):

  quay       Debian's docker-registry over TLS, htpasswd auth (the vendor's
             quay.io)
  ghcr       docker-registry over TLS, token auth; its token server grants
             pull/push only to the vendor's credentials, an empty scope to
             anonymous clients (the vendor's ghcr.io)
  replicated docker-registry over TLS, htpasswd (behind the registry host)
  proxy      proxy.py in proxy mode: /v2/proxy/<app>/{quay.io,ghcr.io}/…
  registry   proxy.py in registry mode: /v2/<app>/…
All TLS certificates come from one test CA (`cert_dir/ca.crt`, the layout
skopeo's --cert-dir and podman's --cert-dir read).

Images, built with umoci from local files and pushed with skopeo (each a
small file per layer, /hello.txt naming the image):
  quay:       my-org/api:v1.0.1 (OCI, amd64, two layers), my-org/multi:1
              (OCI index: linux/amd64 and linux/arm64), my-org/tampered:1
  ghcr:       my-org/worker:2 (OCI), my-org/legacy:1 (Docker schema 2)
  replicated: my-kots-app/tool:3, my-kots-app/migrate:5

Apps and licenses in the proxy's table (IDs random per run):
  my-kots-app  upstreams quay.io, ghcr.io; its registry: replicated
  other-app    upstream quay.io
  licenses: valid, revoked, other-app (for other-app), expired"""

import base64
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
import urllib.parse

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "registry"))
sys.path.insert(0, HERE)
from fixtures import pki, registry, servers  # noqa: E402
import oci  # noqa: E402
from clients import Clients  # noqa: E402
import proxy  # noqa: E402

APP = "my-kots-app"
OTHER_APP = "other-app"
TOOLS = ("docker-registry", "htpasswd", "openssl", "skopeo", "umoci")


def missing_tools(extra=()):
    """The tools of TOOLS + extra that are not installed."""
    missing = []
    for tool in (*TOOLS, *extra):
        if tool == "docker-registry":
            if not registry.find_registry():
                missing.append(tool)
        elif not shutil.which(tool):
            missing.append(tool)
    return missing


class VendorTokenHandler(servers.TokenHandler):
    """GET /token?service=…&scope=repository:NAME:ACTIONS. With the vendor's
    Basic credentials (`expected`): the actions asked for, of pull and push.
    Without credentials: a token with no access (what Docker Hub gives an
    anonymous client). Other credentials: 401."""

    def do_GET(self):
        self.owner.record(self)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        authorization = self.headers.get("Authorization")
        if authorization is None:
            granted = set()
        elif authorization == self.expected:
            granted = {"pull", "push"}
        else:
            return self.reply(401, body=b'{"errors":[{"code":"UNAUTHORIZED"}]}')
        access = []
        for scope in " ".join(query.get("scope", [])).split():
            kind, _, rest = scope.partition(":")
            name, _, actions = rest.rpartition(":")
            if kind == "repository" and name:
                wanted = [a for a in actions.split(",") if a in granted]
                access.append({"type": "repository", "name": name, "actions": wanted})
        token = self.sign(query.get("service", [""])[0], access)
        body = json.dumps({"token": token, "expires_in": 300}).encode()
        self.reply(200, {"Content-Type": "application/json"}, body)


def _basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class World:
    def __init__(self, work):
        self.work = work
        self.running = []
        self.digests = {}  # tag in the build layout -> manifest digest as pushed
        self.blobs = {}  # tag -> every blob the pushed image names (see _upstream_blobs)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    # --- servers ------------------------------------------------------------

    def _start(self):
        pki_dir = os.path.join(self.work, "pki")
        self.cert_dir = os.path.join(self.work, "certs")
        os.makedirs(pki_dir)
        os.makedirs(self.cert_dir)
        self.ca = pki.make_ca(pki_dir, "pullthrough-ca")
        shutil.copy(self.ca[0], os.path.join(self.cert_dir, "ca.crt"))
        leaf = pki.make_leaf(pki_dir, "loopback", self.ca)
        self.vendor = {name: (f"{name}-vendor", secrets.token_hex(12))
                       for name in ("quay", "ghcr", "replicated")}
        self.quay = self._htpasswd_registry("quay", leaf)
        self.replicated = self._htpasswd_registry("replicated", leaf)
        self.ghcr = self._token_registry("ghcr", leaf, pki_dir)
        self.table_path = os.path.join(self.work, "table.json")
        self.licenses = {name: secrets.token_hex(13)
                         for name in ("valid", "revoked", "other-app", "expired")}
        self.write_table()
        self.log_path = os.path.join(self.work, "proxy-log.jsonl")
        lock = threading.Lock()
        self.proxy = self._keep(proxy.Server("proxy", self.table_path, self.log_path, *leaf, lock))
        self.registry = self._keep(
            proxy.Server("registry", self.table_path, self.log_path, *leaf, lock))
        self._push_images()

    def _keep(self, thing):
        self.running.append(thing)
        return thing

    def _htpasswd_registry(self, name, leaf):
        user, password = self.vendor[name]
        path = os.path.join(self.work, name + ".htpasswd")
        entry = subprocess.run(["htpasswd", "-Bbn", user, password], check=True,
                               capture_output=True, text=True).stdout
        with open(path, "w") as f:
            f.write(entry)
        return self._keep(registry.Registry(
            self.work, name, os.path.join(self.work, name + "-storage"), tls=leaf,
            auth={"htpasswd": {"realm": name + "-realm", "path": path}}))

    def _token_registry(self, name, leaf, pki_dir):
        root = pki.make_ca(pki_dir, name + "-token-root")
        signer = pki.make_leaf(pki_dir, name + "-token-signer", root, san="DNS:token-signer")
        token = self._keep(servers.Server(
            VendorTokenHandler, issuer=name + "-issuer", signing_cert=signer[0],
            signing_key=signer[1], expected=_basic(*self.vendor[name])))
        auth = {"token": {"realm": f"http://{token.host}/token", "service": name + "-registry",
                          "issuer": name + "-issuer", "rootcertbundle": root[0]}}
        return self._keep(registry.Registry(
            self.work, name, os.path.join(self.work, name + "-storage"), tls=leaf, auth=auth))

    def _upstream(self, name, reg):
        user, password = self.vendor[name]
        return {"url": reg.base, "username": user, "password": password, "ca": self.ca[0]}

    def write_table(self, revoked=()):
        """(Re)writes the proxy's table atomically; `revoked` names licenses
        revoked on top of the one that always is."""
        quay, ghcr = self._upstream("quay", self.quay), self._upstream("ghcr", self.ghcr)
        table = {
            "apps": {
                APP: {"upstreams": {"quay.io": quay, "ghcr.io": ghcr},
                      "registry": self._upstream("replicated", self.replicated)},
                OTHER_APP: {"upstreams": {"quay.io": quay}},
            },
            "licenses": {
                self.licenses["valid"]: {"name": "valid", "app": APP,
                                         "revoked": "valid" in revoked, "expires": ""},
                self.licenses["revoked"]: {"name": "revoked", "app": APP, "revoked": True,
                                           "expires": ""},
                self.licenses["other-app"]: {"name": "other-app", "app": OTHER_APP,
                                             "revoked": False, "expires": ""},
                self.licenses["expired"]: {"name": "expired", "app": APP, "revoked": False,
                                           "expires": "2020-01-01T00:00:00Z"},
            },
        }
        tmp = self.table_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(table, f)
        os.replace(tmp, self.table_path)

    def vendor_secrets(self):
        """Every vendor password and Basic credential: none may reach a client."""
        out = []
        for user, password in self.vendor.values():
            out += [password, _basic(user, password).split(" ")[1]]
        return out

    # --- images -------------------------------------------------------------

    def _umoci(self, *args):
        subprocess.run(["umoci", *args], check=True, capture_output=True)

    def _build(self, layout, tag, arch, files):
        """An image `tag` in the OCI layout: one layer per (name, text)."""
        self._umoci("new", "--image", f"{layout}:{tag}")
        src = os.path.join(self.work, "src", tag)
        os.makedirs(src)
        for name, text in files:
            with open(os.path.join(src, name), "w") as f:
                f.write(text)
            self._umoci("insert", "--image", f"{layout}:{tag}", os.path.join(src, name),
                        "/" + name)
        self._umoci("config", "--image", f"{layout}:{tag}", "--architecture", arch,
                    "--os", "linux", "--config.cmd", "/hello.txt")

    def _index(self, layout, tag, members):
        """An OCI index `tag` over the manifests tagged `members`."""
        path = os.path.join(layout, "index.json")
        with open(path) as f:
            top = json.load(f)
        by_tag = {m["annotations"]["org.opencontainers.image.ref.name"]: m
                  for m in top["manifests"]}
        entries = []
        for member, arch in members:
            m = dict(by_tag[member])
            m.pop("annotations")
            m["platform"] = {"architecture": arch, "os": "linux"}
            entries.append(m)
        body = json.dumps({"schemaVersion": 2,
                           "mediaType": "application/vnd.oci.image.index.v1+json",
                           "manifests": entries}).encode()
        hexdigest = hashlib.sha256(body).hexdigest()
        with open(os.path.join(layout, "blobs", "sha256", hexdigest), "wb") as f:
            f.write(body)
        top["manifests"].append({"mediaType": "application/vnd.oci.image.index.v1+json",
                                 "digest": "sha256:" + hexdigest, "size": len(body),
                                 "annotations": {"org.opencontainers.image.ref.name": tag}})
        with open(path, "w") as f:
            json.dump(top, f)

    def _push(self, layout, tag, reg, name, repo_ref, *flags):
        user, password = self.vendor[name]
        digest_file = os.path.join(self.work, "digest")
        subprocess.run(
            ["skopeo", "--policy", self.skopeo.policy, "copy", "--quiet", *flags,
             "--dest-cert-dir", self.cert_dir, "--dest-creds", f"{user}:{password}",
             "--digestfile", digest_file, f"oci:{layout}:{tag}",
             f"docker://{reg.host}/{repo_ref}"],
            check=True, capture_output=True, env=self.skopeo.env)
        with open(digest_file) as f:
            return f.read().strip()

    def _push_images(self):
        # skopeo for the pushes, in a configuration of its own (clients.py)
        self.skopeo = Clients(os.path.join(self.work, "world-skopeo"), self.cert_dir)
        layout = os.path.join(self.work, "layout")
        self._umoci("init", "--layout", layout)
        hello = lambda image: [("hello.txt", f"hello from {image}\n")]  # noqa: E731
        self._build(layout, "api", "amd64", hello("my-org/api") + [("version", "v1.0.1\n")])
        self._build(layout, "multi-amd64", "amd64", hello("my-org/multi on amd64"))
        self._build(layout, "multi-arm64", "arm64", hello("my-org/multi on arm64"))
        self._index(layout, "multi", [("multi-amd64", "amd64"), ("multi-arm64", "arm64")])
        for tag in ("tampered", "worker", "legacy", "tool", "migrate"):
            self._build(layout, tag, "amd64", hello(tag))
        pushes = [
            ("api", self.quay, "quay", "my-org/api:v1.0.1", ()),
            ("multi", self.quay, "quay", "my-org/multi:1", ("--all",)),
            ("tampered", self.quay, "quay", "my-org/tampered:1", ()),
            ("worker", self.ghcr, "ghcr", "my-org/worker:2", ()),
            ("legacy", self.ghcr, "ghcr", "my-org/legacy:1", ("--format", "v2s2")),
            ("tool", self.replicated, "replicated", f"{APP}/tool:3", ()),
            ("migrate", self.replicated, "replicated", f"{APP}/migrate:5", ()),
        ]
        for tag, reg, name, ref, flags in pushes:
            self.digests[tag] = self._push(layout, tag, reg, name, ref, *flags)
            repo = ref.split(":")[0]
            self.blobs[tag] = self._upstream_blobs(reg, name, repo, self.digests[tag])
        for arch in ("amd64", "arm64"):
            self.digests["multi-" + arch] = oci.tagged(layout, "multi-" + arch)["digest"]
            self.blobs["multi-" + arch] = self._upstream_blobs(
                self.quay, "quay", "my-org/multi", self.digests["multi-" + arch])
        self.layout = layout

    def _upstream_blobs(self, reg, name, repo, digest):
        """Every blob the manifest `digest` names, as the upstream registry
        holds it (a Docker schema 2 push rewrites the config): config and
        layers, and for an index its manifests and theirs."""
        user, password = self.vendor[name]
        raw = subprocess.run(
            ["skopeo", "inspect", "--raw", "--cert-dir", self.cert_dir, "--creds",
             f"{user}:{password}", f"docker://{reg.host}/{repo}@{digest}"],
            check=True, capture_output=True, env=self.skopeo.env).stdout
        doc = json.loads(raw)
        if "manifests" in doc:
            out = set()
            for m in doc["manifests"]:
                out |= {m["digest"]} | self._upstream_blobs(reg, name, repo, m["digest"])
            return out
        return {doc["config"]["digest"], *(layer["digest"] for layer in doc["layers"])}

    def tamper(self, digest):
        """Flips a byte of a blob in quay's storage: the registry now serves
        bytes that do not match their digest."""
        hexdigest = digest.split(":")[1]
        path = os.path.join(self.work, "quay-storage", "docker", "registry", "v2", "blobs",
                            "sha256", hexdigest[:2], hexdigest, "data")
        with open(path, "r+b") as f:
            first = f.read(1)
            f.seek(0)
            f.write(bytes([first[0] ^ 0xFF]))

    def stop(self):
        for thing in reversed(self.running):
            try:
                thing.stop()
            except Exception as e:  # keep stopping the others
                print(f"stopping {thing}: {e}", file=sys.stderr)
        self.running = []
