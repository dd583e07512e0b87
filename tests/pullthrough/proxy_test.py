#!/usr/bin/python3
"""The test proxy keeps its own contract (proxy.py's numbered protocol),
spoken to over raw HTTPS so each answer is seen as sent: the challenge, the
license checks, the upstream table, the headers and digests it streams,
the vendor's credentials going upstream and nowhere else, and an upstream
blob whose bytes were changed never reaching a client whole.

  proxy_test.py

Skips (exit 77) when docker-registry, htpasswd, openssl, skopeo or umoci is
missing."""

import base64
import hashlib
import http.client
import json
import os
import shutil
import ssl
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from report import Report, skip  # noqa: E402
import world  # noqa: E402
from clients import Clients  # noqa: E402

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
ACCEPT = ", ".join([OCI_MANIFEST, "application/vnd.oci.image.index.v1+json",
                    "application/vnd.docker.distribution.manifest.v2+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json"])
ALLOWED_HEADERS = {"server", "date", "content-type", "content-length", "docker-content-digest",
                   "www-authenticate"}


class Client:
    """Raw requests to one test server, verified against the test CA."""

    def __init__(self, host, ca):
        self.host, self.port = host.split(":")[0], int(host.split(":")[1])
        self.context = ssl.create_default_context(cafile=ca)

    def request(self, method, path, user=None, password=None, headers=None):
        conn = http.client.HTTPSConnection(self.host, self.port, context=self.context,
                                           timeout=30)
        h = dict(headers or {})
        if password is not None:
            h["Authorization"] = "Basic " + base64.b64encode(
                f"{user}:{password}".encode()).decode()
        conn.request(method, path, headers=h)
        resp = conn.getresponse()
        try:
            body = resp.read()
        except http.client.IncompleteRead as e:
            body = None
            resp.incomplete = e
        conn.close()
        return resp, body


