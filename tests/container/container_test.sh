#!/usr/bin/env bash
# The container image, end to end: builds the Dockerfile with podman and runs
# the image as a KRM function directly, through `kubectl kustomize` and
# through kpt, and checks each time that the container gives exactly what
# the plain binary gives on the same input.
#
# Usage: container_test.sh [--install] PATH-TO-proxy-private-images
#
# Needs root, podman and runc, and the first time debootstrap. Without them
# the test is skipped (exit 77) unless it may install them with apt-get:
# with --install, PPI_CONTAINER_INSTALL=1 or CI=true. kubectl (or kustomize)
# and kpt are used when they are on PATH; a missing one skips its checks.
#
# No registry is needed. The build stage's base image (debian:bookworm, the
# Dockerfile's default) is made locally: `debootstrap --variant=minbase` from
# the machine's Debian mirror, imported with `podman import`. The root file
# system tarball is kept in $PPI_CONTAINER_CACHE (default
# /var/cache/proxy-private-images/container) and the images in podman's
# storage, so later runs reuse both.
#
# Environment:
#   PPI_CONTAINER_CACHE    where the tarball and the lock file live
#   PPI_DEBIAN_MIRROR      Debian mirror for debootstrap (default: the one
#                          apt uses on this machine)
#   PPI_CONTAINER_INSTALL  1: install missing packages with apt-get

# "A && pass || fail": pass and fail always succeed. The trap and helper
# functions are called indirectly.
# shellcheck disable=SC2015,SC2317
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TESTDATA=$HERE/testdata
SKIP=77

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok   - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
note() { echo "     $*"; }
section() { echo "== $*"; }
skip() { echo "SKIP: $*"; exit "$SKIP"; }
die() { echo "error: $*" >&2; exit 2; }
show() { sed 's/^/    | /' "$1" | tail -n "${2:-30}"; }

finish() {
  echo "$PASSED passed, $FAILED failed"
  if [[ $FAILED -eq 0 && $PASSED -gt 0 ]]; then exit 0; fi
  exit 1
}

usage() {
  sed -n '/^# Usage:/s/^# //p' "${BASH_SOURCE[0]}"
}

INSTALL=0
[[ ${CI:-} == true || ${PPI_CONTAINER_INSTALL:-} == 1 ]] && INSTALL=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --install) INSTALL=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || { usage >&2; exit 2; }
[[ -x $1 && -f $1 ]] || die "not an executable file: $1"
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

# ---------------------------------------------------------------------------
# Tools

