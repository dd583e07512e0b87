#!/usr/bin/env bash
# Probing real registries through kpt: `kpt fn eval --exec` and
# `kpt fn render --allow-exec` on a package whose Deployment uses images on
# loopback registries (token auth, htpasswd over TLS, no auth), with no
# private/public lists: the function asks the registries, rewrites the
# private images, writes the Secret and the probe record
# (image-probe-record.yaml). Then the registries are stopped and runs with
# `probe: offline` decide from the record alone: same files, results citing
# the record, and no socket opened (checked in a network namespace with
# loopback down, and with strace, where available).
#
# Usage: kpt_probe_test.sh PATH-TO-proxy-private-images
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kpt
probe_e2e_init "$@"
start_registries
setup_isolation

# eval_args [key=value...]: the ConfigMap settings of every eval run.
eval_args() {
  printf '%s\n' "appSlug=$APP_SLUG" "licenseID=$PROBE_LICENSE" \
    "insecureRegistries=$INSECURE" "caFile=$CA_REL" "$@"
}

# expect_package_files DIR LABEL FILE...: DIR holds exactly these files.
expect_package_files() {
  local dir=$1 label=$2
  shift 2
  local got want
  got=$(cd "$dir" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ')
  if [[ $got == "$want" ]]; then
    pass "$label: the package holds $want"
  else
    fail "$label: the package holds '$got', want '$want'"
  fi
}

# check_record FILE LABEL: the record kpt wrote, with each image, its class
# and its reason, marked local-config, without bookkeeping annotations,
# license or machine paths.
check_record() {
  local file=$1 label=$2 image klass reason
  expect_file "$file" "$label: image-probe-record.yaml written"
  expect_line "$file" "kind: ImageProbeRecord" "$label: the record is an ImageProbeRecord"
  expect_contains "$file" 'config.kubernetes.io/local-config: "true"' "$label: the record is local-config"
  while IFS=$'\t' read -r image klass reason; do
    expect_record "$file" "$image" "$klass" "$reason" "$label: record: $image $klass ($reason)"
  done < <(expected_probes)
  expect_count "$file" "- image:" 4 "$label: the record holds the four images"
  expect_count "$file" "probedAt:" 4 "$label: each with probedAt"
  expect_not_contains "$file" "config.kubernetes.io/path" "$label: no path annotation left in the record file"
  expect_not_contains "$file" "$PROBE_LICENSE" "$label: no license in the record"
  expect_not_contains "$file" "$WORK" "$label: no machine path in the record"
}

# check_deployment FILE LABEL: rewrites, pull secret, and the user's text kept.
check_deployment() {
  local file=$1 label=$2
  check_rewrites "$file" "$label"
  expect_contains "$file" "image: \"$PROXY_PREFIX/$TOKEN_HOST/private/app:v1\"" \
    "$label: the double-quoted image stays double-quoted"
  expect_contains "$file" "image: $PROXY_PREFIX/$BASIC_HOST/vendor/app:v1 # htpasswd over TLS" \
    "$label: the comment after the image is kept"
  expect_contains "$file" "image: '$PLAIN_HOST/library/web:v1'" "$label: the single-quoted public image untouched"
  expect_contains "$file" 'value: "8080"' "$label: \"8080\" stays a string"
  awk '/imagePullSecrets:/ { getline; print }' "$file" >"$WORK/pull-secrets.txt"
  expect_contains "$WORK/pull-secrets.txt" "- name: $PULL_SECRET" "$label: imagePullSecrets names $PULL_SECRET"
}

echo "# 1. kpt fn eval --exec, probing the registries"
EVAL=$WORK/eval
mkdir -p "$EVAL"
write_deployment "$EVAL/deployment.yaml"
cp -R "$EVAL" "$WORK/eval.orig"

mapfile -t ARGS < <(eval_args)
# PPI_NOW pins the clock the record's probedAt is stamped with.
PINNED=2026-03-04T05:06:07Z
PPI_NOW=$PINNED run_capture "$WORK/eval1.out" "$WORK/eval1.err" traced "$WORK/trace-eval1.txt" \
  kpt fn eval "$EVAL" --results-dir "$WORK/res-eval1" --exec proxy-private-images -- "${ARGS[@]}"
expect_rc 0 "kpt fn eval (probe: online by default)" "$WORK/eval1.err" "$WORK/eval1.out"
if [[ $(record_time "$EVAL/image-probe-record.yaml" "$TOKEN_HOST/public/app:v1") == "$PINNED" ]]; then
  pass "eval: the record's probedAt is the PPI_NOW clock"
else
  fail "eval: probedAt is not PPI_NOW ($PINNED)"
  show "$EVAL/image-probe-record.yaml" 40
fi
expect_package_files "$EVAL" eval deployment.yaml image-probe-record.yaml "$PULL_SECRET.yaml"
check_deployment "$EVAL/deployment.yaml" eval
check_secret_text "$EVAL/$PULL_SECRET.yaml" "eval: $PULL_SECRET.yaml"
check_record "$EVAL/image-probe-record.yaml" eval
check_results "$WORK/res-eval1/results.yaml" probed eval
expect_not_contains "$WORK/res-eval1/results.yaml" "$PROBE_LICENSE" "eval: no license in the results"
expect_connected "$WORK/trace-eval1.txt" "$TOKEN_ADDR" "eval: strace saw the function connect to the token registry"
expect_connected "$WORK/trace-eval1.txt" "$REALM_ADDR" "eval: strace saw the function connect to the token server"
expect_connected "$WORK/trace-eval1.txt" "$BASIC_ADDR" "eval: strace saw the function connect to the TLS registry"

echo "# 2. kpt fn eval again on its own output, registries up"
cp -R "$EVAL" "$WORK/eval.after1"
run_capture "$WORK/eval2.out" "$WORK/eval2.err" traced "$WORK/trace-eval2.txt" \
  kpt fn eval "$EVAL" --results-dir "$WORK/res-eval2" --exec proxy-private-images -- "${ARGS[@]}"
expect_rc 0 "kpt fn eval, second run" "$WORK/eval2.err"
expect_same_tree "$WORK/eval.after1" "$EVAL" "eval: a second run changes no file (record included)"
expect_contains "$WORK/res-eval2/results.yaml" \
  "$TOKEN_HOST/public/app:v1: public (200 after anonymous token (probe record of $(record_time "$EVAL/image-probe-record.yaml" "$TOKEN_HOST/public/app:v1")))" \
  "eval: second run decides the public image from the record"
expect_contains "$WORK/res-eval2/results.yaml" \
  "$PROXY_PREFIX/$TOKEN_HOST/private/app:v1: proxied (already under proxy.replicated.com/proxy/)" \
  "eval: second run recognises its own rewrite"
expect_no_inet_socket "$WORK/trace-eval2.txt" \
  "eval: second online run asks no registry (record and own rewrites decide)"

echo "# 3. kpt fn render --allow-exec with a Kptfile pipeline, probing"
RENDER=$WORK/render
mkdir -p "$RENDER"
write_deployment "$RENDER/deployment.yaml"
cat >"$RENDER/Kptfile" <<EOF
apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: shop
  annotations:
    config.kubernetes.io/local-config: "true"
info:
  description: probe end-to-end test package
pipeline:
  mutators:
    - exec: proxy-private-images
      configPath: fn-config.yaml
EOF
cat >"$RENDER/fn-config.yaml" <<EOF
apiVersion: fn.proxy-private-images.io/v1alpha1
kind: ProxyPrivateImages
metadata:
  name: proxy-private-images
  annotations:
    config.kubernetes.io/local-config: "true"
spec:
  appSlug: $APP_SLUG
  # no private/public lists: the registries are asked
  # a block list: kpt itself rewrites [127.0.0.1:1, …] in flow style as
  # ['127.0.0.1:1', …] when it writes the package back
  insecureRegistries:
    - $TOKEN_HOST
    - $REALM_HOST
    - $PLAIN_HOST
  caFile: $CA_REL # relative to kpt's working directory
EOF
cp -R "$RENDER" "$WORK/render.orig"
run_capture "$WORK/render1.out" "$WORK/render1.err" traced "$WORK/trace-render1.txt" \
  env LICENSE_ID="$PROBE_LICENSE" kpt fn render "$RENDER" --allow-exec --results-dir "$WORK/res-render1"
expect_rc 0 "kpt fn render --allow-exec (probe: online by default)" "$WORK/render1.err" "$WORK/render1.out"
expect_package_files "$RENDER" render Kptfile fn-config.yaml deployment.yaml \
  image-probe-record.yaml "$PULL_SECRET.yaml"
check_deployment "$RENDER/deployment.yaml" render
check_secret_text "$RENDER/$PULL_SECRET.yaml" "render: $PULL_SECRET.yaml"
check_record "$RENDER/image-probe-record.yaml" render
check_results "$WORK/res-render1/results.yaml" probed render
expect_same_file "$WORK/render.orig/Kptfile" "$RENDER/Kptfile" "render: Kptfile unchanged"
expect_same_file "$WORK/render.orig/fn-config.yaml" "$RENDER/fn-config.yaml" "render: fn-config.yaml unchanged"
expect_connected "$WORK/trace-render1.txt" "$TOKEN_ADDR" "render: strace saw the function connect to the token registry"
expect_same_file "$EVAL/deployment.yaml" "$RENDER/deployment.yaml" "render and eval rewrote deployment.yaml alike"

cp -R "$RENDER" "$WORK/render.after1"
run_capture "$WORK/render2.out" "$WORK/render2.err" \
  env LICENSE_ID="$PROBE_LICENSE" kpt fn render "$RENDER" --allow-exec
expect_rc 0 "kpt fn render, second run" "$WORK/render2.err"
expect_same_tree "$WORK/render.after1" "$RENDER" "render: a second run changes no file (record included)"

echo "# 4. registries stopped; probe: offline decides from the record"
stop_registries

# 4a. eval on the original package plus the record from step 1.
OFF=$WORK/eval-offline
cp -R "$WORK/eval.orig" "$OFF"
cp "$WORK/eval.after1/image-probe-record.yaml" "$OFF/"
mapfile -t OFFARGS < <(eval_args probe=offline)
run_capture "$WORK/off1.out" "$WORK/off1.err" isolated "$WORK/trace-off1.txt" \
  kpt fn eval "$OFF" --results-dir "$WORK/res-off1" --exec proxy-private-images -- "${OFFARGS[@]}"
expect_rc 0 "offline kpt fn eval on the original package + record" "$WORK/off1.err" "$WORK/off1.out"
expect_same_tree "$WORK/eval.after1" "$OFF" \
  "offline eval: every file identical to the online run's (deployment, Secret, record)"
check_results "$WORK/res-off1/results.yaml" "record:$OFF/image-probe-record.yaml" "offline eval"
expect_not_contains "$WORK/res-off1/results.yaml" "(probed)" "offline eval: nothing was probed"
expect_no_inet_socket "$WORK/trace-off1.txt" "offline eval: no socket opened"

# 4b. eval offline on the online output: nothing changes.
run_capture "$WORK/off2.out" "$WORK/off2.err" isolated "$WORK/trace-off2.txt" \
  kpt fn eval "$EVAL" --exec proxy-private-images -- "${OFFARGS[@]}"
expect_rc 0 "offline kpt fn eval on the online output" "$WORK/off2.err"
expect_same_tree "$WORK/eval.after1" "$EVAL" "offline eval on the online output changes no file"
expect_no_inet_socket "$WORK/trace-off2.txt" "offline eval on the output: no socket opened"

# 4c. The control: offline without the record decides nothing.
NOREC=$WORK/eval-norecord
cp -R "$WORK/eval.orig" "$NOREC"
run_capture "$WORK/off3.out" "$WORK/off3.err" isolated "$WORK/trace-off3.txt" \
  kpt fn eval "$NOREC" --results-dir "$WORK/res-off3" --exec proxy-private-images -- "${OFFARGS[@]}"
expect_rc 0 "offline kpt fn eval without a record" "$WORK/off3.err"
expect_same_tree "$WORK/eval.orig" "$NOREC" "offline without a record: images left unchanged, no Secret, no record"
expect_count "$WORK/res-off3/results.yaml" ": unclassified (" 4 \
  "offline without a record: the four images reported unclassified"
expect_no_inet_socket "$WORK/trace-off3.txt" "offline without a record: no socket opened"

# 4d. render: the original package plus the record, probe: offline.
ROFF=$WORK/render-offline
cp -R "$WORK/render.orig" "$ROFF"
cp "$WORK/render.after1/image-probe-record.yaml" "$ROFF/"
cp -R "$WORK/render.after1" "$WORK/render.want"
for f in "$ROFF/fn-config.yaml" "$WORK/render.want/fn-config.yaml"; do
  printf '  probe: offline\n' >>"$f"
done
cp -R "$ROFF" "$WORK/render-offline.orig"
run_capture "$WORK/roff1.out" "$WORK/roff1.err" isolated "$WORK/trace-roff1.txt" \
  env LICENSE_ID="$PROBE_LICENSE" kpt fn render "$ROFF" --allow-exec --results-dir "$WORK/res-roff1"
expect_rc 0 "offline kpt fn render on the original package + record" "$WORK/roff1.err" "$WORK/roff1.out"
expect_same_tree "$WORK/render.want" "$ROFF" \
  "offline render: every file identical to the online render's (but probe: offline)"
check_results "$WORK/res-roff1/results.yaml" "record:$ROFF/image-probe-record.yaml" "offline render"
expect_no_inet_socket "$WORK/trace-roff1.txt" "offline render: no socket opened"

cp -R "$ROFF" "$WORK/render-offline.after1"
run_capture "$WORK/roff2.out" "$WORK/roff2.err" isolated "$WORK/trace-roff2.txt" \
  env LICENSE_ID="$PROBE_LICENSE" kpt fn render "$ROFF" --allow-exec
expect_rc 0 "offline kpt fn render, second run" "$WORK/roff2.err"
expect_same_tree "$WORK/render-offline.after1" "$ROFF" "offline render: a second run changes no file"
expect_no_inet_socket "$WORK/trace-roff2.txt" "offline render, second run: no socket opened"

e2e_finish
