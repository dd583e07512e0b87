"""Microsoft: Azure Container Registry (*.azurecr.io) and the Microsoft
Artifact Registry (mcr.microsoft.com) (REGISTRIES.md §8, §9). HTTP/1.1
(Azure/acr docs/AAD-OAuth.md shows "HTTP/1.1 401"; MCR not recorded)."""

from .core import DDAV, JSON_UTF8, Emulator, Reply, bearer_challenge, error_body, manifest_path
from .core import scope_repository

ARTIFACT = "application/vnd.oci.artifact.manifest.v1+json"


class Acr(Emulator):
    """One registry, in one of three modes:
      anonymous=False  anonymous pull off (the default): the token endpoint
                       answers 401 to anonymous clients (containerd logs
                       quoted in REGISTRIES.md §8, four of them [ERR-TEXT])
      anonymous=True   anonymous pull on (MicrosoftDocs anonymous-pull-
                       access.md: for every repository): token
                       {"access_token"} only (docs/AAD-OAuth.md); a missing
                       repository is 404 NAME_UNKNOWN [INFERRED: not found]
      firewall=True    the registry firewall refuses this client's address:
                       403 DENIED "client with IP … is not allowed access"
                       (azureossd blog, 2023-08 [DOC])
    `artifacts`: repositories stored as OCI artifact manifests; an Accept
    without that type gets 404 "… found, but accept header does not
    support …" (Azure/acr#764 gives it for OCI manifests [VERBATIM])."""

    name = "acr"

    def __init__(self, backend, repositories, anonymous=False, firewall=False, artifacts=()):
        super().__init__(backend)
        self.repositories = set(repositories)
        self.anonymous, self.firewall = anonymous, firewall
        self.artifacts = set(artifacts)

    def headers(self):
        return [("Server", "openresty"), ("Content-Type", JSON_UTF8), DDAV]

    def answer(self, request):
        if self.firewall:
            return Reply(403, self.headers(), error_body(
                "DENIED", "client with IP '127.0.0.1' is not allowed access, refer "
                "https://aka.ms/acr/firewall to grant access"))
        if request.path == "/oauth2/token":
            return self.token(request)
        parsed = manifest_path(request.path)
        name = parsed[0] if parsed else None
        token = request.bearer()
        if parsed is None or token is None or not self.tokens.known(token):
            # azure-sdk-for-js recordings [VERBATIM]: 401, openresty, JSON
            # UNAUTHORIZED with detail; the challenge names the scope.
            scope = f"repository:{name}:pull" if name else "registry:catalog:*"
            challenge = bearer_challenge(self.base + "/oauth2/token", self.host, scope)
            detail = [{"Type": "repository", "Name": name, "Action": "pull"}] if name else None
            return Reply(401, self.headers() + [("Www-Authenticate", challenge)], error_body(
                "UNAUTHORIZED", "authentication required, visit https://aka.ms/acr/authorization "
                "for more information.", detail))
        reference = parsed[1]
        if name not in self.repositories:
            return Reply(404, self.headers(), error_body(
                "NAME_UNKNOWN", "repository name not known to registry", {"name": name}))
        if name in self.artifacts and not request.accepts(ARTIFACT):
            return Reply(404, self.headers(), error_body(
                "MANIFEST_UNKNOWN", "OCI artifact manifest found, but accept header does not "
                "support OCI artifact manifests"))
        reply = self.forward(request, name, reference, [("Server", "openresty")])
        if reply.status == 404:
            return Reply(404, self.headers(), error_body(
                "MANIFEST_UNKNOWN", f"manifest tagged by \"{reference}\" is not found",
                {"Tag": reference}))
        return reply

    def token(self, request):
        if not self.anonymous:
            return Reply(401, self.headers(), error_body(
                "UNAUTHORIZED", "authentication required, visit https://aka.ms/acr/authorization "
                "for more information."))
        name = scope_repository(request.query.get("scope"))
        token = self.tokens.mint([name] if name else [])
        return Reply(200, self.headers(), '{"access_token":"%s"}' % token)


class Mcr(Emulator):
    """mcr.microsoft.com: public content only, no authorization at all
    (richlander/container-registry-api README [VERBATIM]). Repositories in
    `via_cdn` answer manifest requests with a 307 to the CDN host `cdn`
    ("All calls will be forwarded to the CDN", microsoft/containerregistry#52).
    A missing manifest: 404 [INFERRED: no transcript]."""

    name = "mcr"

    def __init__(self, backend, repositories, cdn=None, via_cdn=()):
        super().__init__(backend)
        self.repositories = set(repositories)
        self.cdn = cdn
        self.via_cdn = set(via_cdn)

    def answer(self, request):
        parsed = manifest_path(request.path)
        if parsed is None:
            return Reply(200, [("Content-Type", JSON_UTF8), DDAV], b"{}")
        name, reference = parsed
        if name in self.via_cdn:
            return Reply(307, [("Location", f"{self.cdn.base}/mcr{request.path}")],
                         b"Temporary Redirect")
        reply = self.forward(request, name, reference)
        if reply.status == 404 or name not in self.repositories:
            return Reply(404, [("Content-Type", JSON_UTF8), DDAV],
                         error_body("MANIFEST_UNKNOWN", "manifest unknown"))
        return reply


class McrCdn(Emulator):
    """*.data.mcr.microsoft.com: serves what MCR redirects to it (the
    manifest, with no registry headers of its own)."""

    name = "mcr"

    def answer(self, request):
        parsed = manifest_path(request.path, prefix="/mcr/v2/")
        if parsed is None:
            return Reply(404, [("Content-Type", "text/plain")], b"Not Found")
        reply = self.forward(request, *parsed)
        reply.headers = [(k, v) for k, v in reply.headers
                         if k.lower() != "docker-distribution-api-version"]
        return reply