APT_UPDATED=0
apt_install() {
  local out
  if [[ $APT_UPDATED -eq 0 ]]; then
    out=$(apt-get update -q 2>&1) || { printf '%s\n' "$out" | tail -n 20; return 1; }
    APT_UPDATED=1
  fi
  out=$(DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" 2>&1) ||
    { printf '%s\n' "$out" | tail -n 20; return 1; }
}

# ensure_tool COMMAND PACKAGE...: COMMAND on PATH, installing the packages
# when allowed; returns 1 when it stays missing.
ensure_tool() {
  local tool=$1
  shift
  command -v "$tool" >/dev/null 2>&1 && return 0
  [[ $INSTALL -eq 1 && $(id -u) -eq 0 ]] || return 1
  echo "installing $* (apt-get)"
  apt_install "$@" || return 1
  command -v "$tool" >/dev/null 2>&1
}

HOW_TO_INSTALL="run with --install, PPI_CONTAINER_INSTALL=1 or CI=true to install it with apt-get"
ensure_tool podman podman runc || skip "podman not found ($HOW_TO_INSTALL)"
ensure_tool runc runc || skip "runc not found ($HOW_TO_INSTALL)"
[[ $(id -u) -eq 0 ]] || skip "needs root: the test uses rootful podman and debootstrap"

KUSTOMIZE=()
if command -v kubectl >/dev/null 2>&1; then
  KUSTOMIZE=(kubectl kustomize --enable-alpha-plugins)
elif command -v kustomize >/dev/null 2>&1; then
  KUSTOMIZE=(kustomize build --enable-alpha-plugins)
fi
HAVE_KPT=0
command -v kpt >/dev/null 2>&1 && HAVE_KPT=1

# ---------------------------------------------------------------------------
# Work area, podman settings, the docker shim

CACHE=${PPI_CONTAINER_CACHE:-/var/cache/proxy-private-images/container}
mkdir -p "$CACHE"
exec 9>"$CACHE/lock"
flock 9

WORK="$(mktemp -d -t ppi-container.XXXXXX)"
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# runc: crun, podman's default, cannot set up cgroups on some kernels.
# Explicit ulimits: podman otherwise copies the host's, which may exceed
# what a container may set.
export CONTAINERS_CONF=$WORK/containers.conf
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
EOF

SHIM_DIR=$WORK/bin
mkdir "$SHIM_DIR"
ln -s "$HERE/docker_podman_shim.sh" "$SHIM_DIR/docker"
SHIM_LOG=$WORK/docker-calls.log
export PPI_SHIM_PODMAN
PPI_SHIM_PODMAN="$(command -v podman)"

# with_shim CMD...: runs CMD with "docker" meaning podman and each call
# logged to $SHIM_LOG (emptied first).
with_shim() {
  : >"$SHIM_LOG"
  PATH="$SHIM_DIR:$PATH" PPI_SHIM_LOG=$SHIM_LOG "$@"
}

# run_capture OUT ERR CMD...: stdout to OUT, stderr to ERR, status in RC.
run_capture() {
  local out=$1 err=$2
  shift 2
  set +e
  "$@" >"$out" 2>"$err"
  RC=$?
  set -e
}

expect_same_file() { # WANT GOT DESCRIPTION
  if cmp -s "$1" "$2"; then
    pass "$3"
  else
    fail "$3"
    diff -u "$1" "$2" | head -n 40 | sed 's/^/    | /' || true
  fi
}

# Function output compared with the binary's: the probe record's probedAt
# is the time of the run and may differ by a second between the two.
expect_same_output() { # WANT GOT DESCRIPTION
  sed 's/probedAt: .*/probedAt: <time>/' "$1" >"$1.cmp"
  sed 's/probedAt: .*/probedAt: <time>/' "$2" >"$2.cmp"
  expect_same_file "$1.cmp" "$2.cmp" "$3"
}

expect_contains() { # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then
    pass "$3"
  else
    fail "$3: lacks \"$2\""
    show "$1"
  fi
}

expect_not_contains() { # FILE TEXT DESCRIPTION
  if ! grep -qF -- "$2" "$1"; then
    pass "$3"
  else
    fail "$3: contains \"$2\""
    grep -nF -- "$2" "$1" | head -n 5 | sed 's/^/    | /'
  fi
}

# The arguments of the last logged docker call whose first argument is
# "run", one per line.
last_run_call() {
  awk '/^--end--$/ { if (n && a[1] == "run") { out = ""; for (i = 1; i <= n; i++) out = out a[i] "\n" } n = 0; next }
       { a[++n] = $0 }
       END { printf "%s", out }' "$SHIM_LOG"
}

# The first user:password of the first pull secret in FILE.
secret_auth() {
  local dcj
  dcj=$(grep -o 'dockerconfigjson: *"*[A-Za-z0-9+/=]*' "$1" | head -n 1 | sed 's/.*: *"*//') || return 0
  printf '%s' "$dcj" | base64 -d | grep -o '"auth": *"[^"]*"' | head -n 1 |
    sed 's/.*"\([^"]*\)"$/\1/' | base64 -d || true
}

# fill FILE: replaces the test's placeholders in FILE.
fill() {
  sed -i -e "s|@IMAGE@|$IMAGE|g" -e "s|@VERSION@|$VERSION|g" \
    -e "s|@REGISTRY@|${REGISTRY:-}|g" "$1"
}

# ---------------------------------------------------------------------------
section "base image (no registry)"

BUILD_IMAGE=$(sed -n 's/^ARG BUILD_IMAGE=//p' "$REPO/Dockerfile")
[[ $BUILD_IMAGE == debian:* ]] || die "Dockerfile: BUILD_IMAGE default is not debian:SUITE: $BUILD_IMAGE"
SUITE=${BUILD_IMAGE#debian:}
BASE_IMAGE=docker.io/library/debian:$SUITE # what "debian:$SUITE" means
ROOTFS_TAR=$CACHE/debian-$SUITE-minbase.tar

# The URI of the first apt source (deb822 or one-line) for SUITE.
apt_source_uri() {
  local suite=$1 f
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [[ -f $f ]] || continue
      awk -v s="$suite" 'BEGIN { RS = ""; FS = "\n" }
        { uri = ""; deb = 0; hit = 0
          for (i = 1; i <= NF; i++) {
            n = split($i, w, /[ \t]+/)
            if (w[1] == "URIs:") uri = w[2]
            if (w[1] == "Types:") for (j = 2; j <= n; j++) if (w[j] == "deb") deb = 1
            if (w[1] == "Suites:") for (j = 2; j <= n; j++) if (w[j] == s) hit = 1
          }
          if (deb && hit && uri != "") print uri }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -f $f ]] || continue
      awk -v s="$suite" '{ sub(/\[[^]]*\][ \t]*/, "") } $1 == "deb" && $3 == s { print $2 }' "$f"
    done
  } | head -n 1 || true
}

