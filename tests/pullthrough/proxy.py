"""A license-checking pull-through proxy: the read side of the OCI
distribution API as Replicated's proxy offers it, for the tests. Python 3
standard library only.

What a client sees (the protocol, once):
  1. GET /v2/ without credentials -> 401 and `WWW-Authenticate: Basic
     realm="…"`; with the credentials of a license that may pull -> 200.
  2. GET or HEAD, proxy mode (the proxy host):
       /v2/proxy/<appSlug>/<upstream host>/<repository>/manifests/<tag|digest>
       /v2/proxy/<appSlug>/<upstream host>/<repository>/blobs/<digest>
     registry mode (the registry host, the vendor's own registry):
       /v2/<appSlug>/<repository>/(manifests|blobs)/<reference>
     Anything else -> 404; a method other than GET or HEAD -> 405.
  3. `Authorization: Basic base64(LICENSE_ID:<license id>)` (the license ID
     as the user name is accepted too). No credentials, or not a license
     -> 401 UNAUTHORIZED with the challenge of 1. A revoked or expired
     license, or one for another app -> 403 DENIED saying which.
  4. The upstream host must be one of the app's registries (proxy mode);
     else 404 NAME_UNKNOWN. Nothing reaches an upstream before 2-4 pass.
  5. The request goes upstream with the vendor's credentials, never the
     client's: Basic when the upstream asks for Basic, a Bearer token from
     the upstream's token realm (fetched with the vendor's credentials)
     when it asks for Bearer. An upstream 401/403 after that is the
     vendor's problem -> 502; its challenge is never passed on.
  6. The answer streams back with Content-Type, Content-Length and
     Docker-Content-Digest and nothing else of the upstream's headers. The
     bytes are checked against their digest on the way: a manifest whole
     before it is sent, a blob chunk by chunk with the last chunk held back
     until the digest matches (a mismatch closes the connection short).
     Range is ignored: the whole object, 200. Other upstream statuses (404
     MANIFEST_UNKNOWN, …) pass through with their error body.

The table (JSON, read again on every request so a test can revoke a
license while the proxy runs):
  {"apps": {"<slug>": {"upstreams": {"<host>": UPSTREAM, …},
                       "registry": UPSTREAM}},
   "licenses": {"<license id>": {"name": "valid", "app": "<slug>",
                                 "revoked": false, "expires": "RFC 3339 or ''"}}}
  UPSTREAM = {"url": "https://127.0.0.1:P", "username": …, "password": …,
              "ca": "<CA file>"}

Every request is logged as one JSON line: server, method, path, the
license's name (never its ID), status, why, the upstream requests made, and
the response headers sent."""

import base64
import datetime
import hashlib
import http.client
import http.server
import json
import re
import ssl
import threading
import urllib.parse

from upstream import Refusal, Upstream

CHUNK = 64 * 1024
MAX_MANIFEST = 4 * 1024 * 1024
COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
REPOSITORY = re.compile(rf"^{COMPONENT}(?:/{COMPONENT})*$")
TAG = re.compile(r"^[\w][\w.-]{0,127}$")
DIGEST = re.compile(r"^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$")
PROXY_PATH = re.compile(r"^/v2/proxy/([^/]+)/([^/]+)/(.+)/(manifests|blobs)/([^/]+)$")
REGISTRY_PATH = re.compile(r"^/v2/([^/]+)/(.+)/(manifests|blobs)/([^/]+)$")


