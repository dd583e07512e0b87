"""Pulling one rewritten image through the proxy with a real client, and
what proves the pull: the manifest's digest is the one pushed upstream,
every blob arrived with the bytes its digest names, and podman's unpacked
image holds the file the image was built with."""

import hashlib
import os
import re

import oci

SKOPEO_TAG_AND_DIGEST = "Docker references with both a tag and digest are currently not supported"


def _hello(world_tag):
    names = {"multi": "my-org/multi on amd64", "multi-arm64": "my-org/multi on arm64",
             "api": "my-org/api"}
    return f"hello from {names.get(world_tag, world_tag)}\n"


def with_skopeo(r, c, w, image, auth, label):
    """skopeo inspect --raw and skopeo copy (every blob) of image.expected."""
    ref = image.expected
    got = c.inspect(ref, auth)
    if image.tag_and_digest and got.returncode != 0 and SKOPEO_TAG_AND_DIGEST in got.stderr:
        r.ok(f"{label}: skopeo refuses name:tag@digest itself (\"{SKOPEO_TAG_AND_DIGEST}\"), "
             "a limit of skopeo, not of the reference; podman pulls it below")
        return
    want = w.digests[image.tag]
    digest = "sha256:" + hashlib.sha256(got.stdout.encode()).hexdigest() if got.stdout else ""
    if not r.check(got.returncode == 0 and digest == want,
                   f"{label}: skopeo inspect --raw {ref}: the manifest pushed upstream ({want[:19]}…)",
                   got.stderr or f"digest {digest}"):
        return
    copies = [("", image.tag)] if not image.multi else [("", "multi-amd64"), ("--all", "multi")]
    for flag, world_tag in copies:
        dest = os.path.join(c.work, "copies", re.sub(r"[^A-Za-z0-9]+", "-", label + flag))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        got = c.copy(ref, auth, dest, *([flag] if flag else []))
        if not r.check(got.returncode == 0, f"{label}: skopeo copy {flag} {ref} to an OCI layout",
                       got.stderr):
            continue
        top = oci.tagged(dest, "pulled")["digest"]
        blobs = oci.image_blobs(dest, top)
        bad = oci.bad_blobs(dest)
        r.check(blobs == w.blobs[world_tag] and not bad and top == w.digests[world_tag],
                f"{label}: skopeo copy {flag}: all {len(blobs)} blobs "
                f"({'both platforms' if flag else 'config and layers'}) arrived, each matching its digest",
                f"got {top} {sorted(blobs)}, want {w.digests[world_tag]} "
                f"{sorted(w.blobs[world_tag])}, bad {bad}")


def with_podman(r, c, w, image, auth, label):
    """podman pull of image.expected (both platforms of an index)."""
    platforms = [("", "multi"), ("linux/arm64", "multi-arm64")] if image.multi else \
        [("", image.tag)]
    for platform, world_tag in platforms:
        flags = ["--platform", platform] if platform else []
        got = c.pull(image.expected, auth, *flags)
        what = f"{label}: podman pull {' '.join(flags)} {image.expected}".replace("  ", " ")
        if not r.check(got.returncode == 0, what, got.stderr):
            continue
        image_id = got.stdout.strip().splitlines()[-1]
        digest = c.podman("image", "inspect", "--format", "{{.Digest}}", image_id).stdout.strip()
        want = w.digests["multi" if image.multi else world_tag]
        r.check(digest == want, f"{label}: podman stored the digest pushed upstream ({want[:19]}…)",
                f"podman has {digest}")
        mounted = c.podman("image", "mount", image_id)
        hello = ""
        if mounted.returncode == 0:
            with open(os.path.join(mounted.stdout.strip(), "hello.txt")) as f:
                hello = f.read()
            c.podman("image", "unmount", image_id)
        r.check(hello == _hello(world_tag),
                f"{label}: the unpacked image holds {_hello(world_tag).strip()!r}",
                mounted.stderr or repr(hello))
        c.podman("rmi", "--force", image_id)
