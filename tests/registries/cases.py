"""The table: registry family × case → the class and reason the prober
must give, through the real prober (probe_cli: libcurl, real sockets) and
the emulators of lab/. Each row's case names the fact it rests on; the
emulators' comments (lab/<family>.py) give the sources.

Columns: family, case, endpoint (a key of lab.world.Lab), repository,
reference, class, reason. A reason with "{host}" is formatted with the
endpoint's host:port ("{qhost}": the same, query-escaped). `group`: rows
of one group run in one probe_cli call (sharing its token and host
caches, as one run of the function would); rows that change how a host is
treated for the rest of a run (rate limits) have a group of their own.
The comments above each family name its section of REGISTRIES.md."""

import collections

Case = collections.namedtuple(
    "Case", "family case endpoint repository reference klass reason group")

TOKEN_200 = "200 after anonymous token"
NO_AUTH_200 = "200 without authentication"
BLOCKED_HTML = ('blocked: HTTP 403 with text/html "Error 403 (Forbidden)!!1", '
                "not a registry's answer")


def c(family, case, endpoint, repository, reference, klass, reason, group=None):
    return Case(family, case, endpoint, repository, reference, klass, reason, group or endpoint)


CASES = [
    # §1 Docker Hub: challenge, token for everything, insufficient_scope.
    c("Docker Hub", "public", "dockerhub", "library/alpine", "3.19", "public", TOKEN_200),
    c("Docker Hub", "private", "dockerhub", "acme/private-app", "1.0", "private",
      "401 insufficient_scope after anonymous token"),
    c("Docker Hub", "nonexistent repository", "dockerhub", "acme/never-published", "1.0",
      "private", "401 insufficient_scope after anonymous token"),
    c("Docker Hub", "missing tag", "dockerhub", "library/alpine", "0.0-none", "missing",
      "404 manifest unknown"),
    c("Docker Hub", "rate-limited: pull quota used up (HEAD is exempt)", "dockerhub",
      "library/alpine", "3.19", "public", TOKEN_200, group="dockerhub-quota"),
    c("Docker Hub", "rate-limited: anti-abuse 429, LF-only lines, Retry-After 60",
      "dockerhub-abuse", "library/alpine", "3.19", "rate-limited",
      "429 after 1 attempt (Retry-After 60 s exceeds the time left)"),
    # §2 GHCR: the token endpoint decides.
    c("GHCR", "public", "ghcr", "owner/app", "1.0", "public", TOKEN_200),
    c("GHCR", "private (token 401)", "ghcr", "owner/secret-app", "1.0", "private",
      "token endpoint answered 401 unauthorized"),
    c("GHCR", "private (token 403)", "ghcr", "owner/internal", "1.0", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("GHCR", "nonexistent repository", "ghcr", "owner/never-published", "1.0", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("GHCR", "missing tag", "ghcr", "owner/app", "0.0-none", "missing", "404 manifest unknown"),
    c("GHCR", "blocked: transient 403 for a public package", "ghcr", "owner/flaky", "1.0",
      "public", TOKEN_200),
    c("GHCR", "stored as Docker schema 1 only (Accept)", "ghcr", "owner/schema1", "1.0",
      "public", TOKEN_200),
    c("GHCR", "rate-limited once (429 retry-after: 880µs)", "ghcr", "owner/busy", "1.0",
      "public", TOKEN_200, group="ghcr-busy"),
    # §3 Quay: public without a token; everything else 401 after the token.
    c("Quay", "public", "quay", "my-org/api", "v1.0.1", "public", NO_AUTH_200),
    c("Quay", "private", "quay", "my-org/private-api", "v1", "private",
      "401 after anonymous token"),
    c("Quay", "nonexistent repository", "quay", "my-org/never-published", "v1", "private",
      "401 after anonymous token"),
    c("Quay", "missing tag", "quay", "my-org/api", "0.0-none", "missing",
      "404 manifest unknown"),
    c("Quay", "expired tag", "quay", "my-org/api", "expired", "missing", "404 tag expired"),
    c("Quay", "blocked: namespace disabled (token 405 DENIED)", "quay", "frozen/app", "1.0",
      "private", "token endpoint answered 405 denied"),
    c("Quay", "not an image repository (token 405 UNSUPPORTED)", "quay", "my-org/chart", "1.0",
      "unreachable", "token endpoint answered 405 unsupported"),
    c("Quay", "rate-limited (429 nginx HTML, no Retry-After)", "quay", "my-org/throttled", "1",
      "rate-limited", "429 after 3 attempts", group="quay-throttled"),
    # §4 Artifact Registry and gcr.io.
    c("Artifact Registry", "public", "gar", "proj/pub/app", "1.0", "public", NO_AUTH_200),
    c("Artifact Registry", "private", "gar", "proj/priv/app", "1.0", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("Artifact Registry", "nonexistent repository", "gar", "ghost/repo/app", "1.0", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("Artifact Registry", "missing image in a public repository", "gar", "proj/pub/never",
      "1.0", "missing", "404 manifest unknown"),
    c("Artifact Registry", "missing tag", "gar", "proj/pub/app", "0.0-none", "missing",
      "404 manifest unknown"),
    c("Artifact Registry", "blocked by Google's front end (HTML 403)", "gar-blocked",
      "proj/pub/app", "1.0", "unreachable", BLOCKED_HTML),
    c("gcr.io", "public", "gcr", "distroless/static", "latest", "public", NO_AUTH_200),
    c("gcr.io", "private", "gcr", "acme-project/app", "1.0", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("gcr.io", "missing tag", "gcr", "distroless/static", "0.0-none", "missing",
      "404 manifest unknown"),
    # §5 registry.k8s.io: 307 to Artifact Registry for manifests.
    c("registry.k8s.io", "public (redirect, 307)", "k8s", "pause", "3.9", "public",
      NO_AUTH_200),
    c("registry.k8s.io", "missing tag (redirect, 307)", "k8s", "pause", "0.0-none", "missing",
      "404 manifest unknown"),
    c("registry.k8s.io", "blocked: the redirect target's HTML 403", "k8s-blocked", "pause",
      "3.9", "unreachable", BLOCKED_HTML),
    # §6 ECR private: 401 Basic for everything.
    c("ECR", "private", "ecr", "team/app", "1.0", "private", "401 Basic: credentials required"),
    c("ECR", "nonexistent repository", "ecr", "team/never-published", "1.0", "private",
      "401 Basic: credentials required"),
    # §7 ECR Public: scope "aws", 404 NAME_UNKNOWN, 1 request a second.
    c("ECR Public", "public", "ecr-public", "lab0public/app", "1.0", "public", TOKEN_200),
    c("ECR Public", "nonexistent repository", "ecr-public", "lab0public/none", "1.0", "missing",
      "404 name unknown"),
    c("ECR Public", "missing tag", "ecr-public", "lab0public/app", "0.0-none", "missing",
      "404 manifest unknown"),
    # §8 ACR: token 401 when anonymous pull is off; access_token only when on.
    c("ACR", "private (anonymous pull off)", "acr", "app", "1.0", "private",
      "token endpoint answered 401 unauthorized"),
    c("ACR", "nonexistent repository (anonymous pull off)", "acr", "never-published", "1.0",
      "private", "token endpoint answered 401 unauthorized"),
    c("ACR", "public (anonymous pull on)", "acr-anonymous", "app", "1.0", "public", TOKEN_200),
    c("ACR", "nonexistent repository (anonymous pull on)", "acr-anonymous", "never-published",
      "1.0", "missing", "404 name unknown"),
    c("ACR", "missing tag (anonymous pull on)", "acr-anonymous", "app", "0.0-none", "missing",
      "404 manifest unknown"),
    c("ACR", "stored as an OCI artifact manifest (Accept)", "acr-anonymous", "artifact", "1.0",
      "public", '404 manifest unknown, but "OCI artifact manifest found, but accept header '
      'does not support OCI artifact manifests": it exists and is readable'),
    c("ACR", "blocked by the registry firewall (403 DENIED)", "acr-firewall", "app", "1.0",
      "unreachable", "blocked: 403 denied: client with IP '127.0.0.1' is not allowed access, "
      "refer https://aka.ms/acr/firewall to grant access"),
    # §9 MCR: public only, no authorization; manifests may go to the CDN.
    c("MCR", "public", "mcr", "dotnet/runtime", "8.0", "public", NO_AUTH_200),
    c("MCR", "public (redirect, 307 to the CDN)", "mcr", "dotnet/sdk", "8.0", "public",
      NO_AUTH_200),
    c("MCR", "missing tag", "mcr", "dotnet/runtime", "0.0-none", "missing",
      "404 manifest unknown"),
    c("MCR", "nonexistent repository", "mcr", "dotnet/never-published", "8.0", "missing",
      "404 manifest unknown"),
    # §10 GitLab: token on the other host; 403 DENIED for private and nonexistent.
    c("GitLab", "public", "gitlab", "gitlab-org/public-image", "latest", "public", TOKEN_200),
    c("GitLab", "private", "gitlab", "gitlab-org/secret", "latest", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("GitLab", "nonexistent repository", "gitlab", "nobody/nothing", "latest", "private",
      "token endpoint answered 403 denied, again after 1 s"),
    c("GitLab", "missing tag", "gitlab", "gitlab-org/public-image", "0.0-none", "missing",
      "404 manifest unknown"),
    c("GitLab", "registry disabled (token 404 UNAVAILABLE)", "gitlab-off",
      "gitlab-org/public-image", "latest", "unreachable",
      "token endpoint answered 404 unavailable"),
    # §11 Harbor: Basic after the token for private, no challenge for no project.
    c("Harbor", "public", "harbor", "library/nginx", "1.25", "public", TOKEN_200),
    c("Harbor", "private project", "harbor", "secret/app", "1.0", "private",
      "401 Basic after anonymous token: credentials required"),
    c("Harbor", "nonexistent project", "harbor", "ghost/app", "1.0", "private",
      "401 without a challenge after anonymous token"),
    c("Harbor", "nonexistent repository in a public project", "harbor", "library/never",
      "1.0", "missing", "404 manifest unknown"),
    c("Harbor", "missing tag", "harbor", "library/nginx", "0.0-none", "missing",
      "404 manifest unknown"),
    # §12 Artifactory: scope without the repository key; HEAD without scope.
    c("Artifactory", "public (first image of the host)", "artifactory",
      "some-docker/bitnami/mysqld-exporter", "0.15", "public", TOKEN_200),
    c("Artifactory", "public (later image: token fetched before the HEAD)", "artifactory",
      "some-docker/bitnami/redis", "7.2", "public", TOKEN_200),
    c("Artifactory", "missing tag", "artifactory", "some-docker/bitnami/redis", "0.0-none",
      "missing", "404 manifest unknown"),
    c("Artifactory", "private (anonymous access off)", "artifactory-closed",
      "some-docker/bitnami/mysqld-exporter", "0.15", "private",
      "token endpoint answered 401 unauthorized"),
    # §13 Nexus: Basic by default; a plain-http realm when misconfigured.
    c("Nexus", "public (anonymous may read)", "nexus", "public/app", "1.0", "public",
      NO_AUTH_200),
    c("Nexus", "private", "nexus", "private/app", "1.0", "private",
      "401 Basic: credentials required"),
    c("Nexus", "missing tag", "nexus", "public/app", "0.0-none", "missing",
      "404 manifest unknown"),
    c("Nexus", "misconfigured realm (http:// to the TLS port)", "nexus-misconfigured",
      "public/app", "1.0", "unreachable",
      "token endpoint refused http://{host}/repository/nexus-docker/?service=https%3A%2F%2F"
      "{qhost}%2Fv2%2Ftoken&scope=repository%3Apublic%2Fapp%3Apull: plain http to a host not "
      "listed as insecure"),
]