def _digest_of(algorithm, data):
    return algorithm + ":" + hashlib.new(algorithm, data).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pullthrough-test-proxy"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.sent, self.calls, self.entry = [], [], {}
        self.connection.do_handshake()

    def send_header(self, name, value):
        self.sent.append((name, value))
        super().send_header(name, value)

    # --- one request --------------------------------------------------------

    def do_GET(self):
        self.handle_read()

    do_HEAD = do_GET

    def refuse_write(self):
        self.sent, self.calls, self.entry = [], [], {"why": "read-only"}
        self.close_connection = True
        self.refuse(Refusal(405, "UNSUPPORTED", "this proxy serves only GET and HEAD"))
        self.owner.log(self)

    do_POST = do_PUT = do_PATCH = do_DELETE = refuse_write

    def handle_read(self):
        self.sent, self.calls, self.entry = [], [], {}
        try:
            path = urllib.parse.urlsplit(self.path).path
            if path in ("/v2", "/v2/"):
                self.authenticate(None)
                self.reply(200, {"Content-Type": "application/json"}, b"{}")
            else:
                self.proxy(*self.route(path))
        except Refusal as r:
            self.entry["why"] = r.why
            self.refuse(r)
        except (OSError, http.client.HTTPException, ValueError) as e:
            self.entry["why"] = f"upstream failure: {e}"
            self.close_connection = True
            try:
                self.refuse(Refusal(502, "UNKNOWN", "the upstream registry failed"))
            except OSError:
                pass
        self.owner.log(self)

    def route(self, path):
        """(app, upstream spec, repository, kind, reference) or a Refusal."""
        table = self.owner.table()
        if self.owner.mode == "proxy":
            m = PROXY_PATH.match(path)
            if not m:
                raise Refusal(404, "NAME_INVALID", "not /v2/proxy/<app>/<host>/<name>/…")
            slug, upstream_host, repo, kind, ref = m.groups()
        else:
            m = REGISTRY_PATH.match(path)
            if not m:
                raise Refusal(404, "NAME_INVALID", "not /v2/<app>/<name>/…")
            slug, repo, kind, ref = m.groups()
            upstream_host, repo = None, f"{slug}/{repo}"
        if not REPOSITORY.match(repo) or not (DIGEST.match(ref) or
                                              (kind == "manifests" and TAG.match(ref))):
            raise Refusal(404, "NAME_INVALID", f"invalid name or reference: {repo} {ref}")
        self.authenticate(slug)
        app = table["apps"].get(slug)
        if app is None:
            raise Refusal(404, "NAME_UNKNOWN", f"no app {slug}")
        spec = app.get("registry") if upstream_host is None else \
            app.get("upstreams", {}).get(upstream_host)
        if spec is None:
            raise Refusal(404, "NAME_UNKNOWN", f"{upstream_host} is not a registry of app {slug}")
        return spec, repo, kind, ref

    def authenticate(self, slug):
        """Steps 1 and 3: the license, allowed for `slug` (None: any app)."""
        license_ = self.owner.license_of(self.headers.get("Authorization", ""))
        if license_ is None:
            self.entry["license"] = None
            raise Refusal(401, "UNAUTHORIZED", "authentication required: a license")
        self.entry["license"] = license_["name"]
        if license_.get("revoked"):
            raise Refusal(403, "DENIED", "license revoked")
        expires = license_.get("expires", "")
        if expires and datetime.datetime.fromisoformat(expires.replace("Z", "+00:00")) < \
                datetime.datetime.now(datetime.timezone.utc):
            raise Refusal(403, "DENIED", "license expired")
        if slug is not None and license_["app"] != slug:
            raise Refusal(403, "DENIED", f"license is not for app {slug}")

    def proxy(self, spec, repo, kind, ref):
        """Steps 5 and 6."""
        accept = ", ".join(self.headers.get_all("Accept") or [])
        upstream = self.owner.upstream(spec)
        conn, resp = upstream.open(self.command, f"/v2/{repo}/{kind}/{ref}", accept,
                                   f"repository:{repo}:pull", self.calls)
        try:
            if resp.status in (401, 403):
                resp.read()
                raise Refusal(502, "UNKNOWN", "the upstream refused the vendor's credentials")
            if resp.status != 200:
                body = resp.read(1 << 16)
                self.entry["why"] = f"upstream {resp.status}"
                headers = {"Content-Type": resp.getheader("Content-Type", "application/json")}
                return self.reply(resp.status, headers, body)
            if kind == "manifests":
                self.relay_manifest(resp, ref)
            else:
                self.relay_blob(resp, ref)
        finally:
            conn.close()

    def relay_manifest(self, resp, ref):
        given = resp.getheader("Docker-Content-Digest", "")
        headers = {"Content-Type": resp.getheader("Content-Type", "")}
        if self.command == "HEAD":
            if DIGEST.match(ref) and given != ref:
                raise Refusal(502, "UNKNOWN", f"upstream digest {given} for {ref}")
            headers["Docker-Content-Digest"] = given
            headers["Content-Length"] = resp.getheader("Content-Length", "0")
            return self.reply(200, headers, b"", length_given=True)
        body = resp.read(MAX_MANIFEST + 1)
        if len(body) > MAX_MANIFEST:
            raise Refusal(502, "UNKNOWN", "upstream manifest too large")
        algorithm = ref.split(":")[0] if DIGEST.match(ref) else "sha256"
        digest = _digest_of(algorithm, body)
        if DIGEST.match(ref) and digest != ref:
            raise Refusal(502, "UNKNOWN", f"upstream manifest is {digest}, not {ref}")
        if given.startswith(algorithm + ":") and given != digest:
            raise Refusal(502, "UNKNOWN", f"upstream says {given}, the bytes are {digest}")
        headers["Docker-Content-Digest"] = digest
        self.reply(200, headers, body)

    def relay_blob(self, resp, ref):
        length = resp.getheader("Content-Length")
        if length is None:
            raise Refusal(502, "UNKNOWN", "upstream blob without Content-Length")
        headers = {"Content-Type": resp.getheader("Content-Type", "application/octet-stream"),
                   "Docker-Content-Digest": ref, "Content-Length": length}
        if self.command == "HEAD":
            return self.reply(200, headers, b"", length_given=True)
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        hasher, held, total = hashlib.new(ref.split(":")[0]), b"", 0
        while True:
            chunk = resp.read(CHUNK)
            if not chunk:
                break
            hasher.update(chunk)
            total += len(chunk)
            if held:
                self.wfile.write(held)
            held = chunk
        if total != int(length) or f"{ref.split(':')[0]}:{hasher.hexdigest()}" != ref:
            self.entry["why"] = "blob digest or length mismatch: connection closed short"
            self.close_connection = True
            return
        self.wfile.write(held)
        self.entry["status"] = 200

    # --- answers ------------------------------------------------------------

    def reply(self, status, headers, body, length_given=False):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if not length_given:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.entry["status"] = status

    def refuse(self, r):
        headers = {"Content-Type": "application/json"}
        if r.status == 401:
            headers["WWW-Authenticate"] = f'Basic realm="{self.owner.realm}"'
        body = json.dumps({"errors": [{"code": r.code, "message": r.why}]}).encode()
        self.reply(r.status, headers, body)


