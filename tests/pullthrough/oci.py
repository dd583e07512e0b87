"""Reading OCI image layouts (what umoci builds and `skopeo copy … oci:DIR`
writes): the blobs an image consists of, and whether every blob file holds
the bytes its name says."""

import hashlib
import json
import os

INDEX_TYPES = ("application/vnd.oci.image.index.v1+json",
               "application/vnd.docker.distribution.manifest.list.v2+json")


def blob_path(layout, digest):
    algorithm, hexdigest = digest.split(":", 1)
    return os.path.join(layout, "blobs", algorithm, hexdigest)


def read_json(layout, digest):
    with open(blob_path(layout, digest), "rb") as f:
        return json.load(f)


def tagged(layout, tag):
    """The descriptor tagged `tag` in the layout's index.json."""
    with open(os.path.join(layout, "index.json")) as f:
        for m in json.load(f)["manifests"]:
            if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag:
                return m
    raise KeyError(f"no tag {tag} in {layout}")


def image_blobs(layout, digest, media_type=None):
    """Every blob an image (or index) names: config and layers of each
    manifest, the manifests of an index, recursively. Digests as strings."""
    doc = read_json(layout, digest)
    kind = doc.get("mediaType") or media_type
    if kind in INDEX_TYPES or "manifests" in doc:
        out = set()
        for m in doc["manifests"]:
            out.add(m["digest"])
            out |= image_blobs(layout, m["digest"], m.get("mediaType"))
        return out
    return {doc["config"]["digest"], *(layer["digest"] for layer in doc["layers"])}


def bad_blobs(layout):
    """Blob files whose bytes do not hash to their name."""
    bad = []
    root = os.path.join(layout, "blobs")
    for algorithm in os.listdir(root):
        for name in os.listdir(os.path.join(root, algorithm)):
            with open(os.path.join(root, algorithm, name), "rb") as f:
                if hashlib.new(algorithm, f.read()).hexdigest() != name:
                    bad.append(f"{algorithm}:{name}")
    return bad
