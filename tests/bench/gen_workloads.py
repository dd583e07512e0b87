#!/usr/bin/env python3
"""Writes the inputs of the transform benchmark for N workloads.

  gen_workloads.py N OUTDIR

OUTDIR/resourcelist.yaml   a ResourceList (kpt style) with N workloads and the
                           function's ConfigMap: private/public rules decide
                           every image, probe: offline (no socket is opened)
OUTDIR/kots/               the same workloads as KOTS would rewrite them with
                           kustomize: kustomization.yaml with one `images`
                           entry per distinct private image name, the pull
                           Secret (one per namespace) and one strategic-merge
                           pull-secret patch per workload (pullsecrets.yaml)

The workloads cycle through Deployment, StatefulSet, DaemonSet, Job and
CronJob over 8 namespaces; each has 2 containers and an init container, env
values like "8080" and "true", comments and a block-scalar annotation. Every
workload's first container is private (so every PodSpec needs the pull secret
under both the function's default `attachPullSecret: needed` and KOTS's
attach-to-all), sidecars and init containers are a mix of public and private.
About 300 distinct private image names. Deterministic: no randomness."""

import os
import sys

KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]
API = {"Deployment": "apps/v1", "StatefulSet": "apps/v1", "DaemonSet": "apps/v1",
       "Job": "batch/v1", "CronJob": "batch/v1"}
NAMESPACES = [f"team-{i}" for i in range(8)]
APP_SLUG = "my-kots-app"
PROXY = "proxy.replicated.com"
LICENSE = "bench-license-0000000000"

PRIVATE_PATTERNS = ["quay.io/acme/*", "ghcr.io/acme-corp/*", "registry.acme.example:5000/*"]
PUBLIC_PATTERNS = ["docker.io/library/*", "docker.io/bitnami/*", "registry.k8s.io/*"]
PUBLIC_IMAGES = ["nginx:1.25.3", "redis:7.2", "docker.io/bitnami/postgresql:16.1.0",
                 "registry.k8s.io/pause:3.9", "busybox:1.36", "docker.io/library/alpine:3.19"]


def private_name(i):
    """~300 distinct private names over three registries."""
    i %= 300
    if i < 200:
        return f"quay.io/acme/service-{i:03d}"
    if i < 270:
        return f"ghcr.io/acme-corp/tool-{i - 200:02d}"
    return f"registry.acme.example:5000/batch/job-{i - 270:02d}"