class Server:
    """One HTTPS listener on 127.0.0.1 in `mode` "proxy" or "registry"."""

    def __init__(self, mode, table_path, log_path, cert, key, lock):
        self.mode, self.table_path, self.log_path, self.log_lock = mode, table_path, log_path, lock
        self.realm = "pullthrough-" + mode
        self.upstreams = {}
        self.upstreams_lock = threading.Lock()
        handler = type("Handler", (Handler,), {"owner": self})
        # A client that fails the TLS handshake (no CA) is no server error.
        server_class = type("Backlogged", (http.server.ThreadingHTTPServer,),
                            {"request_queue_size": 128, "handle_error": lambda *_: None})
        self.httpd = server_class(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True,
                                                do_handshake_on_connect=False)
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def table(self):
        with open(self.table_path) as f:
            return json.load(f)

    def license_of(self, authorization):
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(value, validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        license_ = self.table()["licenses"].get(password)
        return license_ if license_ and user in ("LICENSE_ID", password) else None

    def upstream(self, spec):
        key = json.dumps(spec, sort_keys=True)
        with self.upstreams_lock:
            if key not in self.upstreams:
                self.upstreams[key] = Upstream(spec)
            return self.upstreams[key]

    def log(self, handler):
        entry = {"server": self.mode, "method": handler.command, "path": handler.path,
                 "license": handler.entry.get("license"),
                 "status": handler.entry.get("status"), "why": handler.entry.get("why"),
                 "upstream": handler.calls, "sent": handler.sent}
        with self.log_lock, open(self.log_path, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
