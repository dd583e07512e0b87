#!/usr/bin/env bash
# Probing real registries through kustomize: `kubectl kustomize
# --enable-alpha-plugins --network` with a `container:` function annotated
# `network: true`, run by tests/e2e/docker_shim.sh (first on PATH as
# `docker`) against the loopback registries (token auth, htpasswd over TLS,
# no auth); without --network kustomize refuses. Then
# `proxy-private-images probe --record FILE IMAGE...` writes a record, the
# registries are stopped, and a kustomize run with `probe: offline` that lists
# the record among its resources decides from it, with the network off (a
# network namespace with loopback down, and strace, where available).
#
# Usage: kustomize_probe_test.sh PATH-TO-proxy-private-images
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kubectl
probe_e2e_init "$@"
start_registries
setup_isolation

# kustomize runs `docker run … IMAGE`; the shim runs $PPI_BIN, here a
# wrapper that keeps the function's output (its results) in fn-output.yaml.
ln -s "$E2E_DIR/docker_shim.sh" "$BIN_DIR/docker"
make_tee_wrapper "$WORK/fn-tee" "$WORK/fn-output.yaml"
export PPI_BIN=$WORK/fn-tee
export PPI_SHIM_LOG=$WORK/docker-argv.txt

# argv_has_pair A B: the logged docker arguments hold A directly followed by B.
argv_has_pair() {
  awk -v a="$1" -v b="$2" 'prev == a && $0 == b { found = 1 } { prev = $0 } END { exit !found }' \
    "$PPI_SHIM_LOG"
}

# kustomize OUT ERR [TRACER TRACE-LOG] ARGS...: kubectl kustomize
# --enable-alpha-plugins ARGS, output in OUT, stderr in ERR, exit in RC.
kustomize_run() {
  local out=$1 err=$2
  shift 2
  : >"$PPI_SHIM_LOG"
  rm -f "$WORK/fn-output.yaml"
  case ${1:-} in
    traced | isolated)
      local how=$1 log=$2
      shift 2
      run_capture "$out" "$err" "$how" "$log" kubectl kustomize --enable-alpha-plugins "$@"
      ;;
    *) run_capture "$out" "$err" kubectl kustomize --enable-alpha-plugins "$@" ;;
  esac
}

check_kustomize_output() { # check_kustomize_output FILE LABEL
  local out=$1 label=$2
  check_rewrites "$out" "$label"
  check_secret_text "$out" "$label"
  expect_count "$out" "kind: Secret" 1 "$label: exactly one Secret"
  awk '/imagePullSecrets:/ { getline; print }' "$out" >"$WORK/pull-secrets.txt"
  expect_contains "$WORK/pull-secrets.txt" "- name: $PULL_SECRET" "$label: imagePullSecrets names $PULL_SECRET"
  expect_not_contains "$out" "kind: ImageProbeRecord" \
    "$label: the record (local-config) is not in kustomize's output"
  expect_not_contains "$out" "config.kubernetes.io/" "$label: no bookkeeping annotation left"
}

echo "# 1. kubectl kustomize --network, function annotated network: true, probing"
KPKG=$WORK/kpkg
mkdir -p "$KPKG"
write_deployment "$KPKG/deployment.yaml"
cat >"$KPKG/kustomization.yaml" <<EOF
resources:
  - deployment.yaml
transformers:
  - fn-config.yaml
EOF
# caFile is absolute here (a temporary file): the shim, like a container,
# runs the function from the root directory.
cat >"$KPKG/fn-config.yaml" <<EOF
apiVersion: fn.proxy-private-images.io/v1alpha1
kind: ProxyPrivateImages
metadata:
  name: proxy-private-images
  annotations:
    config.kubernetes.io/function: |
      container:
        image: proxy-private-images:latest
        network: true
spec:
  appSlug: $APP_SLUG
  licenseID: $PROBE_LICENSE
  # no private/public lists: the registries are asked
  insecureRegistries: [$TOKEN_HOST, $REALM_HOST, $PLAIN_HOST]
  caFile: $CA_FILE
EOF

kustomize_run "$WORK/k1.yaml" "$WORK/k1.err" traced "$WORK/trace-k1.txt" --network "$KPKG"
expect_rc 0 "kubectl kustomize --enable-alpha-plugins --network" "$WORK/k1.err"
check_kustomize_output "$WORK/k1.yaml" kustomize
if argv_has_pair --network host; then
  pass "kustomize started the container with --network host"
else
  fail "the docker arguments lack --network host"
  show "$PPI_SHIM_LOG"
fi
expect_file "$WORK/fn-output.yaml" "the function's output was kept"
check_results "$WORK/fn-output.yaml" probed kustomize
expect_contains "$WORK/fn-output.yaml" "kind: ImageProbeRecord" \
  "kustomize: the function emitted the probe record (kustomize drops it as local-config)"