def images_of(n):
    """(main, sidecar, init) images of workload n."""
    main = f"{private_name(n * 7)}:v1.{n % 13}.{n % 7}"
    if n % 3 == 0:
        sidecar = PUBLIC_IMAGES[n % len(PUBLIC_IMAGES)]
    else:
        sidecar = f"{private_name(n * 7 + 3)}:sidecar-{n % 5}"
    if n % 2 == 0:
        init = PUBLIC_IMAGES[(n // 2) % len(PUBLIC_IMAGES)]
    else:
        init = f"{private_name(n * 11 + 1)}@sha256:{(('%064x' % (n * 2654435761)))[-64:]}"
    return main, sidecar, init


def pod_spec(n, indent):
    """The PodSpec text of workload n, every line starting with `indent`."""
    main, sidecar, init = images_of(n)
    p = indent
    lines = [
        f"{p}# pods of workload {n}: the app, a sidecar and a migration step",
        f"{p}serviceAccountName: sa-{n % 17}",
        f"{p}initContainers:",
        f"{p}- name: migrate",
        f"{p}  image: {init}",
        f"{p}  command: [\"/bin/sh\", \"-c\", \"echo migrating {n}\"]",
        f"{p}containers:",
        f"{p}- name: app",
        f"{p}  image: \"{main}\"  # the vendor's own image",
        f"{p}  ports:",
        f"{p}  - containerPort: 8080",
        f"{p}    name: http",
        f"{p}  env:",
        f"{p}  - name: PORT",
        f"{p}    value: \"8080\"",
        f"{p}  - name: FEATURE_ENABLED",
        f"{p}    value: \"true\"",
        f"{p}  - name: REPLICA_INDEX",
        f"{p}    value: '{n}'",
        f"{p}  resources:",
        f"{p}    limits: {{cpu: \"1\", memory: 512Mi}}",
        f"{p}    requests: {{cpu: 100m, memory: 128Mi}}",
        f"{p}- name: sidecar",
        f"{p}  image: {sidecar}",
        f"{p}  args:",
        f"{p}  - --listen=:9090",
        f"{p}  - --verbose=false",
    ]
    if n % 5 in (3, 4):  # Job and CronJob pods
        lines.append(f"{p}restartPolicy: OnFailure")
    return lines


def workload(n):
    """The YAML lines of workload n at the top level (no list marker)."""
    kind = KINDS[n % len(KINDS)]
    ns = NAMESPACES[n % len(NAMESPACES)]
    name = f"{kind.lower()}-{n:05d}"
    lines = [
        f"apiVersion: {API[kind]}",
        f"kind: {kind}",
        "metadata:",
        f"  name: {name}",
        f"  namespace: {ns}",
        "  labels:",
        f"    app.kubernetes.io/name: {name}",
        "    app.kubernetes.io/part-of: bench",
        "  annotations:",
        "    description: |",
        f"      Workload {n} of the benchmark, a {kind}.",
        "      image: quay.io/acme/not-an-image:1 (text, not a field)",
        "    version: \"1.0\"",
        "spec:",
    ]
    if kind == "CronJob":
        lines += [
            "  schedule: \"*/5 * * * *\"",
            "  jobTemplate:",
            "    spec:",
            "      template:",
            "        metadata:",
            f"          labels: {{app: {name}}}",
            "        spec:",
        ]
        lines += pod_spec(n, "          ")
    else:
        if kind in ("Deployment", "StatefulSet"):
            lines.append(f"  replicas: {1 + n % 3}")
        if kind != "Job":
            lines += ["  selector:", "    matchLabels:", f"      app: {name}"]
        if kind == "StatefulSet":
            lines.append(f"  serviceName: {name}")
        lines += [
            "  template:",
            "    metadata:",
            "      labels:",
            f"        app: {name}",
            "    spec:",
        ]
        lines += pod_spec(n, "      ")
    return kind, name, ns, lines


def function_config():
    return [
        "functionConfig:",
        "  apiVersion: v1",
        "  kind: ConfigMap",
        "  metadata:",
        "    name: proxy-private-images",
        "  data:",
        f"    appSlug: {APP_SLUG}",
        f"    licenseID: {LICENSE}",
        f"    private: \"{','.join(PRIVATE_PATTERNS)}\"",
        f"    public: \"{','.join(PUBLIC_PATTERNS)}\"",
        "    probe: offline",
    ]


def write_resource_list(n_workloads, path):
    with open(path, "w") as f:
        f.write("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
        for n in range(n_workloads):
            kind, name, ns, lines = workload(n)
            # kpt's annotations, as kpt fn render sends them
            at = lines.index("  annotations:") + 1
            fpath = f"{ns}/{name}.yaml"
            lines = (lines[:at] +
                     [f"    config.kubernetes.io/index: '0'",
                      f"    internal.config.kubernetes.io/index: '0'",
                      f"    config.kubernetes.io/path: '{fpath}'",
                      f"    internal.config.kubernetes.io/path: '{fpath}'"] + lines[at:])
            f.write(f"# {kind} {n}\n")
            f.write("- " + lines[0] + "\n")
            for line in lines[1:]:
                f.write("  " + line + "\n")
        f.write("\n".join(function_config()) + "\n")


def write_kots(n_workloads, outdir):
    """KOTS's midstream: images entries, pull Secrets, pull-secret patches."""
    os.makedirs(outdir, exist_ok=True)
    private_names = set()
    with open(os.path.join(outdir, "workloads.yaml"), "w") as res, \
            open(os.path.join(outdir, "pullsecrets.yaml"), "w") as patches:
        for n in range(n_workloads):
            kind, name, ns, lines = workload(n)
            res.write("---\n" + "\n".join(lines) + "\n")
            for image in images_of(n):
                base = image.split("@")[0]
                # the name without tag (a registry port's ':' is before the last '/')
                if base.rfind(":") > base.rfind("/"):
                    base = base[:base.rfind(":")]
                if any(base.startswith(p.rstrip("*")) for p in PRIVATE_PATTERNS):
                    private_names.add(base)
            spec_path = (["spec", "jobTemplate", "spec", "template", "spec"]
                         if kind == "CronJob" else ["spec", "template", "spec"])
            patch = [f"apiVersion: {API[kind]}", f"kind: {kind}", "metadata:",
                     f"  name: {name}", f"  namespace: {ns}"]
            for depth, key in enumerate(spec_path):
                patch.append("  " * depth + key + ":")
            pad = "  " * len(spec_path)
            patch += [pad + "imagePullSecrets:", pad + f"- name: {APP_SLUG}-registry"]
            patches.write("---\n" + "\n".join(patch) + "\n")
    with open(os.path.join(outdir, "secrets.yaml"), "w") as f:
        for ns in NAMESPACES[:min(len(NAMESPACES), n_workloads)]:
            f.write("---\napiVersion: v1\nkind: Secret\nmetadata:\n"
                    f"  name: {APP_SLUG}-registry\n  namespace: {ns}\n"
                    "type: kubernetes.io/dockerconfigjson\ndata:\n"
                    "  .dockerconfigjson: eyJhdXRocyI6e319\n")
    with open(os.path.join(outdir, "kustomization.yaml"), "w") as f:
        f.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                "resources:\n- workloads.yaml\n- secrets.yaml\n"
                "patches:\n- path: pullsecrets.yaml\nimages:\n")
        for name in sorted(private_names):
            f.write(f"- name: {name}\n  newName: {PROXY}/proxy/{APP_SLUG}/{name}\n")


def main():
    n, outdir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    write_resource_list(n, os.path.join(outdir, "resourcelist.yaml"))
    write_kots(n, os.path.join(outdir, "kots"))


if __name__ == "__main__":
    main()
