"""Harbor, read from goharbor/harbor @c50c7ddd (REGISTRIES.md §11):
src/server/middleware/v2auth/auth.go (+ auth_test.go),
src/core/service/token/{creator.go,token.go,authutils.go}. Self-hosted;
transport not recorded: HTTP/1.1 here.

Projects: `public` (anonymous may pull), `private`; any other project does
not exist. A manifest request with no Authorization always gets the Bearer
challenge, public projects included ("make sure 401 is returned for CLI
HEAD, see #11271"). With a token but no pull permission: 401 Basic
realm="harbor" (getChallenge answers Basic whenever Authorization was
sent); for a project that does not exist: 401 with an empty
Www-Authenticate."""

import datetime

from .core import JSON_UTF8, Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

SERVICE = "harbor-registry"


class Harbor(Emulator):
    name = "harbor"

    def __init__(self, backend, public_projects, private_projects):
        super().__init__(backend)
        self.public = set(public_projects)
        self.private = set(private_projects)

    def answer(self, request):
        if request.path == "/service/token":
            return self.token(request)
        parsed = manifest_path(request.path)
        if parsed is None:
            return self.unauthorized(bearer_challenge(self.base + "/service/token", SERVICE))
        name, reference = parsed
        project = name.split("/")[0]
        token = request.bearer()
        if token is None:
            return self.unauthorized(bearer_challenge(self.base + "/service/token", SERVICE,
                                                      f"repository:{name}:pull"))
        if project not in self.public and project not in self.private:
            return self.unauthorized("", f"project {project} not found")
        if not self.tokens.allows(token, name):
            return self.unauthorized('Basic realm="harbor"', "unauthorized to access "
                                     f"repository: {name}, action: pull")
        return self.forward(request, name, reference)

    def unauthorized(self, challenge, message="unauthorized"):
        return Reply(401, [("Content-Type", JSON_UTF8), ("Www-Authenticate", challenge)],
                     error_body("UNAUTHORIZED", message))

    def token(self, request):
        if request.query.get("service") != SERVICE:
            return Reply(400, [("Content-Type", "text/plain")],
                         f"Unable to handle service: {request.query.get('service')}")
        name = scope_repository(request.query.get("scope"))
        if name is None:
            return Reply(401, [("Content-Type", "text/plain")], b"Unauthorized")
        granted = [name] if name.split("/")[0] in self.public else []
        issued = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = ('{"token":"%s","access_token":"","expires_in":1800,"issued_at":"%s"}'
                % (self.tokens.mint(granted), issued))
        return Reply(200, [("Content-Type", JSON_UTF8)], body)
