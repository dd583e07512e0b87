"""GitLab: registry.gitlab.com with its token service gitlab.com/jwt/auth
(REGISTRIES.md §10). Transport not recorded: HTTP/1.1 here.

The registry is GitLab's fork of distribution: 401 with a scoped
challenge, realm on the other host, service "container_registry" (fixture
id 58556153005: the literal, not the host name). Token endpoint
(app/services/auth/container_registry_authentication_service.rb
@de09f039 [SOURCE], docs/auth-request-flow.md [DOC]):
  public          200 {"token"} (no expires_in)
  private, and nonexistent (unauthorised scopes are dropped, no scope
                  left): 403 {"errors":[{"code":"DENIED","message":"access forbidden"}]}
  enabled=False   self-managed instance with the registry disabled:
                  404 UNAVAILABLE "registry not enabled"
  a service other than container_registry: a token that is not valid for
                  the scope (fixture id 58556153005)."""

from .core import DDAV, JSON, Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

SERVICE = "container_registry"


class GitLabAuth(Emulator):
    name = "gitlab-auth"

    def __init__(self, public, enabled=True):
        super().__init__()
        self.public = set(public)
        self.enabled = enabled

    def answer(self, request):
        if request.path != "/jwt/auth":
            return Reply(404, [("Content-Type", "text/html")], b"<html>Not Found</html>")
        if not self.enabled:
            return Reply(404, [("Content-Type", JSON)],
                         error_body("UNAVAILABLE", "registry not enabled"))
        name = scope_repository(request.query.get("scope"))
        if request.query.get("service") != SERVICE:
            return Reply(200, [("Content-Type", JSON)], '{"token":"%s"}' % self.tokens.mint([]))
        if name not in self.public:
            return Reply(403, [("Content-Type", JSON)], error_body("DENIED", "access forbidden"))
        return Reply(200, [("Content-Type", JSON)], '{"token":"%s"}' % self.tokens.mint([name]))


class GitLab(Emulator):
    name = "gitlab"

    def __init__(self, backend, auth):
        super().__init__(backend)
        self.auth = auth

    def answer(self, request):
        parsed = manifest_path(request.path)
        name = parsed[0] if parsed else None
        token = request.bearer()
        if parsed is None or token is None or not self.auth.tokens.allows(token, name):
            scope = f"repository:{name}:pull" if name else None
            error = "insufficient_scope" if token else None
            challenge = bearer_challenge(self.auth.base + "/jwt/auth", SERVICE, scope, error)
            return Reply(401, [("Content-Type", JSON), DDAV, ("Www-Authenticate", challenge)],
                         error_body("UNAUTHORIZED", "authentication required"))
        return self.forward(request, *parsed)
