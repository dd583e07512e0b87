"""Debian's docker-registry behind the emulators: it holds the images
(real manifests, digests and media types) that an emulator serves once it
has decided that the client may read them."""

import http.client
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "registry"))
from fixtures import images, registry  # noqa: E402

from .core import Reply  # noqa: E402

RELAYED = ("content-type", "docker-content-digest", "docker-distribution-api-version")


class Backend:
    def __init__(self, workdir):
        storage = os.path.join(workdir, "backend-storage")
        self.registry = registry.Registry(workdir, "backend", storage)
        self.blobs, self.image_manifest, self.index = images.build_image()
        self.pushed = set()

    def push(self, repository, tags):
        """Pushes the lab's one image (an OCI index over one manifest) to
        `repository` under each tag."""
        base = self.registry.base
        if repository not in self.pushed:
            for blob in self.blobs:
                images.push_blob(base, repository, blob)
            manifest = self.image_manifest
            images.push_manifest(base, repository, images.digest(manifest), manifest,
                                 images.OCI_MANIFEST)
            self.pushed.add(repository)
        for tag in tags:
            images.push_manifest(base, repository, tag, self.index, images.OCI_INDEX)

    def manifest(self, request, repository, reference, extra_headers=()):
        """GETs the manifest with the request's Accept and relays status,
        content headers and body (the transport leaves the body out of an
        answer to HEAD, as a registry does)."""
        conn = http.client.HTTPConnection(self.registry.host, timeout=30)
        headers = {"Accept": request.header("Accept") or "*/*"}
        conn.request("GET", f"/v2/{repository}/manifests/{reference}", headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        kept = [(k, v) for k, v in resp.getheaders() if k.lower() in RELAYED]
        return Reply(resp.status, kept + list(extra_headers), body)

    def stop(self):
        self.registry.stop()
