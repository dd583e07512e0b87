"""JFrog Artifactory with the repository-path method: the URL path starts
with the repository key, /v2/<key>/<image>/manifests/<ref> (REGISTRIES.md
§12). Transport not recorded: HTTP/1.1 here.

containerd/nerdctl#4244 (Artifactory 7.84.12 [ERR-TEXT+headers]): 401,
application/json;charset=ISO-8859-1, realm
https://<host>:443/artifactory/api/docker/<key>/v2/token with an explicit
port, service "<host>:443", and a scope that leaves the key out:
repository:<image>:pull. containerd#3556, devcontainers/cli#692: the 401
to HEAD has no scope at all (GET has it).

Not recorded, and emulated as the challenge implies [INFERRED]: the token
endpoint grants pull for repository:<image>:pull (the name without the
key) when anonymous access is on, and nothing for any other scope name;
with anonymous access off it answers 401. Token fields: {"token",
"expires_in"}. jetstack/version-checker#318: a missing manifest is 404
MANIFEST_UNKNOWN "The named manifest is not known to the registry."."""

from .core import Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

JSON_LATIN1 = "application/json;charset=ISO-8859-1"


class Artifactory(Emulator):
    name = "artifactory"

    def __init__(self, backend, key, public, anonymous=True):
        super().__init__(backend)
        self.key = key
        self.public = set(public)  # image names, without the key
        self.anonymous = anonymous

    def realm(self):
        return f"{self.base}/artifactory/api/docker/{self.key}/v2/token"

    def answer(self, request):
        if request.path == f"/artifactory/api/docker/{self.key}/v2/token":
            return self.token(request)
        parsed = manifest_path(request.path, prefix=f"/v2/{self.key}/")
        image = parsed[0] if parsed else None
        token = request.bearer()
        if parsed is None or token is None or not self.tokens.allows(token, image):
            scope = None if request.method == "HEAD" or image is None else (
                f"repository:{image}:pull")
            challenge = bearer_challenge(self.realm(), self.host, scope)
            return Reply(401, [("Content-Type", JSON_LATIN1), ("Www-Authenticate", challenge)],
                         error_body("UNAUTHORIZED", "Authentication is required", None))
        reply = self.forward(request, image, parsed[1])
        if reply.status == 404:
            return Reply(404, [("Content-Type", JSON_LATIN1)], error_body(
                "MANIFEST_UNKNOWN", "The named manifest is not known to the registry.",
                {"manifest": image}))
        return reply

    def token(self, request):
        if not self.anonymous:
            return Reply(401, [("Content-Type", JSON_LATIN1)],
                         error_body("UNAUTHORIZED", "Authentication is required", None))
        name = scope_repository(request.query.get("scope"))
        granted = [name] if name in self.public else []
        return Reply(200, [("Content-Type", "application/json")],
                     '{"token":"%s","expires_in":3600}' % self.tokens.mint(granted))
