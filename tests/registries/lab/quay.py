"""Quay (quay.io), read from quay/quay's source (REGISTRIES.md §3):
endpoints/v2/v2auth.py, endpoints/v2/__init__.py, auth/registry_jwt_auth.py,
endpoints/v2/errors.py, endpoints/v2/manifest.py. Transport not recorded:
HTTP/1.1 here.

  public       served without any token (require_repo_read(allow_public=True))
  private, and every unknown name: 401 with a scoped challenge, no error=
               parameter ever; the token endpoint grants an empty token; the
               manifest answers 401 again with that token
  disabled     namespace disabled: the token endpoint answers 405 DENIED
  app          a repository that is not an image: token 405 UNSUPPORTED
  throttled    429 with nginx's HTML page, no Retry-After
               (3scale/3scale-operator#583 [VERBATIM])
  tag "expired" of a public repository: 404 TAG_EXPIRED"""

from .core import DDAV, JSON, Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

NGINX_429 = (b"<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n"
             b"<body bgcolor=\"white\">\r\n<center><h1>429 Too Many Requests</h1></center>\r\n"
             b"<hr><center>nginx/1.12.1</center>\r\n</body>\r\n</html>\r\n")


class Quay(Emulator):
    name = "quay"

    def __init__(self, backend, public, disabled=(), apps=(), throttled=()):
        super().__init__(backend)
        self.public = set(public)
        self.disabled, self.apps, self.throttled = set(disabled), set(apps), set(throttled)

    def challenge(self, name):
        # get_auth_headers: realm {app_url}/v2/auth, service SERVER_HOSTNAME,
        # scope only when a repository is involved.
        scope = f"repository:{name}:pull" if name else None
        return bearer_challenge(self.base + "/v2/auth", self.host, scope)

    def answer(self, request):
        if request.path == "/v2/auth":
            return self.token(request)
        parsed = manifest_path(request.path)
        if parsed is None:
            return Reply(401, [("Content-Type", JSON), DDAV,
                               ("WWW-Authenticate", self.challenge(None))], b"true")
        name, reference = parsed
        if name in self.throttled:
            return Reply(429, [("Content-Type", "text/html")], NGINX_429)
        token = request.bearer()
        readable = name in self.public or (token and self.tokens.allows(token, name))
        if not readable:
            return Reply(401, [("Content-Type", JSON), DDAV,
                               ("WWW-Authenticate", self.challenge(name))],
                         error_body("UNAUTHORIZED",
                                    "access to the requested resource is not authorized", {}))
        if reference == "expired":
            return Reply(404, [("Content-Type", JSON), DDAV],
                         error_body("TAG_EXPIRED", "Tag has expired", {"tag": reference}))
        reply = self.forward(request, name, reference)
        if reply.status == 404:
            return Reply(404, [("Content-Type", JSON), DDAV],
                         error_body("MANIFEST_UNKNOWN", "manifest unknown", {}))
        return reply

    def token(self, request):
        scope = request.query.get("scope")
        name = scope_repository(scope)
        if name is None:
            # Anonymous with no scope: 401.
            return Reply(401, [("Content-Type", JSON)],
                         error_body("UNAUTHORIZED", "Invalid username or password", {}))
        if name.split("/")[0] in self.disabled:
            return Reply(405, [("Content-Type", JSON)],
                         error_body("DENIED", "Namespace is disabled. Please contact your "
                                    "system administrator.", {}))
        if name in self.apps:
            return Reply(405, [("Content-Type", JSON)], error_body(
                "UNSUPPORTED", "This repository is for managing application and not images",
                {}))
        # Public, private and nonexistent alike: 200 {"token"} (no expires_in);
        # a repository the caller may not read gets "actions": [].
        token = self.tokens.mint([name] if name in self.public else [])
        return Reply(200, [("Content-Type", JSON)], '{"token":"%s"}' % token)
