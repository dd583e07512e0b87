#!/usr/bin/python3
"""No expected output holds a reference a real client refuses. Every image
in every expected output under testdata/ (expected.yaml) and examples/
(the package with .expected/diff.patch applied, and results.yaml) is given
to skopeo (`skopeo inspect --raw docker://IMAGE`) and to podman
(`podman pull IMAGE`, podman's own name resolution) inside `unshare -n`, a
network namespace where nothing can be reached. So each client only parses:
it either refuses the name ("invalid reference format", "repository name
must be lowercase") or accepts it and fails at its first network step
("pinging container registry HOST"), which also says which registry it
would ask. Any other answer fails the test.

The rule: every image the function wrote (a rewrite: `proposedValue`,
`rewrittenTo`) and every image it accepted must be accepted by both clients,
with the registry host the distribution grammar gives; an image the
function reported as an invalid reference (or as empty), or kept with a
warning that runtimes refuse it (a name under the proxy with a registry
port, as KOTS writes it), must be refused by both (agreement with
image_ref.h's grammar). One known difference: an IPv6
host ([::1]:5000/app), which these clients' older copy of the grammar
refuses; such an image appears only as the user wrote it.

  client_parse_test.py

Skips (exit 77) without skopeo, podman, git, unshare -n, or Python's yaml."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from report import Report, require_yaml, skip  # noqa: E402

require_yaml()
import yaml  # noqa: E402
from clients import Clients  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
IMAGE_KEYS = ("image", "proposedValue", "rewrittenTo", "currentValue")
REFUSED = ("invalid reference format", "repository name must be lowercase",
           "repository name must have at least one component")
PINGING = re.compile(r"pinging container registry ([^:\s]+(?::[0-9]+)?):")
# skopeo 1.9 refuses every name:tag@digest; podman, containerd and the
# kubelet accept them. Counted as parsed.
SKOPEO_TAG_AND_DIGEST = "Docker references with both a tag and digest are currently not supported"
REFUSED_WARNING = ": runtimes refuse this reference ("
INVALID = re.compile(r'invalid reference "((?:[^"\\]|\\.)*)"')


class Loader(yaml.SafeLoader):
    """Safe loading that keeps values with tags of the user's own (`!other`)."""


