"""GitHub Container Registry, ghcr.io (REGISTRIES.md §2). HTTP/2 in every
2024-2026 transcript. The token endpoint is on the registry's own host.

Repositories by what the token endpoint does for them:
  public         200 {"token": "djE6…"} (no expires_in)
  private_401    401 UNAUTHORIZED (openai/tunnel-client#75)
  everything else (private, never published): 403 DENIED (cfctl fixture:
                 "GHCR does not distinguish")
  flaky          public, but the first token request of each scope is
                 403 DENIED "denied" (dragonfly#4997, go-httpbin#223,
                 karakeep#2311: transient denials of public packages)
  busy           public, but the first manifest request gets 429
                 (dependabot/cli#380: "toomanyrequests: retry-after:
                 880.092µs, allowed: 44000/minute")
  schema1        public, stored only as a Docker schema 1 manifest: with an
                 Accept that does not list it, 404 MANIFEST_UNKNOWN "… found,
                 but Accept header does not support …" (Mic92/niks3#229
                 gives the message for OCI indexes; the schema 1 wording
                 follows it [INFERRED])."""

import base64
import hashlib
import threading
import time

from .core import DDAV, JSON, Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+prettyjws"
SCHEMA1_BODY = (b'{"schemaVersion":1,"name":"owner/schema1","tag":"1.0","architecture":"amd64",'
                b'"fsLayers":[],"history":[],"signatures":[]}')


class Ghcr(Emulator):
    name = "ghcr"
    http2 = True

    def __init__(self, backend, public, private_401=(), flaky=(), busy=(), schema1=()):
        super().__init__(backend)
        self.public = set(public) | set(flaky) | set(busy) | set(schema1)
        self.private_401 = set(private_401)
        self.flaky, self.busy, self.schema1 = set(flaky), set(busy), set(schema1)
        self.once = set()
        self.once_lock = threading.Lock()

    def first_time(self, key):
        with self.once_lock:
            if key in self.once:
                return False
            self.once.add(key)
            return True

    def answer(self, request):
        if request.path == "/token":
            return self.token(request)
        parsed = manifest_path(request.path)
        if parsed is None:
            return self.unauthorized("user/image")
        name, reference = parsed
        token = request.bearer()
        if token is None or not self.tokens.allows(token, name):
            return self.unauthorized(name)
        if name in self.busy and self.first_time(("manifest", name)):
            return Reply(429, [("Content-Type", JSON)], error_body(
                "TOOMANYREQUESTS", "retry-after: 880.092µs, allowed: 44000/minute"))
        if name in self.schema1:
            return self.schema1_manifest(request)
        reply = self.forward(request, name, reference)
        if reply.status == 404:
            # cfctl fixture: HTTP/2 404, application/json, no digest.
            return Reply(404, [("Content-Type", JSON), DDAV],
                         error_body("MANIFEST_UNKNOWN", "manifest unknown"))
        return reply

    def unauthorized(self, name):
        # iz6.ru transcript, toddysm.com: 401, application/json, DDAV, body
        # UNAUTHORIZED "authentication required" (73 bytes); the placeholder
        # scope repository:user/image:pull only where no repository is named.
        challenge = bearer_challenge(self.base + "/token", "ghcr.io", f"repository:{name}:pull")
        return Reply(401, [("Content-Type", JSON), DDAV, ("Www-Authenticate", challenge)],
                     error_body("UNAUTHORIZED", "authentication required"))

    def token(self, request):
        name = scope_repository(request.query.get("scope"))
        if name in self.flaky and self.first_time(("token", name)):
            return Reply(403, [("Content-Type", JSON)], error_body("DENIED", "denied"))
        if name in self.public:
            # richlander/container-registry-api ghcr.md: base64 of
            # v1:<repo>:<ns timestamp>; only "token".
            raw = f"v1:{name}:{time.time_ns()}".encode()
            token = base64.b64encode(raw).decode()
            with self.tokens.lock:
                self.tokens.grants[token] = frozenset([name])
            return Reply(200, [("Content-Type", JSON)], '{"token":"%s"}' % token)
        if name in self.private_401:
            return Reply(401, [("Content-Type", JSON)],
                         error_body("UNAUTHORIZED", "authentication required"))
        return Reply(403, [("Content-Type", JSON)],
                     error_body("DENIED", "requested access to the resource is denied"))

    def schema1_manifest(self, request):
        if not request.accepts(SCHEMA1):
            return Reply(404, [("Content-Type", JSON), DDAV], error_body(
                "MANIFEST_UNKNOWN",
                "Docker schema 1 manifest found, but Accept header does not support "
                "Docker schema 1 manifests"))
        digest = "sha256:" + hashlib.sha256(SCHEMA1_BODY).hexdigest()
        return Reply(200, [("Content-Type", SCHEMA1), ("Docker-Content-Digest", digest), DDAV],
                     SCHEMA1_BODY)
