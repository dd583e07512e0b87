#!/usr/bin/env bash
# kubectl kustomize --enable-alpha-plugins over a copy of examples/quickstart.
# kubectl's kustomize runs only `container:` functions, through the `docker`
# command; docker_shim.sh stands in for docker (first on PATH), logs the
# arguments kustomize gives it and runs the function binary in a clean
# environment holding only the variables passed with -e.
#
# Usage: kustomize_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kubectl
e2e_init "$@"

ln -s "$E2E_DIR/docker_shim.sh" "$BIN_DIR/docker"
export PPI_BIN
export PPI_SHIM_LOG=$WORK/docker-argv.txt

PKG=$WORK/quickstart
copy_pkg "$EXAMPLES_DIR/quickstart" "$PKG"

# kustomize ARGS...: runs kubectl kustomize; output in $WORK/out.yaml,
# stderr in $WORK/err.txt, docker arguments in $PPI_SHIM_LOG.
kustomize() {
  : >"$PPI_SHIM_LOG"
  run_capture "$WORK/out.yaml" "$WORK/err.txt" kubectl kustomize --enable-alpha-plugins "$@"
}

# argv_has_pair A B: the logged docker arguments hold A directly followed by B.
argv_has_pair() {
  awk -v a="$1" -v b="$2" 'prev == a && $0 == b { found = 1 } { prev = $0 } END { exit !found }' \
    "$PPI_SHIM_LOG"
}

check_output() { # check_output LABEL
  local out=$WORK/out.yaml label=$1
  expect_contains "$out" "image: $PROXY_PREFIX/quay.io/my-org/api:v1.0.1" "$label: private image proxied"
  expect_contains "$out" "image: postgres:16" "$label: postgres:16 unchanged"
  expect_contains "$out" "image: redis:7" "$label: redis:7 unchanged"
  expect_count "$out" "image: $PROXY_PREFIX/" 1 "$label: only the private image proxied"
  expect_line "$out" "kind: Secret" "$label: a Secret is emitted"
  expect_line "$out" "type: kubernetes.io/dockerconfigjson" "$label: the Secret is a dockerconfigjson"
  expect_line "$out" "  name: $PULL_SECRET" "$label: the Secret is named $PULL_SECRET"
  expect_count "$out" "kind: Secret" 1 "$label: exactly one Secret"
  awk '/imagePullSecrets:/ { getline; print }' "$out" >"$WORK/pull-secrets.txt"
  expect_contains "$WORK/pull-secrets.txt" "- name: $PULL_SECRET" "$label: imagePullSecrets names the Secret"
  expect_contains "$out" 'value: "5432"' "$label: \"5432\" stays a string"
  expect_contains "$out" 'value: "true"' "$label: \"true\" stays a string"
  expect_not_contains "$out" "config.kubernetes.io/" "$label: no kpt/kustomize bookkeeping annotation left"
  expect_not_contains "$out" "config.k8s.io/id" "$label: no config.k8s.io/id left"
}

# 1. As the example is written: network off.
LICENSE_ID="$EXAMPLE_LICENSE" kustomize "$PKG"
expect_rc 0 "kubectl kustomize quickstart" "$WORK/err.txt"
check_output quickstart
if argv_has_pair --network none; then
  pass "kustomize ran the container with --network none"
else
  fail "the docker arguments lack --network none"
  show "$PPI_SHIM_LOG"
fi
if argv_has_pair -e LICENSE_ID; then
  pass "kustomize passed -e LICENSE_ID (envs in the annotation)"
else
  fail "the docker arguments lack -e LICENSE_ID"
  show "$PPI_SHIM_LOG"
fi
cp "$WORK/out.yaml" "$WORK/first.yaml"

# Same input, same output.
LICENSE_ID="$EXAMPLE_LICENSE" kustomize "$PKG"
expect_same_file "$WORK/first.yaml" "$WORK/out.yaml" "a second kustomize build gives the same output"

# 2. network: true in the annotation, and --network on the command line.
sed -i 's/^        image: proxy-private-images:latest$/&\n        network: true/' "$PKG/fn-config.yaml"
expect_contains "$PKG/fn-config.yaml" "network: true" "fn-config.yaml edited to ask for the network"
LICENSE_ID="$EXAMPLE_LICENSE" kustomize --network "$PKG"
expect_rc 0 "kubectl kustomize --network with network: true" "$WORK/err.txt"
check_output network
if grep -qx -- "--network" "$PPI_SHIM_LOG" && ! argv_has_pair --network none; then
  pass "with network: true and --network the container is not started with --network none"
else
  fail "with network: true and --network: docker arguments are"
  show "$PPI_SHIM_LOG"
fi

# 3. The license variable not handed to the container: the function fails,
# and kustomize with it, rather than emitting a Secret without a password.
copy_pkg "$EXAMPLES_DIR/quickstart" "$WORK/no-envs/quickstart"
sed -i '/^        envs:$/,/^          - LICENSE_ID$/d' "$WORK/no-envs/quickstart/fn-config.yaml"
expect_not_contains "$WORK/no-envs/quickstart/fn-config.yaml" "envs:" "fn-config.yaml edited to pass no envs"
LICENSE_ID="$EXAMPLE_LICENSE" kustomize "$WORK/no-envs/quickstart"
expect_nonzero_rc "kubectl kustomize fails when LICENSE_ID does not reach the function" "$WORK/out.yaml"
expect_contains "$WORK/err.txt" "LICENSE_ID" "the error names the LICENSE_ID variable"

e2e_finish
