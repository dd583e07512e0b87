"""Sonatype Nexus Repository, a docker hosted repository on its own
connector port (REGISTRIES.md §13). Transport not recorded: HTTP/1.1.

  forceBasicAuth=true (the default, sonatype/nexus-public#921, 3.89.1):
    a manifest the anonymous role may read is answered 200 with no
    challenge (nexus-public#217 [ERR-TEXT]); otherwise 401
    WWW-Authenticate: BASIC realm="Sonatype Nexus Repository Manager"
    (upper-case scheme).
  misconfigured=True: a Bearer challenge whose realm was assigned as
    http://<host>:443/repository/<repo>/ (plain http to the TLS port,
    nexus-public#435 [VERBATIM]); the port here is this server's TLS port."""

from .core import DDAV, JSON, Emulator, Reply, error_body, manifest_path


class Nexus(Emulator):
    name = "nexus"

    def __init__(self, backend, readable, misconfigured=False):
        super().__init__(backend)
        self.readable = set(readable)
        self.misconfigured = misconfigured

    def answer(self, request):
        parsed = manifest_path(request.path)
        if self.misconfigured:
            realm = f"http://{self.host}/repository/nexus-docker/"
            return Reply(401, [("Content-Type", JSON), DDAV, (
                "WWW-Authenticate", f'Bearer realm="{realm}",service="{self.base}/v2/token"')],
                error_body("UNAUTHORIZED", "access to the requested resource is not authorized"))
        if parsed is None or parsed[0] not in self.readable:
            return Reply(401, [("Content-Type", JSON), DDAV, (
                "WWW-Authenticate", 'BASIC realm="Sonatype Nexus Repository Manager"')],
                error_body("UNAUTHORIZED", "access to the requested resource is not authorized"))
        reply = self.forward(request, *parsed)
        if reply.status == 404:
            return Reply(404, [("Content-Type", JSON), DDAV],
                         error_body("MANIFEST_UNKNOWN", "manifest unknown"))
        return reply
