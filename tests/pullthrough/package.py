"""The package the pull-through tests run the function on, and what each of
its images must become (written here by hand, not derived from the
function), and the outputs read back as resources."""

import os

import yaml

from world import APP

SECRET = f"{APP}-registry"


class Image:
    """One container image of the package: as written, as the function must
    write it, the image of the world it is (a tag of the build layout; None
    for a public image nobody pulls), and how it is pulled."""

    def __init__(self, written, expected, tag, multi=False, tag_and_digest=False):
        self.written, self.expected, self.tag = written, expected, tag
        self.multi, self.tag_and_digest = multi, tag_and_digest


def images(w):
    proxied = f"{w.proxy.host}/proxy/{APP}/"
    reg = w.registry.host
    api, multi = w.digests["api"], w.digests["multi"]
    return {
        # Deployment shop/shop
        "migrate": Image(f"registry.replicated.com/{APP}/migrate:5", f"{reg}/{APP}/migrate:5",
                         "migrate"),
        "api": Image("quay.io/my-org/api:v1.0.1", proxied + "quay.io/my-org/api:v1.0.1", "api"),
        "worker": Image("ghcr.io/my-org/worker:2", proxied + "ghcr.io/my-org/worker:2", "worker"),
        "multi": Image("quay.io/my-org/multi:1", proxied + "quay.io/my-org/multi:1", "multi",
                       multi=True),
        "tool": Image(f"{reg}/{APP}/tool:3", f"{reg}/{APP}/tool:3", "tool"),
        "db": Image("postgres:16", "postgres:16", None),
        # CronJob batch/report
        "pinned": Image(f"quay.io/my-org/api@{api}", f"{proxied}quay.io/my-org/api@{api}", "api"),
        "both": Image(f"quay.io/my-org/api:v1.0.1@{api}",
                      f"{proxied}quay.io/my-org/api:v1.0.1@{api}", "api", tag_and_digest=True),
        "legacy": Image("ghcr.io/my-org/legacy:1", proxied + "ghcr.io/my-org/legacy:1", "legacy"),
        # Pod probe, no namespace
        "index": Image(f"quay.io/my-org/multi@{multi}", f"{proxied}quay.io/my-org/multi@{multi}",
                       "multi", multi=True),
    }


# (file, kind, name, namespace, PodSpec path, containers by list)
WORKLOADS = [
    ("shop.yaml", "Deployment", "shop", "shop", ("spec", "template", "spec"),
     {"initContainers": ["migrate"], "containers": ["api", "worker", "multi", "tool", "db"]}),
    ("batch.yaml", "CronJob", "report", "batch",
     ("spec", "jobTemplate", "spec", "template", "spec"),
     {"containers": ["pinned", "both", "legacy"]}),
    ("pod.yaml", "Pod", "probe", None, ("spec",), {"containers": ["index"]}),
]

API_VERSIONS = {"Deployment": "apps/v1", "CronJob": "batch/v1", "Pod": "v1"}


def _workload(kind, name, ns, path, lists, table):
    spec = {k: [{"name": c, "image": table[c].written} for c in cs] for k, cs in lists.items()}
    body = spec
    for key in reversed(path[1:]):
        body = {key: body}
    doc = {"apiVersion": API_VERSIONS[kind], "kind": kind,
           "metadata": {"name": name, **({"namespace": ns} if ns else {})},
           path[0]: body}
    if kind == "CronJob":
        doc["spec"]["schedule"] = "0 * * * *"
        doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] = "Never"
    if kind == "Deployment":
        doc["spec"]["selector"] = {"matchLabels": {"app": name}}
        doc["spec"]["template"]["metadata"] = {"labels": {"app": name}}
    return doc


def fn_config(w, container):
    """The function's configuration; `container`: with the annotation
    kustomize reads to run it as a container function."""
    annotations = {"config.kubernetes.io/local-config": "true"}
    if container:
        annotations["config.kubernetes.io/function"] = (
            "container:\n  image: proxy-private-images:latest\n  envs:\n    - LICENSE_ID\n")
    return {"apiVersion": "fn.proxy-private-images.io/v1alpha1", "kind": "ProxyPrivateImages",
            "metadata": {"name": "proxy-private-images", "annotations": annotations},
            "spec": {"appSlug": APP, "proxyHost": w.proxy.host, "registryHost": w.registry.host,
                     "private": ["quay.io/my-org/*", "ghcr.io/my-org/*"],
                     "public": ["docker.io/library/*"]}}


def write(directory, w, tool):
    """Writes the package for `tool` ("kpt": a Kptfile pipeline; "kustomize":
    a kustomization with the function as a transformer)."""
    os.makedirs(directory)
    table = images(w)
    files = []
    for file, kind, name, ns, path, lists in WORKLOADS:
        _dump(os.path.join(directory, file), _workload(kind, name, ns, path, lists, table))
        files.append(file)
    _dump(os.path.join(directory, "fn-config.yaml"), fn_config(w, tool == "kustomize"))
    if tool == "kpt":
        _dump(os.path.join(directory, "Kptfile"), {
            "apiVersion": "kpt.dev/v1", "kind": "Kptfile",
            "metadata": {"name": "pullthrough",
                         "annotations": {"config.kubernetes.io/local-config": "true"}},
            "pipeline": {"mutators": [{"exec": "proxy-private-images",
                                       "configPath": "fn-config.yaml"}]}})
    else:
        _dump(os.path.join(directory, "kustomization.yaml"), {
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": files, "transformers": ["fn-config.yaml"]})


def _dump(path, doc):
    with open(path, "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False)


def load_dir(directory):
    """Every resource in the YAML files under `directory` (what kpt left)."""
    docs = []
    for root, _, names in os.walk(directory):
        for name in sorted(names):
            if name.endswith(".yaml") or name == "Kptfile":
                with open(os.path.join(root, name)) as f:
                    docs += [d for d in yaml.safe_load_all(f) if d]
    return docs


def load_stream(text):
    return [d for d in yaml.safe_load_all(text) if d]


def find(docs, kind, name, ns=None):
    for d in docs:
        meta = d.get("metadata", {})
        if d.get("kind") == kind and meta.get("name") == name and meta.get("namespace") == ns:
            return d
    return None


def pod_spec(doc, path):
    for key in path:
        doc = doc[key]
    return doc
