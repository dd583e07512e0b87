"""The whole lab: one backend docker-registry, a test CA, and every
emulated registry family of REGISTRIES.md §1-§13 on 127.0.0.1, each over
TLS (HTTP/2 through nghttpx where the real one offers it)."""

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "registry"))
from fixtures import pki  # noqa: E402

from . import artifactory, azure, dockerhub, ecr, ghcr, gitlab, google, harbor, nexus  # noqa
from . import quay  # noqa: E402
from .backend import Backend  # noqa: E402
from .transport import Endpoint  # noqa: E402

ECR_FLOOD = [f"lab0flood/app-{i:02d}" for i in range(16)]

# Images the backend holds: (family, repository, tags).
IMAGES = [
    ("dockerhub", "library/alpine", ["3.19"]),
    ("dockerhub", "acme/private-app", ["1.0"]),
    ("ghcr", "owner/app", ["1.0"]),
    ("ghcr", "owner/flaky", ["1.0"]),
    ("ghcr", "owner/busy", ["1.0"]),
    ("quay", "my-org/api", ["v1.0.1"]),
    ("gar", "proj/pub/app", ["1.0"]),
    ("gar", "k8s-artifacts-prod/images/pause", ["3.9"]),
    ("gcr", "distroless/static", ["latest"]),
    ("ecr-public", "lab0public/app", ["1.0"]),
    ("acr", "app", ["1.0"]),
    ("acr", "artifact", ["1.0"]),
    ("mcr", "dotnet/runtime", ["8.0"]),
    ("mcr", "dotnet/sdk", ["8.0"]),
    ("gitlab", "gitlab-org/public-image", ["latest"]),
    ("harbor", "library/nginx", ["1.25"]),
    ("artifactory", "bitnami/mysqld-exporter", ["0.15"]),
    ("artifactory", "bitnami/redis", ["7.2"]),
    ("nexus", "public/app", ["1.0"]),
] + [("ecr-public", name, ["1.0"]) for name in ECR_FLOOD]


class Lab:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="ppi-registries-lab-")
        self.stoppables = []
        self.endpoints = {}
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _keep(self, thing):
        self.stoppables.append(thing)
        return thing

    def serve(self, key, emulator):
        """Puts `emulator` on a socket; the lab knows it by `key`."""
        self.endpoints[key] = self._keep(Endpoint(emulator, self.leaf, self.tmp))
        return emulator

    def _start(self):
        self.backend = self._keep(Backend(self.tmp))
        for family, repository, tags in IMAGES:
            self.backend.push(f"lab/{family}/{repository}", tags)
        self.ca = pki.make_ca(self.tmp, "lab-ca")
        self.leaf = pki.make_leaf(self.tmp, "lab-tls", self.ca)
        self._docker_hub()
        b = self.backend
        self.serve("ghcr", ghcr.Ghcr(b, public=["owner/app"], private_401=["owner/secret-app"],
                                     flaky=["owner/flaky"], busy=["owner/busy"],
                                     schema1=["owner/schema1"]))
        self.serve("quay", quay.Quay(b, public=["my-org/api"], disabled=["frozen"],
                                     apps=["my-org/chart"], throttled=["my-org/throttled"]))
        self._google()
        self.serve("ecr", ecr.EcrPrivate())
        self.serve("ecr-public", ecr.EcrPublic(b, ["lab0public/app"]))
        self.serve("ecr-public-flood", ecr.EcrPublic(b, ECR_FLOOD))
        self._microsoft()
        self._gitlab()
        self.serve("harbor", harbor.Harbor(b, ["library"], ["secret"]))
        key = "some-docker"
        self.serve("artifactory", artifactory.Artifactory(
            b, key, ["bitnami/mysqld-exporter", "bitnami/redis"]))
        self.serve("artifactory-closed", artifactory.Artifactory(
            b, key, ["bitnami/mysqld-exporter"], anonymous=False))
        self.serve("nexus", nexus.Nexus(b, ["public/app"]))
        self.serve("nexus-misconfigured", nexus.Nexus(b, [], misconfigured=True))

    def _docker_hub(self):
        auth = self.serve("dockerhub-auth", dockerhub.DockerHubAuth(["library/alpine"]))
        self.serve("dockerhub", dockerhub.DockerHub(self.backend, auth))
        self.serve("dockerhub-abuse", dockerhub.DockerHub(self.backend, auth, abuse=True))

    def _google(self):
        b = self.backend
        public = ["proj/pub", "k8s-artifacts-prod/images"]
        gar = self.serve("gar", google.GoogleRegistry(b, public))
        blocked = self.serve("gar-blocked", google.GoogleRegistry(b, public, blocked=True))
        self.serve("gcr", google.GoogleRegistry(b, ["distroless"], name="gcr",
                                                legacy=True))
        self.serve("k8s", google.K8sRedirector(gar))
        self.serve("k8s-blocked", google.K8sRedirector(blocked))

    def _microsoft(self):
        b = self.backend
        self.serve("acr", azure.Acr(b, ["app"]))
        self.serve("acr-anonymous", azure.Acr(b, ["app", "artifact"], anonymous=True,
                                              artifacts=["artifact"]))
        self.serve("acr-firewall", azure.Acr(b, ["app"], firewall=True))
        cdn = self.serve("mcr-cdn", azure.McrCdn(b))
        self.serve("mcr", azure.Mcr(b, ["dotnet/runtime", "dotnet/sdk"], cdn=cdn,
                                    via_cdn=["dotnet/sdk"]))

    def _gitlab(self):
        b = self.backend
        auth = self.serve("gitlab-auth", gitlab.GitLabAuth(["gitlab-org/public-image"]))
        self.serve("gitlab", gitlab.GitLab(b, auth))
        off = self.serve("gitlab-auth-off", gitlab.GitLabAuth([], enabled=False))
        self.serve("gitlab-off", gitlab.GitLab(b, off))

    def host(self, key):
        return self.endpoints[key].host

    def emulator(self, key):
        return self.endpoints[key].emulator

    def stop(self):
        for thing in reversed(self.stoppables):
            thing.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)
