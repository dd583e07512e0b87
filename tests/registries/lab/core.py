"""What every emulated registry is made of: the request it sees, the reply
it gives, tokens it hands out, and the small pieces of the distribution
protocol (error bodies, challenges, manifest paths) the families share.

An Emulator answers requests; lab/transport.py puts it on a socket (TLS,
HTTP/1.1 or HTTP/2). Emulators keep every request they saw, so that tests
can check what the prober sent (and that it sent no credentials)."""

import json
import secrets
import threading
import urllib.parse

JSON = "application/json"
JSON_UTF8 = "application/json; charset=utf-8"
DDAV = ("Docker-Distribution-Api-Version", "registry/2.0")


class Request:
    def __init__(self, method, target, headers):
        self.method = method
        self.target = target
        self.headers = headers  # [(name, value)] as received
        url = urllib.parse.urlsplit(target)
        self.path = url.path
        self.query = {k: v[0] for k, v in
                      urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def bearer(self):
        """The Bearer token sent, or None."""
        value = self.header("Authorization") or ""
        return value[7:] if value.startswith("Bearer ") else None

    def accepts(self, media_type):
        accept = self.header("Accept") or ""
        return media_type in [part.split(";")[0].strip() for part in accept.split(",")]


class Reply:
    """status, headers [(name, value)] sent as given (plus Content-Length),
    body. `raw`: bytes written to the socket as they are instead (for
    answers that break HTTP's rules), after which the connection closes."""

    def __init__(self, status, headers=(), body=b"", raw=None):
        self.status = status
        self.headers = list(headers)
        self.body = body if isinstance(body, bytes) else body.encode()
        self.raw = raw


def error_body(code, message, detail=None, with_detail=True):
    """A distribution error body: {"errors":[{"code","message","detail"}]}."""
    error = {"code": code, "message": message}
    if with_detail and detail is not None:
        error["detail"] = detail
    return json.dumps({"errors": [error]}, separators=(",", ":")).encode()


def bearer_challenge(realm, service=None, scope=None, error=None):
    parts = [f'realm="{realm}"']
    if service is not None:
        parts.append(f'service="{service}"')
    if scope is not None:
        parts.append(f'scope="{scope}"')
    if error is not None:
        parts.append(f'error="{error}"')
    return "Bearer " + ",".join(parts)


def manifest_path(path, prefix="/v2/"):
    """(name, reference) of prefix<name>/manifests/<reference>, or None."""
    if not path.startswith(prefix) or "/manifests/" not in path:
        return None
    name, _, reference = path[len(prefix):].rpartition("/manifests/")
    return (name, reference) if name and reference else None


def scope_repository(scope):
    """NAME of "repository:NAME:pull" (or NAME:pull,push), else None."""
    parts = (scope or "").split(":")
    if len(parts) < 3 or parts[0] != "repository":
        return None
    return ":".join(parts[1:-1])


class TokenBook:
    """Opaque tokens, each granting pull on a set of repository names."""

    def __init__(self):
        self.lock = threading.Lock()
        self.grants = {}

    def mint(self, repositories, prefix=""):
        token = prefix + secrets.token_urlsafe(24)
        with self.lock:
            self.grants[token] = frozenset(repositories)
        return token

    def allows(self, token, repository):
        with self.lock:
            return repository in self.grants.get(token, frozenset())

    def known(self, token):
        with self.lock:
            return token in self.grants


class Emulator:
    """One registry family's server logic. `base` (https://host:port) is set
    before the first request; `answer(request)` returns a Reply."""

    name = "registry"
    http2 = False  # offered over HTTP/2 (with ALPN) as well as HTTP/1.1

    def __init__(self, backend=None):
        self.backend = backend
        self.base = None
        self.host = None
        self.tokens = TokenBook()
        self.lock = threading.Lock()
        self.seen = []

    def bind(self, base):
        self.base = base
        self.host = urllib.parse.urlsplit(base).netloc

    def handle(self, request):
        with self.lock:
            self.seen.append(request)
        return self.answer(request)

    def requests(self):
        with self.lock:
            return list(self.seen)

    def answer(self, request):
        raise NotImplementedError

    def forward(self, request, repository, reference, extra_headers=()):
        """The backend registry's answer for lab/<name>/<repository>."""
        return self.backend.manifest(request, f"lab/{self.name}/{repository}", reference,
                                     extra_headers)
