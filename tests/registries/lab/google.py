"""Google: Artifact Registry (<region>-docker.pkg.dev), the legacy
Container Registry (gcr.io, now served by Artifact Registry) and the
registry.k8s.io redirector in front of Artifact Registry (REGISTRIES.md
§4, §5). All HTTP/2.

Public repositories are served with no challenge and no token
(kubernetes/registry.k8s.io#261, kubernetes/k8s.io#1834,
knative/serving#9442 [VERBATIM]). Anything else (private, or a project or
repository that does not exist: "(or it may not exist)") gets a 401 whose
token endpoint refuses anonymous clients with 403 DENIED
(GoogleCloudPlatform/aactl#233, dagger/dagger#11667).

`blocked=True`: Google's front end refuses this client: 403 with Google's
HTML error page and no registry headers, for every request, public images
included (registry.k8s.io docs/debugging.md, registry.k8s.io#273,
rpardini/docker-registry-proxy#152, isard-vdi/isard#448)."""

from .core import DDAV, JSON, Emulator, Reply, bearer_challenge, error_body, manifest_path

GOOGLE_403 = """<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">
  <title>Error 403 (Forbidden)!!1</title>
  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>
  <p><b>403.</b> <ins>That\u2019s an error.</ins>
  <p>Your client does not have permission to get URL <code>%s</code> from this server.  <ins>That\u2019s all we know.</ins>
"""


class GoogleRegistry(Emulator):
    """Artifact Registry, or gcr.io with `legacy=True`: gcr.io's challenge
    has no scope (containers/image#211, containerd#4379) and its server
    header is "Docker Registry"; its missing manifests say "Requested entity
    was not found." (kubernetes/minikube#22608)."""

    http2 = True

    def __init__(self, backend, public, name="gar", legacy=False, blocked=False):
        super().__init__(backend)
        self.name = name
        self.public = set(public)  # public repositories: prefixes of image names
        self.legacy = legacy
        self.blocked = blocked

    def answer(self, request):
        if self.blocked:
            return Reply(403, [("Content-Type", "text/html; charset=UTF-8"),
                               ("Referrer-Policy", "no-referrer")],
                         GOOGLE_403 % request.path)
        if request.path == "/v2/token":
            return self.token(request)
        parsed = manifest_path(request.path)
        if parsed is None:
            # apple/container#2274: /v2/ gets realm only, no service.
            return self.unauthorized(bearer_challenge(self.base + "/v2/token"))
        name, reference = parsed
        if not any(name.startswith(prefix + "/") for prefix in self.public):
            service = "gcr.io" if self.legacy else self.host
            scope = None if self.legacy else f"repository:{name}:pull"
            return self.unauthorized(bearer_challenge(self.base + "/v2/token", service, scope))
        extra = [("Server", "Docker Registry")] if self.legacy else []
        reply = self.forward(request, name, reference, extra)
        if reply.status == 404:
            return Reply(404, [("Content-Type", JSON), DDAV] + extra,
                         error_body("MANIFEST_UNKNOWN", "Requested entity was not found."))
        return reply

    def unauthorized(self, challenge):
        return Reply(401, [("Content-Type", JSON), DDAV, ("Www-Authenticate", challenge)],
                     error_body("UNAUTHORIZED", "You don't have the needed permissions to "
                                "perform this operation, and you may have invalid credentials. "
                                "To authenticate your request, follow the steps in: "
                                "https://cloud.google.com/container-registry/docs/advanced-"
                                "authentication"))

    def token(self, request):
        scope = request.query.get("scope", "")
        repository = scope.split(":")[1] if scope.count(":") >= 2 else ""
        return Reply(403, [("Content-Type", JSON)], error_body(
            "DENIED", "Unauthenticated request. Unauthenticated requests do not have "
            "permission \"artifactregistry.repositories.downloadArtifacts\" on resource "
            f"\"projects/{repository.split('/')[0]}/locations/us/repositories/"
            f"{'/'.join(repository.split('/')[1:2])}\" (or it may not exist)"))


class K8sRedirector(Emulator):
    """registry.k8s.io (archeio, cmd/archeio/internal/app/handlers.go
    @093d55a6): /v2/ is 200 with no challenge; every manifest and tag
    request is a 307 to the Artifact Registry upstream under
    /v2/k8s-artifacts-prod/images/<path>; methods other than GET and HEAD
    get 405. Headers from registry.k8s.io#261 [VERBATIM]."""

    name = "k8s"
    http2 = True

    def __init__(self, upstream):
        super().__init__()
        self.upstream = upstream

    def answer(self, request):
        if request.method not in ("GET", "HEAD"):
            return Reply(405, [("Content-Type", "text/plain")], "Only GET and HEAD are allowed.")
        front = [("Server", "Google Frontend"), ("Via", "1.1 google, 1.1 google")]
        if request.path in ("/v2/", "/v2"):
            return Reply(200, [("Content-Type", "text/html"), DDAV] + front)
        if not request.path.startswith("/v2/"):
            return Reply(404, [("Content-Type", "text/plain")] + front, "404 page not found\n")
        target = (self.upstream.base + "/v2/k8s-artifacts-prod/images/" +
                  request.path[len("/v2/"):])
        body = f'<a href="{target}">Temporary Redirect</a>.\n\n'
        return Reply(307, [("Content-Type", "text/html; charset=utf-8"), ("Location", target)] +
                     front, body)
