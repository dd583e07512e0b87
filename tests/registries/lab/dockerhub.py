"""Docker Hub: registry-1.docker.io with its token service auth.docker.io
(REGISTRIES.md §1). HTTP/1.1 only, both hosts (line/kubectl-kustomize#12,
Michsior14/docker-mods#11: "ALPN: server did not agree on a protocol").

Repositories: `public` names are granted to anonymous tokens; every other
name (private or nonexistent: Docker Hub answers both alike) gets a token
with no access."""

import datetime

from .core import DDAV, JSON, Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

SERVICE = "registry.docker.io"


class DockerHubAuth(Emulator):
    """auth.docker.io/token."""

    name = "dockerhub-auth"

    def __init__(self, public):
        super().__init__()
        self.public = set(public)

    def answer(self, request):
        if request.path != "/token":
            return Reply(404, [("Content-Type", "text/plain")], b"404 page not found\n")
        repository = scope_repository(request.query.get("scope"))
        # distribution#1203: a token for a repository the caller may not
        # read is still 200, with "access": [].
        granted = [repository] if repository in self.public else []
        token = self.tokens.mint(granted, prefix="eyJ")
        # hub-feedback#2094 (2021): all four fields.
        issued = datetime.datetime.now(datetime.timezone.utc).isoformat()
        body = ('{"token":"%s","access_token":"%s","expires_in":300,"issued_at":"%s"}'
                % (token, token, issued))
        # docker-mods#11: 200, application/json, chunked (here: a length).
        return Reply(200, [("Content-Type", JSON),
                           ("Strict-Transport-Security", "max-age=31536000")], body)


class DockerHub(Emulator):
    """registry-1.docker.io. `abuse=True`: the anti-abuse limiter has this
    client (every request, HEAD included, gets its 429)."""

    name = "dockerhub"

    def __init__(self, backend, auth, abuse=False):
        super().__init__(backend)
        self.auth = auth
        self.abuse = abuse

    def answer(self, request):
        if self.abuse:
            # hub-feedback#1907 [VERBATIM]: bare LF line ends, text/plain,
            # Retry-After: 60, connection closed.
            return Reply(429, raw=b"HTTP/1.1 429 Too Many Requests\nCache-Control: no-cache\n"
                                  b"Connection: close\nContent-Type: text/plain\n"
                                  b"Retry-After: 60\n\nToo Many Requests (HAP429).\n")
        parsed = manifest_path(request.path)
        if parsed is None:
            return self.unauthorized(None, None)
        name, reference = parsed
        token = request.bearer()
        if token is None or not self.auth.tokens.allows(token, name):
            return self.unauthorized(name, "insufficient_scope" if token else None)
        # gist jeversol/369009aa, hub-feedback#2464: HEAD answers 200 with the
        # pull quota, even at "remaining: 0" (HEAD does not count).
        return self.forward(request, name, reference, [
            ("ratelimit-limit", "100;w=21600"), ("ratelimit-remaining", "0;w=21600"),
            ("docker-ratelimit-source", "127.0.0.1")])

    def unauthorized(self, name, error):
        # pulp/pulp_container#1139, docker-archive/docker-registry#1071,
        # buildpacks/pack#537 [VERBATIM]: 401, JSON UNAUTHORIZED with detail;
        # the challenge names the repository, plus insufficient_scope once a
        # token was sent. containerd#3291: /v2/ has no scope.
        scope = f"repository:{name}:pull" if name else None
        challenge = bearer_challenge(self.auth.base + "/token", SERVICE, scope, error)
        detail = [{"Type": "repository", "Class": "", "Name": name, "Action": "pull"}]
        body = error_body("UNAUTHORIZED", "authentication required", detail if name else None)
        return Reply(401, [("Content-Type", JSON), DDAV,
                           ("docker-ratelimit-source", "127.0.0.1"),
                           ("Strict-Transport-Security", "max-age=31536000"),
                           ("Www-Authenticate", challenge)], body)