expect_connected "$WORK/trace-k1.txt" "$TOKEN_ADDR" "kustomize: strace saw the function connect to the token registry"
expect_connected "$WORK/trace-k1.txt" "$BASIC_ADDR" "kustomize: strace saw the function connect to the TLS registry"

echo "# 2. without --network kustomize refuses a function that asks for the network"
kustomize_run "$WORK/k2.yaml" "$WORK/k2.err" "$KPKG"
expect_nonzero_rc "kubectl kustomize without --network" "$WORK/k2.err"
expect_contains "$WORK/k2.err" "network required but not enabled with --network" \
  "kustomize says: network required but not enabled with --network"
if [[ ! -s $PPI_SHIM_LOG ]]; then
  pass "kustomize did not start the container"
else
  fail "kustomize started docker without --network"
  show "$PPI_SHIM_LOG"
fi
if [[ ! -s $WORK/k2.yaml ]]; then pass "no output without --network"; else fail "output without --network"; fi

echo "# 3. proxy-private-images probe --record"
KPKG2=$WORK/kpkg-offline
mkdir -p "$KPKG2"
mapfile -t IMAGES < <(expected_probes | cut -f1)
PROBE_FLAGS=(--insecure-registry "$TOKEN_HOST" --insecure-registry "$REALM_HOST"
  --insecure-registry "$PLAIN_HOST" --ca-file "$CA_REL")
run_capture "$WORK/probe.out" "$WORK/probe.err" \
  proxy-private-images probe --record "$KPKG2/image-probe-record.yaml" "${PROBE_FLAGS[@]}" "${IMAGES[@]}"
expect_rc 0 "probe --record: every image public or private" "$WORK/probe.err" "$WORK/probe.out"
expected_probes >"$WORK/probe.want"
expect_same_file "$WORK/probe.want" "$WORK/probe.out" "probe prints image<TAB>class<TAB>reason for each image"
R=$KPKG2/image-probe-record.yaml
expect_file "$R" "probe --record wrote the record file"
expect_line "$R" "kind: ImageProbeRecord" "the record file is an ImageProbeRecord"
expect_contains "$R" 'config.kubernetes.io/local-config: "true"' "the record file is local-config"
while IFS=$'\t' read -r image klass reason; do
  expect_record "$R" "$image" "$klass" "$reason" "record file: $image $klass ($reason)"
done < <(expected_probes)
expect_not_contains "$R" "$WORK" "no machine path in the record file"

run_capture "$WORK/probe-missing.out" "$WORK/probe-missing.err" \
  proxy-private-images probe "${PROBE_FLAGS[@]}" "$TOKEN_HOST/public/app:v1" "$TOKEN_HOST/public/none:v1"
expect_rc 1 "probe exits 1 when an image is neither public nor private" "$WORK/probe-missing.err"
expect_line "$WORK/probe-missing.out" "$TOKEN_HOST/public/none:v1"$'\t'"missing"$'\t'"404 manifest unknown" \
  "probe: a repository that does not exist is missing (404 manifest unknown)"

echo "# 4. registries stopped; kustomize with probe: offline and the record as a resource"
stop_registries
write_deployment "$KPKG2/deployment.yaml"
cat >"$KPKG2/kustomization.yaml" <<EOF
resources:
  - deployment.yaml
  - image-probe-record.yaml
transformers:
  - fn-config.yaml
EOF
cat >"$KPKG2/fn-config.yaml" <<EOF
apiVersion: fn.proxy-private-images.io/v1alpha1
kind: ProxyPrivateImages
metadata:
  name: proxy-private-images
  annotations:
    config.kubernetes.io/function: |
      container:
        image: proxy-private-images:latest
spec:
  appSlug: $APP_SLUG
  licenseID: $PROBE_LICENSE
  probe: offline
EOF
cp "$R" "$WORK/record.before"
kustomize_run "$WORK/k4.yaml" "$WORK/k4.err" isolated "$WORK/trace-k4.txt" "$KPKG2"
expect_rc 0 "offline kubectl kustomize with the record among the resources" "$WORK/k4.err"
expect_same_file "$WORK/k1.yaml" "$WORK/k4.yaml" "offline output identical to the probing run's"
check_kustomize_output "$WORK/k4.yaml" "offline kustomize"
if argv_has_pair --network none; then
  pass "offline: kustomize started the container with --network none"
else
  fail "offline: the docker arguments lack --network none"
  show "$PPI_SHIM_LOG"
fi
check_results "$WORK/fn-output.yaml" "record:$R" "offline kustomize"
expect_not_contains "$WORK/fn-output.yaml" "(probed)" "offline kustomize: nothing was probed"
expect_same_file "$WORK/record.before" "$R" "offline kustomize: the record file is left alone"
expect_no_inet_socket "$WORK/trace-k4.txt" "offline kustomize: no socket opened"

e2e_finish