make_rootfs_tar() {
  ensure_tool debootstrap debootstrap ||
    skip "debootstrap not found and no cached $ROOTFS_TAR ($HOW_TO_INSTALL)"
  local mirror security root
  mirror=${PPI_DEBIAN_MIRROR:-$(apt_source_uri "$SUITE")}
  mirror=${mirror:-http://deb.debian.org/debian}
  security=$(apt_source_uri "$SUITE-security")
  root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  echo "debootstrap --variant=minbase $SUITE from $mirror"
  if ! debootstrap --variant=minbase "$SUITE" "$root" "$mirror" >"$WORK/debootstrap.log" 2>&1; then
    show "$WORK/debootstrap.log"
    rm -rf "$root"
    fail "debootstrap $SUITE"
    finish
  fi
  # apt sources as the official image has them: the suite, its updates and
  # its security updates, from the mirrors this machine uses.
  rm -f "$root/etc/apt/sources.list"
  {
    printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$SUITE" "$SUITE"
    if [[ -n $security ]]; then
      printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$security" "$SUITE"
    fi
  } >"$root/etc/apt/sources.list.d/debian.sources"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar --numeric-owner -C "$root" -cf "$ROOTFS_TAR.part" .
  mv "$ROOTFS_TAR.part" "$ROOTFS_TAR"
  rm -rf "$root"
}

if podman image exists "$BASE_IMAGE"; then
  pass "base image $BASE_IMAGE present; reused"
else
  if [[ -s $ROOTFS_TAR ]]; then
    echo "reusing $ROOTFS_TAR"
  else
    make_rootfs_tar
  fi
  if podman import --change 'CMD ["bash"]' "$ROOTFS_TAR" "$BASE_IMAGE" >"$WORK/import.log" 2>&1; then
    pass "imported $ROOTFS_TAR as $BASE_IMAGE"
  else
    show "$WORK/import.log"
    fail "podman import $BASE_IMAGE"
    finish
  fi
fi

# ---------------------------------------------------------------------------
section "podman build"

VERSION=$(sed -n 's/^project(proxy-private-images VERSION \([0-9][0-9.]*\).*/\1/p' "$REPO/CMakeLists.txt")
[[ -n $VERSION ]] || die "no project version in CMakeLists.txt"
IMAGE_NAME=$(awk '$1 == "image:" { print $2; exit }' "$REPO/metadata.yaml")
[[ -n $IMAGE_NAME ]] || die "no image in metadata.yaml"
IMAGE=$IMAGE_NAME:$VERSION
DEPS_IMAGE=$IMAGE_NAME-build-deps:latest
echo "image $IMAGE (version $VERSION from CMakeLists.txt)"
examples=$(awk '/^examplePackageURLs:/ { f = 1; next } f && /^ *- / { print $2; next } f { exit }' "$REPO/metadata.yaml")
bad=()
for ex in $examples; do
  [[ $ex == *://* || -f $REPO/$ex/Kptfile ]] || bad+=("$ex")
done
[[ -n $examples && ${#bad[@]} -eq 0 ]] && pass "metadata.yaml: every example package exists (${examples//$'\n'/ })" ||
  fail "metadata.yaml: examplePackageURLs without a Kptfile: ${bad[*]:-none listed}"

BUILD=(podman build --pull=never --network host -f "$REPO/Dockerfile")
# The stage with the compiler and -dev packages, tagged so that it stays
# cached when the dangling build layers are pruned below.
if "${BUILD[@]}" --target deps -t "$DEPS_IMAGE" "$REPO" >"$WORK/build-deps.log" 2>&1; then
  pass "build stage with the Debian packages ($DEPS_IMAGE)"
else
  show "$WORK/build-deps.log"
  fail "podman build --target deps"
  finish
fi
# The examples name the image proxy-private-images:latest, which podman
# finds as localhost/proxy-private-images:latest.
if "${BUILD[@]}" --build-arg VERSION="$VERSION" -t "$IMAGE" -t localhost/proxy-private-images:latest \
  "$REPO" >"$WORK/build.log" 2>&1; then
  pass "podman build --pull=never $IMAGE"
else
  show "$WORK/build.log" 60
  fail "podman build $IMAGE"
  finish
fi
# Dangling layers of earlier builds of this project only.
podman image prune -f --filter label=org.opencontainers.image.title=proxy-private-images >/dev/null 2>&1 || true

run_capture "$WORK/build-wrong-version.out" "$WORK/build-wrong-version.err" \
  "${BUILD[@]}" --build-arg VERSION="$VERSION.99" "$REPO"
if [[ $RC -ne 0 ]] && grep -qF "CMakeLists.txt says $VERSION" "$WORK/build-wrong-version.out" "$WORK/build-wrong-version.err"; then
  pass "a VERSION build argument other than CMakeLists.txt's is refused"
else
  fail "build with VERSION=$VERSION.99: exit $RC, want a refusal naming $VERSION"
fi

inspect() { podman image inspect --format "$1" "$IMAGE"; }
label=$(inspect '{{index .Config.Labels "org.opencontainers.image.version"}}')
[[ $label == "$VERSION" ]] && pass "label org.opencontainers.image.version=$label" ||
  fail "label org.opencontainers.image.version is \"$label\", want $VERSION"
user=$(inspect '{{.Config.User}}')
[[ $user == 65534:65534 ]] && pass "runs as user $user" || fail "user is \"$user\", want 65534:65534"
entrypoint=$(inspect '{{json .Config.Entrypoint}}')
[[ $entrypoint == '["/usr/local/bin/proxy-private-images"]' ]] && pass "entrypoint $entrypoint" ||
  fail "entrypoint is $entrypoint"
size=$(inspect '{{.Size}}')
echo "image size: $size bytes ($((size / 1024 / 1024)) MiB)"
# The build stage is several hundred MiB; this catches it leaking in.
[[ $size -lt $((64 * 1024 * 1024)) ]] && pass "image under 64 MiB" || fail "image is $size bytes"

cid=$(podman create "$IMAGE")
podman export "$cid" | tar -t | sed 's|^\./||; s|/$||' | sort >"$WORK/files.txt"
podman rm "$cid" >/dev/null
missing=()
for f in usr/local/bin/proxy-private-images etc/ssl/certs/ca-certificates.crt etc/passwd etc/group tmp; do
  grep -qxF "$f" "$WORK/files.txt" || missing+=("$f")
done
[[ ${#missing[@]} -eq 0 ]] && pass "image holds the binary, the CA bundle, passwd, group and /tmp" ||
  fail "image lacks: ${missing[*]}"
extra=$(grep -xE '(usr/)?(s?bin/(sh|bash|dash|busybox)|bin/(apt|apt-get|dpkg))' "$WORK/files.txt" || true)
[[ -z $extra ]] && pass "no shell and no package manager in the image" || fail "image holds: $extra"
note "$(wc -l <"$WORK/files.txt") entries; libraries: $(grep -c '\.so' "$WORK/files.txt")"

run_capture "$WORK/version.out" "$WORK/version.err" \
  podman run --rm --network none --user nobody "$IMAGE" --version
if [[ $RC -eq 0 ]] && grep -qF "$VERSION" "$WORK/version.out"; then
  pass "--version in the container: $(head -n 1 "$WORK/version.out")"
else
  fail "--version in the container: exit $RC"
  show "$WORK/version.err"
fi

# ---------------------------------------------------------------------------
section "container vs binary on the same ResourceLists"

# The way kustomize and kpt start it: no network, user nobody.
RUN=(podman run --rm -i --network none --user nobody --security-opt=no-new-privileges "$IMAGE")
for input in "$TESTDATA"/resource-lists/*.yaml; do
  name=$(basename "$input" .yaml)
  run_capture "$WORK/$name.want" "$WORK/$name.want-err" "$BIN" <"$input"
  want_rc=$RC
  run_capture "$WORK/$name.got" "$WORK/$name.got-err" "${RUN[@]}" <"$input"
  if [[ $RC -eq $want_rc ]]; then
    pass "$name: exit $RC, as the binary"
  else
    fail "$name: exit $RC, the binary exits $want_rc"
    show "$WORK/$name.got-err"
  fi
  expect_same_output "$WORK/$name.want" "$WORK/$name.got" "$name: same output as the binary"
done
grep -q 'severity: error' "$WORK/invalid-image.got" && pass "invalid-image: the error result comes out of the container" ||
  fail "invalid-image: no error result"

# ---------------------------------------------------------------------------
section "kustomize: container function through the docker shim"

# kustomize_case NAME DIR [ARGS...]: runs kustomize on DIR with the shim,
# capturing what the container reads and writes; then feeds the binary the
# same ResourceList and compares.
kustomize_case() {
  local name=$1 dir=$2
  shift 2
  local cap=$WORK/capture-$name
  mkdir -p "$cap"
  run_capture "$WORK/$name.out" "$WORK/$name.err" \
    env PPI_SHIM_CAPTURE="$cap" PATH="$SHIM_DIR:$PATH" PPI_SHIM_LOG="$SHIM_LOG" \
    "${KUSTOMIZE[@]}" "$@" "$dir"
  KRC=$RC
  if [[ -f $cap/1.in ]]; then
    run_capture "$cap/1.want" "$cap/1.want-err" "$BIN" <"$cap/1.in"
    expect_same_output "$cap/1.want" "$cap/1.out" "$name: container output = binary output on the ResourceList kustomize sent"
  else
    fail "$name: kustomize did not run the container"
    show "$WORK/$name.err"
  fi
}

if [[ ${#KUSTOMIZE[@]} -eq 0 ]]; then
  echo "SKIP: kubectl and kustomize not found: kustomize checks not run"
else
  : >"$SHIM_LOG"
  kdir=$WORK/kustomize
  cp -R "$TESTDATA/kustomize" "$kdir"
  fill "$kdir/fn-config.yaml"
  kustomize_case kustomize "$kdir"
  [[ $KRC -eq 0 ]] && pass "${KUSTOMIZE[*]}: exit 0" || { fail "${KUSTOMIZE[*]}: exit $KRC"; show "$WORK/kustomize.err"; }
  expect_contains "$WORK/kustomize.out" "image: proxy.replicated.com/proxy/my-kots-app/quay.io/my-org/api:v1.0.1" \
    "kustomize: private image rewritten to the proxy"
  expect_contains "$WORK/kustomize.out" "type: kubernetes.io/dockerconfigjson" "kustomize: pull secret emitted"
  last_run_call >"$WORK/kustomize.argv"
  note "kustomize runs: docker $(tr '\n' ' ' <"$WORK/kustomize.argv")"
  expect_contains "$WORK/kustomize.argv" "none" "kustomize: --network none by default"
  expect_contains "$WORK/kustomize.argv" "nobody" "kustomize: --user nobody"

  # The documented quickstart, unchanged: its image name is the :latest tag.
  qdir=$WORK/quickstart
  cp -R "$REPO/examples/quickstart" "$qdir"
  LICENSE_ID=container-test-license kustomize_case quickstart "$qdir"
  [[ $KRC -eq 0 ]] && pass "examples/quickstart through kustomize: exit 0" ||
    { fail "examples/quickstart through kustomize: exit $KRC"; show "$WORK/quickstart.err"; }
  expect_contains "$WORK/quickstart.out" "proxy.replicated.com/proxy/" "examples/quickstart: an image rewritten to the proxy"
  auth=$(secret_auth "$WORK/quickstart.out")
  [[ $auth == LICENSE_ID:container-test-license ]] &&
    pass "examples/quickstart: \$LICENSE_ID reached the container (envs:) and is in the pull secret" ||
    fail "examples/quickstart: pull secret auth is \"$auth\", want LICENSE_ID:container-test-license"
fi

# ---------------------------------------------------------------------------
section "kpt: fn eval --image and fn render through the docker shim"

# A package whose files differ only where the function changed them.
diff_pkgs() { # WANT-DIR GOT-DIR DESCRIPTION
  local d
  if d=$(diff -r -x Kptfile "$1" "$2" 2>&1); then
    pass "$3"
  else
    fail "$3"
    printf '%s\n' "$d" | head -n 40 | sed 's/^/    | /'
  fi
}

KPT_ARGS=(-- appSlug=my-kots-app licenseID=container-test-license
  'private=quay.io/my-org/*,ghcr.io/my-org/*' 'public=docker.io/library/*')
if [[ $HAVE_KPT -eq 0 ]]; then
  echo "SKIP: kpt not found: kpt checks not run"
else
  cp -R "$TESTDATA/kpt" "$WORK/kpt-exec"
  run_capture "$WORK/kpt-exec.out" "$WORK/kpt-exec.err" \
    kpt fn eval --exec "$BIN" "$WORK/kpt-exec" "${KPT_ARGS[@]}"
  [[ $RC -eq 0 ]] || { fail "kpt fn eval --exec: exit $RC"; show "$WORK/kpt-exec.err"; }
  expect_contains "$WORK/kpt-exec/deployment.yaml" "proxy.replicated.com/proxy/my-kots-app/quay.io/my-org/api:v1.0.1" \
    "kpt fn eval --exec: private image rewritten (the reference for the container runs)"

  cp -R "$TESTDATA/kpt" "$WORK/kpt-image"
  run_capture "$WORK/kpt-image.out" "$WORK/kpt-image.err" \
    with_shim kpt fn eval --image "$IMAGE" "$WORK/kpt-image" "${KPT_ARGS[@]}"
  [[ $RC -eq 0 ]] && pass "kpt fn eval --image (docker shim): exit 0" ||
    { fail "kpt fn eval --image (docker shim): exit $RC"; show "$WORK/kpt-image.err"; }
  diff_pkgs "$WORK/kpt-exec" "$WORK/kpt-image" "kpt fn eval: --image gives the same package as --exec"
  note "kpt runs: $(awk '/^--end--$/ { print "docker" line; line = ""; next } { line = line " " $0 }' "$SHIM_LOG" | paste -sd ';' -)"
  expect_contains "$SHIM_LOG" "{{.Client.Version}}" "kpt asks docker for its client version"
  last_run_call >"$WORK/kpt.argv"
  expect_contains "$WORK/kpt.argv" "missing" "kpt: --pull missing by default (no registry needed for a local image)"

  cp -R "$TESTDATA/kpt" "$WORK/kpt-podman"
  run_capture "$WORK/kpt-podman.out" "$WORK/kpt-podman.err" \
    env KPT_FN_RUNTIME=podman kpt fn eval --image "$IMAGE" "$WORK/kpt-podman" "${KPT_ARGS[@]}"
  [[ $RC -eq 0 ]] && pass "KPT_FN_RUNTIME=podman kpt fn eval --image: exit 0" ||
    { fail "KPT_FN_RUNTIME=podman kpt fn eval --image: exit $RC"; show "$WORK/kpt-podman.err"; }
  diff_pkgs "$WORK/kpt-exec" "$WORK/kpt-podman" "KPT_FN_RUNTIME=podman: same package as --exec"

  # fn render: the Kptfile names the function by image or by exec.
  for kind in exec image; do
    dir=$WORK/render-$kind
    cp -R "$TESTDATA/kpt" "$dir"
    if [[ $kind == exec ]]; then fn="exec: $BIN"; else fn="image: $IMAGE"; fi
    printf 'pipeline:\n  mutators:\n    - %s\n      configPath: fn-config.yaml\n' "$fn" >>"$dir/Kptfile"
  done
  run_capture "$WORK/render-exec.out" "$WORK/render-exec.err" kpt fn render --allow-exec "$WORK/render-exec"
  [[ $RC -eq 0 ]] || { fail "kpt fn render (exec): exit $RC"; show "$WORK/render-exec.err"; }
  expect_contains "$WORK/render-exec/cronjob.yaml" "proxy.replicated.com/proxy/my-kots-app/ghcr.io/my-org/reporter:1.4" \
    "kpt fn render (exec): CronJob image rewritten (the reference)"
  run_capture "$WORK/render-image.out" "$WORK/render-image.err" with_shim kpt fn render "$WORK/render-image"
  [[ $RC -eq 0 ]] && pass "kpt fn render with a Kptfile image: exit 0" ||
    { fail "kpt fn render (image): exit $RC"; show "$WORK/render-image.err"; }
  diff_pkgs "$WORK/render-exec" "$WORK/render-image" "kpt fn render: image: gives the same package as exec:"
fi

# ---------------------------------------------------------------------------
section "network: the container reaches a registry on 127.0.0.1"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A real registry (Debian's docker-registry, the distribution project)
# holding the function's own image.
start_registry() {
  local port=$1 _
  mkdir -p "$WORK/registry/data"
  cat >"$WORK/registry/config.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $WORK/registry/data
http:
  addr: 127.0.0.1:$port
EOF
  docker-registry serve "$WORK/registry/config.yml" >"$WORK/registry/log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  show "$WORK/registry/log"
  return 1
}

network_input() { # FILE: a ResourceList that needs the probe of $REGISTRY
  cp "$TESTDATA/kustomize-network/pod.yaml" "$WORK/net-pod.yaml"
  fill "$WORK/net-pod.yaml"
  {
    printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nfunctionConfig:\n'
    printf '  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: function-input\n'
    printf '  data:\n    appSlug: my-kots-app\n    licenseID: container-test-license\n'
    # The registry has a port, which a proxied name cannot hold: the
    # absent image is kept rather than proxied (onMissing: keep).
    printf '    probe: online\n    onMissing: keep\n    insecureRegistries: "%s"\n' "$REGISTRY"
    printf 'items:\n'
    grep -v '^#' "$WORK/net-pod.yaml" | sed -e 's/^/  /' -e '1s/^  /- /'
  } >"$1"
}

if ! ensure_tool docker-registry docker-registry; then
  echo "SKIP: docker-registry not found: network checks not run ($HOW_TO_INSTALL)"
elif ! port=$(free_port) || ! start_registry "$port"; then
  fail "docker-registry did not start"
else
  REGISTRY=127.0.0.1:$port
  if podman push --tls-verify=false "$IMAGE" "docker://$REGISTRY/ppi/function:$VERSION" >"$WORK/push.log" 2>&1; then
    pass "pushed $IMAGE to the registry at $REGISTRY"
  else
    fail "podman push to $REGISTRY"
    show "$WORK/push.log"
  fi
  network_input "$WORK/net.yaml"
  run_capture "$WORK/net.want" "$WORK/net.want-err" "$BIN" <"$WORK/net.yaml"
  # Same input with and without the network: only the network lets the
  # container see that one image is there and the other is not.
  run_capture "$WORK/net.got" "$WORK/net.got-err" \
    podman run --rm -i --network host --user nobody "$IMAGE" <"$WORK/net.yaml"
  expect_same_output "$WORK/net.want" "$WORK/net.got" "probe over --network host: same output as the binary"
  expect_contains "$WORK/net.got" "class: public" "the image in the registry is public (probed through the network)"
  expect_contains "$WORK/net.got" "class: missing" "the image not in the registry is missing"
  run_capture "$WORK/net-none.got" "$WORK/net-none.err" \
    podman run --rm -i --network none --user nobody "$IMAGE" <"$WORK/net.yaml"
  [[ $RC -eq 1 ]] && pass "with --network none: exit 1 (onUnreachable defaults to fail)" ||
    { fail "with --network none: exit $RC, want 1"; show "$WORK/net-none.err"; }
  expect_contains "$WORK/net-none.got" "/ppi/function:$VERSION: unreachable (" \
    "with --network none the registry is unreachable"

  # The probe subcommand, in the container and as the binary.
  PROBE_ARGS=(probe --insecure-registry "$REGISTRY" "$REGISTRY/ppi/function:$VERSION")
  run_capture "$WORK/probe.want" "$WORK/probe.want-err" "$BIN" "${PROBE_ARGS[@]}"
  run_capture "$WORK/probe.got" "$WORK/probe.got-err" \
    podman run --rm --network host --user nobody "$IMAGE" "${PROBE_ARGS[@]}"
  [[ $RC -eq 0 ]] && pass "probe subcommand in the container: exit 0" ||
    { fail "probe subcommand in the container: exit $RC"; show "$WORK/probe.got-err"; }
  expect_contains "$WORK/probe.got" "$REGISTRY/ppi/function:$VERSION	public" "probe subcommand: the pushed image is public"
  expect_same_file "$WORK/probe.want" "$WORK/probe.got" "probe subcommand: same output as the binary"

  if [[ ${#KUSTOMIZE[@]} -gt 0 ]]; then
    ndir=$WORK/kustomize-network
    cp -R "$TESTDATA/kustomize-network" "$ndir"
    fill "$ndir/fn-config.yaml"
    fill "$ndir/pod.yaml"
    kustomize_case kustomize-network "$ndir" --network
    [[ $KRC -eq 0 ]] && pass "kustomize --network with network: true: exit 0" ||
      { fail "kustomize --network: exit $KRC"; show "$WORK/kustomize-network.err"; }
    last_run_call >"$WORK/kustomize-network.argv"
    expect_contains "$WORK/kustomize-network.argv" "host" "kustomize passes --network host"
    expect_contains "$WORK/kustomize-network.out" "image: $REGISTRY/ppi/function:$VERSION" \
      "kustomize --network: the public image is left as it is"
    expect_contains "$WORK/kustomize-network.out" "image: $REGISTRY/ppi/absent:1" \
      "kustomize --network: the missing image is kept (onMissing: keep; the registry has a port)"
    expect_contains "$WORK/capture-kustomize-network/1.out" "; onMissing: keep)" \
      "kustomize --network: the container probed it: missing, kept by onMissing: keep"
    run_capture "$WORK/kustomize-nonet.out" "$WORK/kustomize-nonet.err" \
      with_shim "${KUSTOMIZE[@]}" "$ndir"
    [[ $RC -ne 0 ]] && grep -q -- '--network' "$WORK/kustomize-nonet.err" &&
      pass "kustomize without --network refuses the function (network: true)" ||
      fail "kustomize without --network: exit $RC"
  fi
  if [[ $HAVE_KPT -eq 1 ]]; then
    mkdir -p "$WORK/kpt-network"
    cp "$WORK/net-pod.yaml" "$WORK/kpt-network/pod.yaml"
    run_capture "$WORK/kpt-network.out" "$WORK/kpt-network.err" \
      with_shim kpt fn eval --network --image "$IMAGE" "$WORK/kpt-network" \
      --results-dir "$WORK/kpt-network-results" -- \
      appSlug=my-kots-app licenseID=container-test-license probe=online onMissing=keep \
      insecureRegistries="$REGISTRY"
    [[ $RC -eq 0 ]] && pass "kpt fn eval --network --image: exit 0" ||
      { fail "kpt fn eval --network: exit $RC"; show "$WORK/kpt-network.err"; }
    last_run_call >"$WORK/kpt-network.argv"
    expect_contains "$WORK/kpt-network.argv" "host" "kpt fn eval --network passes --network host"
    expect_contains "$WORK/kpt-network/pod.yaml" "image: $REGISTRY/ppi/function:$VERSION" \
      "kpt fn eval --network: the public image is left as it is"
    expect_contains "$WORK/kpt-network/pod.yaml" "image: $REGISTRY/ppi/absent:1" \
      "kpt fn eval --network: the missing image is kept (onMissing: keep)"
    expect_contains "$WORK/kpt-network-results/results.yaml" "; onMissing: keep)" \
      "kpt fn eval --network: the container probed it: missing, kept by onMissing: keep"
  fi
fi

finish