def error_code(body):
    try:
        return json.loads(body)["errors"][0]["code"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def manifest_checks(r, w, px, lic):
    base = "/v2/proxy/my-kots-app/quay.io/my-org/api"
    resp, body = px.request("HEAD", base + "/manifests/v1.0.1", "LICENSE_ID", lic,
                            {"Accept": ACCEPT})
    r.check(resp.status == 200 and resp.getheader("Docker-Content-Digest") == w.digests["api"]
            and resp.getheader("Content-Type") == OCI_MANIFEST and body == b"",
            "HEAD manifest by tag: 200, the pushed digest, the OCI type, no body",
            f"{resp.status} {resp.getheaders()}")
    resp, body = px.request("GET", base + "/manifests/v1.0.1", "LICENSE_ID", lic,
                            {"Accept": ACCEPT, "Range": "bytes=0-9"})
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    r.check(resp.status == 200 and digest == w.digests["api"] and
            int(resp.getheader("Content-Length")) == len(body) and
            resp.getheader("Docker-Content-Digest") == digest,
            "GET manifest with a Range header: 200, the whole manifest, its digest in the header",
            f"{resp.status} {digest} {resp.getheaders()}")
    resp, body = px.request("GET", base + "/manifests/" + w.digests["api"], w.licenses["valid"],
                            w.licenses["valid"], {"Accept": ACCEPT})
    r.check(resp.status == 200 and hashlib.sha256(body).hexdigest() == w.digests["api"][7:],
            "GET manifest by digest, the license ID as user name too: 200", str(resp.status))
    layer = json.loads(body)["layers"][0]
    resp, body = px.request("GET", base + "/blobs/" + layer["digest"], "LICENSE_ID", lic)
    r.check(resp.status == 200 and len(body) == layer["size"] and
            "sha256:" + hashlib.sha256(body).hexdigest() == layer["digest"] and
            resp.getheader("Docker-Content-Digest") == layer["digest"],
            f"GET blob: 200, {layer['size']} bytes matching {layer['digest'][:19]}…",
            str(resp.status))
    resp, body = px.request("HEAD", base + "/blobs/" + layer["digest"], "LICENSE_ID", lic)
    r.check(resp.status == 200 and int(resp.getheader("Content-Length")) == layer["size"] and
            body == b"", "HEAD blob: 200 and its length", str(resp.getheaders()))
    resp, body = px.request("GET", base + "/manifests/v9", "LICENSE_ID", lic, {"Accept": ACCEPT})
    r.check(resp.status == 404 and error_code(body) == "MANIFEST_UNKNOWN",
            "a tag the upstream lacks: its 404 MANIFEST_UNKNOWN passed through", str(body))


def refusal_checks(r, w, px, rg, lic):
    resp, _ = px.request("GET", "/v2/")
    r.check(resp.status == 401 and
            resp.getheader("WWW-Authenticate") == 'Basic realm="pullthrough-proxy"',
            "GET /v2/ without credentials: 401 with a Basic challenge",
            f"{resp.status} {resp.getheader('WWW-Authenticate')}")
    resp, _ = px.request("GET", "/v2/", "LICENSE_ID", lic)
    r.check(resp.status == 200, "GET /v2/ with the license: 200", str(resp.status))
    path = "/v2/proxy/my-kots-app/quay.io/my-org/api/manifests/v1.0.1"
    cases = [
        ("no credentials", None, None, 401, "UNAUTHORIZED"),
        ("a user name other than LICENSE_ID", "someone", lic, 401, "UNAUTHORIZED"),
        ("a password that is no license", "LICENSE_ID", "not-a-license", 401, "UNAUTHORIZED"),
        ("the revoked license", "LICENSE_ID", w.licenses["revoked"], 403, "DENIED"),
        ("the expired license", "LICENSE_ID", w.licenses["expired"], 403, "DENIED"),
        ("the other app's license", "LICENSE_ID", w.licenses["other-app"], 403, "DENIED"),
    ]
    for what, user, password, status, code in cases:
        resp, body = px.request("GET", path, user, password, {"Accept": ACCEPT})
        r.check(resp.status == status and error_code(body) == code,
                f"{what}: {status} {code}", f"{resp.status} {body}")
    resp, body = px.request("GET", "/v2/proxy/my-kots-app/docker.io/my-org/api/manifests/1",
                            "LICENSE_ID", lic)
    r.check(resp.status == 404 and error_code(body) == "NAME_UNKNOWN",
            "an upstream host that is not the app's (docker.io): 404 NAME_UNKNOWN", str(body))
    resp, body = px.request("GET", "/v2/proxy/other-app/quay.io/my-org/api/manifests/v1.0.1",
                            "LICENSE_ID", lic)
    r.check(resp.status == 403, "my-kots-app's license on other-app's path: 403", str(body))
    resp, body = px.request("PUT", path, "LICENSE_ID", lic)
    r.check(resp.status == 405, "PUT (a push): 405, the proxy is read-only", str(resp.status))
    resp, body = rg.request("GET", "/v2/my-kots-app/tool/manifests/3", "LICENSE_ID", lic,
                            {"Accept": ACCEPT})
    r.check(resp.status == 200 and hashlib.sha256(body).hexdigest() == w.digests["tool"][7:],
            "registry host: /v2/my-kots-app/tool/manifests/3 with the license: 200", str(body))
    resp, body = rg.request("GET", "/v2/my-kots-app/tool/manifests/3", "LICENSE_ID",
                            w.licenses["other-app"], {"Accept": ACCEPT})
    r.check(resp.status == 403, "registry host: another app's license: 403", str(body))


def upstream_checks(r, w, lic):
    """The upstreams are private, and only the vendor's credentials reach them."""
    for name, reg, repo in (("quay", w.quay, "my-org/api:v1.0.1"),
                            ("ghcr", w.ghcr, "my-org/worker:2")):
        path = "/v2/{}/manifests/{}".format(*repo.split(":"))
        resp, _ = Client(reg.host, w.ca[0]).request("GET", path, headers={"Accept": ACCEPT})
        r.check(resp.status == 401, f"{name} upstream refuses an anonymous client: {repo}",
                str(resp.status))
    token = next(t for t in w.running if getattr(t, "seen", None) is not None)
    before = len(token.requests())
    resp, body = Client(w.proxy.host, w.ca[0]).request(
        "GET", "/v2/proxy/my-kots-app/ghcr.io/my-org/worker/manifests/2", "LICENSE_ID", lic,
        {"Accept": ACCEPT})
    r.check(resp.status == 200 and hashlib.sha256(body).hexdigest() == w.digests["worker"][7:],
            "ghcr.io/my-org/worker:2 through the proxy (token auth upstream): 200",
            str(resp.status))
    seen = [h.get("Authorization", "") for _, _, h in token.requests()[before:]]
    vendor = world._basic(*w.vendor["ghcr"])
    r.check(seen and all(a == vendor for a in seen),
            f"the proxy fetched its token from ghcr's token server ({len(seen)} request) with "
            "the vendor's credentials, not the license", str(seen))
    with open(w.log_path) as f:
        entries = [json.loads(line) for line in f]
    names = {n.lower() for e in entries for n, _ in e["sent"]}
    r.check(names <= ALLOWED_HEADERS,
            f"the proxy sent only the headers {sorted(ALLOWED_HEADERS)} to clients",
            str(sorted(names - ALLOWED_HEADERS)))
    leaked = [s for s in w.vendor_secrets() for e in entries if s in json.dumps(e["sent"])]
    r.check(not leaked, "no vendor credential in any response header", str(len(leaked)))


def tamper_checks(r, w, px, lic, c):
    base = "/v2/proxy/my-kots-app/quay.io/my-org/tampered"
    resp, body = px.request("GET", base + "/manifests/1", "LICENSE_ID", lic, {"Accept": ACCEPT})
    layer = json.loads(body)["layers"][0]["digest"]
    w.tamper(layer)
    resp, body = px.request("GET", base + "/blobs/" + layer, "LICENSE_ID", lic)
    r.check(body is None, "a blob whose upstream bytes were changed: the proxy closes the "
            "connection short (the client never gets the whole blob)",
            f"status {resp.status}, {len(body or b'')} bytes")
    with open(w.log_path) as f:
        last = [json.loads(line) for line in f if layer in line][-1]
    r.check(last["why"] == "blob digest or length mismatch: connection closed short",
            "the proxy logged the digest mismatch", str(last))
    auth = c.auth_file("tamper", {"auths": {w.proxy.host: {"auth": base64.b64encode(
        f"LICENSE_ID:{lic}".encode()).decode()}}})
    got = c.copy(f"{w.proxy.host}/proxy/my-kots-app/quay.io/my-org/tampered:1", auth,
                 os.path.join(c.work, "tampered"))
    r.check(got.returncode != 0, "skopeo copy of that image fails", got.stderr or "exit 0")


def main():
    missing = world.missing_tools()
    if missing:
        skip(f"{missing[0]} not found")
    r = Report()
    work = tempfile.mkdtemp(prefix="ppi-proxy-test.")
    w = None
    try:
        w = world.World(work)
        lic = w.licenses["valid"]
        px, rg = Client(w.proxy.host, w.ca[0]), Client(w.registry.host, w.ca[0])
        refusal_checks(r, w, px, rg, lic)
        manifest_checks(r, w, px, lic)
        tamper_checks(r, w, px, lic, Clients(work, w.cert_dir))
        upstream_checks(r, w, lic)
    finally:
        if w:
            w.stop()
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(r.finish())


if __name__ == "__main__":
    main()
