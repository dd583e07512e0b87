"""Amazon ECR, private registries and ECR Public (REGISTRIES.md §6, §7)."""

import threading
import time

from .core import DDAV, JSON_UTF8, Emulator, Reply, bearer_challenge, error_body, manifest_path


class EcrPrivate(Emulator):
    """<account>.dkr.ecr.<region>.amazonaws.com: no anonymous pull exists
    (aws/containers-roadmap#990); every request, repository-scoped or not,
    gets 401 Basic with a plain-text body (NVIDIA/enroot#59, quoted in a
    code comment [VERBATIM-via-comment]). HTTP/1.1 in that transcript."""

    name = "ecr"

    def answer(self, request):
        return Reply(401, [DDAV, ("Www-Authenticate",
                                  f'Basic realm="{self.base}/",service="ecr.amazonaws.com"'),
                           ("Content-Type", "text/plain; charset=utf-8")], b"Not Authorized\n")


class TokenBucket:
    """`rate` requests a second with a burst of `burst`."""

    def __init__(self, rate, burst):
        self.rate, self.burst = rate, burst
        self.level = float(burst)
        self.at = time.monotonic()
        self.lock = threading.Lock()
        self.refused = 0

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.level = min(self.burst, self.level + (now - self.at) * self.rate)
            self.at = now
            if self.level >= 1:
                self.level -= 1
                return True
            self.refused += 1
            return False


class EcrPublic(Emulator):
    """public.ecr.aws. HTTP/2.

    Every repository is public (there are no private ones on ECR Public):
    401 with scope="aws" and a DENIED body until a token is sent (stored
    issue id 23183404341 [VERBATIM]); the token endpoint /token/ grants
    scope aws and repository scopes alike (wazuh/wazuh#35608); a missing
    repository is 404 NAME_UNKNOWN (aws-samples/…#24 [ERR-TEXT]).

    Anonymous clients are limited to about one request a second
    (aws/aws-lambda-web-adapter#429, maintainer): 429 TOOMANYREQUESTS "Rate
    exceeded", no Retry-After seen. Modelled as a token bucket over every
    request of the client (1 a second, a burst of `burst` [INFERRED])."""

    name = "ecr-public"
    http2 = True

    def __init__(self, backend, repositories, rate=1.0, burst=10):
        super().__init__(backend)
        self.repositories = set(repositories)
        self.bucket = TokenBucket(rate, burst)

    def answer(self, request):
        if not self.bucket.take():
            return Reply(429, [("Content-Type", JSON_UTF8)],
                         error_body("TOOMANYREQUESTS", "Rate exceeded"))
        if request.path.rstrip("/") == "/token":
            token = self.tokens.mint(self.repositories)
            return Reply(200, [("Content-Type", JSON_UTF8)], '{"token":"%s"}' % token)
        parsed = manifest_path(request.path)
        token = request.bearer()
        if parsed is None or token is None or not self.tokens.known(token):
            challenge = bearer_challenge(self.base + "/token/", "public.ecr.aws", "aws")
            return Reply(401, [("Content-Type", JSON_UTF8), DDAV, ("Www-Authenticate", challenge),
                               ("Proxy-Support", "Session-Based-Authentication")],
                         error_body("DENIED", "Not Authorized"))
        name, reference = parsed
        if name not in self.repositories:
            registry_id, _, repo = name.partition("/")
            return Reply(404, [("Content-Type", JSON_UTF8), DDAV], error_body(
                "NAME_UNKNOWN", f"The repository with name '{repo}' does not exist in the "
                f"registry with id '{registry_id}'"))
        reply = self.forward(request, name, reference)
        if reply.status == 404:
            return Reply(404, [("Content-Type", JSON_UTF8), DDAV], error_body(
                "MANIFEST_UNKNOWN", f"Requested image not found"))
        return reply