def _any_tag(loader, _suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


Loader.add_multi_constructor("!", _any_tag)


def walk(node, out):
    """Every string under one of IMAGE_KEYS, anywhere in `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in IMAGE_KEYS and isinstance(value, str):
                out.append(value)
            walk(value, out)
    elif isinstance(node, list):
        for value in node:
            walk(value, out)


def scan_lines(text, out):
    """For the few outputs PyYAML cannot read (tabs as separators, a tag
    touching its value: YAML that libyaml and go-yaml accept): the values
    of `image:` lines, unquoted, comments dropped."""
    for line in text.splitlines():
        m = re.match(r"^[\s-]*(image|proposedValue|rewrittenTo|currentValue):[ \t]+(\S+)", line)
        if m and not m.group(2).startswith(("!", "&", "*", "{", "[", "#")):
            value = m.group(2)
            if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
                value = value[1:-1]
            out.append(value)


def images_of(path, r):
    """(images, messages of error results) in one output file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    images = []
    try:
        docs = [d for d in yaml.load_all(text, Loader=Loader) if d is not None]
    except yaml.YAMLError as e:
        print(f"# {os.path.relpath(path, REPO)}: PyYAML cannot read it "
              f"({str(e).splitlines()[0]}); its image lines are read as text", flush=True)
        scan_lines(text, images)
        return images, [m.group(0) for m in INVALID.finditer(text)]
    for d in docs:
        walk(d, images)
    errors = []
    for d in docs:
        for res in _results(d):
            message = res.get("message", "")
            if res.get("severity") == "error":
                errors.append(message)
            elif res.get("severity") == "warning" and REFUSED_WARNING in message:
                # the function's own word that runtimes refuse the image it kept
                errors.append(f'invalid reference {json.dumps(res["field"]["currentValue"])}')
    return images, errors


def _results(doc):
    if not isinstance(doc, dict):
        return []
    if doc.get("kind") == "FunctionResultList":
        return [res for item in doc.get("items") or [] for res in item.get("results") or []]
    return doc.get("results") or []


def expected_outputs(work):
    """(label, [files]) for every golden case and every example."""
    testdata = os.path.join(REPO, "testdata")
    for case in sorted(os.listdir(testdata)):
        path = os.path.join(testdata, case, "expected.yaml")
        if os.path.isfile(path):
            yield f"testdata/{case}", [path]
    examples = os.path.join(REPO, "examples")
    for name in sorted(os.listdir(examples)):
        expected = os.path.join(examples, name, ".expected")
        if not os.path.isdir(expected):
            continue
        copy = os.path.join(work, "examples", name)
        shutil.copytree(os.path.join(examples, name), copy)
        patch = os.path.join(expected, "diff.patch")
        if os.path.isfile(patch):
            subprocess.run(["git", "apply", patch], cwd=copy, check=True)
        files = [os.path.join(root, f) for root, dirs, fs in os.walk(copy)
                 for f in fs if f.endswith(".yaml") and ".expected" not in root]
        yield f"examples/{name}", sorted(files) + [os.path.join(expected, "results.yaml")]


def registry_of(image):
    """The registry host the distribution grammar gives (SPEC §4)."""
    first, slash, _ = image.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return "registry-1.docker.io" if first in ("docker.io", "index.docker.io") else first
    return "registry-1.docker.io"


def verdict(text, tool):
    """("refused", why) | ("parsed", registry) | ("unknown", text)."""
    for phrase in REFUSED:
        if phrase in text:
            return "refused", phrase
    if tool == "skopeo" and SKOPEO_TAG_AND_DIGEST in text:
        return "parsed", "(tag and digest: skopeo stops there)"
    m = PINGING.search(text)
    if m:
        return "parsed", m.group(1)
    return "unknown", text.strip().splitlines()[-1] if text.strip() else "(no output)"


class Judge:
    def __init__(self, work, netns):
        self.c = Clients(work, os.path.join(work, "no-certs"), search_docker_io=True)
        self.netns = netns

    def skopeo(self, image):
        got = self.c.run([*self.netns, "skopeo", "--policy", self.c.policy, "inspect", "--raw",
                          "--retry-times", "0", "docker://" + image])
        return verdict(got.stderr, "skopeo") if got.returncode else ("unknown", "exit 0")

    def podman(self, image):
        got = self.c.run([*self.netns, *self.c.podman_global, "pull", "--quiet", image])
        return verdict(got.stderr, "podman") if got.returncode else ("unknown", "exit 0")


def network_namespace():
    for argv in (["unshare", "-n"], ["unshare", "-rn"]):
        if shutil.which("unshare") and subprocess.run(
                [*argv, "true"], capture_output=True).returncode == 0:
            return argv
    return None


def main():
    for tool in ("skopeo", "podman", "git"):
        if not shutil.which(tool):
            skip(f"{tool} not found")
    netns = network_namespace()
    if netns is None:
        skip("unshare -n not available: the clients would reach the network")
    r = Report()
    work = tempfile.mkdtemp(prefix="ppi-client-parse.")
    try:
        judge = Judge(work, netns)
        seen = {}  # image -> [labels]
        invalid = {}  # image -> labels where the function reported it invalid
        cases = 0
        for label, files in expected_outputs(work):
            cases += 1
            for path in files:
                images, errors = images_of(path, r)
                for image in images:
                    seen.setdefault(image, []).append(label)
                for message in errors:
                    for m in INVALID.finditer(message):
                        invalid.setdefault(json.loads(f'"{m.group(1)}"'), []).append(label)
                    if message.endswith("image must be a string, found empty"):
                        invalid.setdefault("", []).append(label)
        r.check(cases > 40 and len(seen) > 50,
                f"{cases} expected outputs hold {len(seen)} distinct images", "too few found")
        for image in sorted(seen):
            judge_one(r, judge, image, seen[image], image in invalid)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(r.finish())


def judge_one(r, judge, image, labels, function_refused):
    where = ", ".join(sorted(set(labels))[:3]) + (" …" if len(set(labels)) > 3 else "")
    answers = {"skopeo": judge.skopeo(image), "podman": judge.podman(image)}
    if function_refused:
        r.check(all(kind == "refused" for kind, _ in answers.values()),
                f"{image!r}: reported invalid by the function, refused by skopeo and podman "
                f"({answers['podman'][1]}) [{where}]", json.dumps(answers))
        return
    if image.startswith("["):
        # An IPv6 host literal ([::1]:5000/app): valid in distribution/reference
        # (SPEC §4, containerd), but the older copy of that grammar in
        # containers/image, which skopeo 1.9 and podman 4.3 carry, has no
        # IPv6 hosts. The function never writes one into a proxied name.
        r.check(all(kind == "refused" for kind, _ in answers.values()),
                f"{image}: an IPv6 host, which skopeo's and podman's grammar does not know: "
                f"both refuse it [{where}]", json.dumps(answers))
        return
    want = registry_of(image)
    ok = all(kind == "parsed" and (host == want or host.startswith("(tag and digest"))
             for kind, host in answers.values())
    r.check(ok, f"{image}: skopeo and podman parse it, registry {want} [{where}]",
            json.dumps(answers))


if __name__ == "__main__":
    main()
