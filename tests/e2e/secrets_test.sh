#!/usr/bin/env bash
# The license ID appears in the output only inside the pull Secret's data:
# not in other written files, not in kpt's stderr or results, not in error
# messages. Searched for: the raw license, its base64, and the base64 of
# "LICENSE_ID:<license>" and "<license>:<license>" (both username forms).
#
# Usage: secrets_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kpt
e2e_init "$@"

LICENSE=e2e-lic-7c1f9a2b3d5e
FORMS=("$LICENSE" "$(b64 "$LICENSE")" "$(b64 "LICENSE_ID:$LICENSE")" "$(b64 "$LICENSE:$LICENSE")")

# scan LABEL FILE...: none of FORMS in any FILE.
scan() {
  local label=$1 hits=
  shift
  local f form
  for f in "$@"; do
    [[ -f $f ]] || continue
    for form in "${FORMS[@]}"; do
      if grep -qF -- "$form" "$f"; then hits+=" ${f#"$WORK"/} ($form)"; fi
    done
  done
  if [[ -z $hits ]]; then
    pass "$label: no trace of the license in $# files"
  else
    fail "$label: license found in$hits"
  fi
}

# is_pull_secret FILE: FILE is a dockerconfigjson Secret.
is_pull_secret() {
  grep -qx "kind: Secret" "$1" && grep -qx "type: kubernetes.io/dockerconfigjson" "$1"
}

# check_package LABEL PKG STDOUT STDERR RESULTS-DIR: the Secret files carry
# the license (a positive control, so that the search can find it); nothing
# else does.
check_package() {
  local label=$1 pkg=$2
  shift 2
  local files=() secrets=0 f
  while IFS= read -r -d '' f; do
    if is_pull_secret "$f"; then
      secrets=$((secrets + 1))
      awk '/\.dockerconfigjson:/ { v = $2; gsub(/["\047]/, "", v); print v }' "$f" |
        base64 -d >"$WORK/decoded-$secrets.json" 2>/dev/null || true
      expect_contains "$WORK/decoded-$secrets.json" "$(b64 "LICENSE_ID:$LICENSE")" \
        "$label: ${f#"$pkg"/} holds the license (base64 of LICENSE_ID:license)"
    else
      files+=("$f")
    fi
  done < <(find "$pkg" -type f ! -path '*/.git/*' -print0)
  if [[ $secrets -gt 0 ]]; then
    pass "$label: $secrets pull secret file(s) written"
  else
    fail "$label: no pull secret file written"
  fi
  scan "$label" "${files[@]}" "$@"
}

# 1. kpt fn render, license from $LICENSE_ID.
PKG=$WORK/render/kpt-package
copy_pkg "$EXAMPLES_DIR/kpt-package" "$PKG"
mkdir -p "$WORK/res1"
run_capture "$WORK/1.out" "$WORK/1.err" env LICENSE_ID="$LICENSE" \
  kpt fn render "$PKG" --allow-exec --results-dir "$WORK/res1"
expect_rc 0 "render with the license in LICENSE_ID" "$WORK/1.err"
check_package "render" "$PKG" "$WORK/1.out" "$WORK/1.err" "$WORK/res1/results.yaml"

# 2. kpt fn eval, license as a key=value argument (ConfigMap data).
PKG=$WORK/eval/proxy-all
copy_pkg "$EXAMPLES_DIR/proxy-all" "$PKG"
mkdir -p "$WORK/res2"
run_capture "$WORK/2.out" "$WORK/2.err" kpt fn eval "$PKG" --exec proxy-private-images \
  --results-dir "$WORK/res2" -- "appSlug=$APP_SLUG" "licenseID=$LICENSE" proxyAll=true
expect_rc 0 "eval with licenseID as an argument" "$WORK/2.err"
check_package "eval" "$PKG" "$WORK/2.out" "$WORK/2.err" "$WORK/res2/results.yaml"

# 3. A failing run (an invalid image) with the license set: error output clean.
PKG=$WORK/fail/bad-image
copy_pkg "$E2E_DIR/testdata/bad-image" "$PKG"
mkdir -p "$WORK/res3"
run_capture "$WORK/3.out" "$WORK/3.err" env LICENSE_ID="$LICENSE" \
  kpt fn eval "$PKG" --exec proxy-private-images --results-dir "$WORK/res3" -- \
  "appSlug=$APP_SLUG" "licenseID=$LICENSE" 'private=quay.io/my-org/*'
expect_nonzero_rc "eval over an invalid image fails" "$WORK/3.err"
expect_contains "$WORK/res3/results.yaml" "severity: error" "the failing eval reports an error result"
scan "failing eval" "$WORK/3.out" "$WORK/3.err" "$WORK/res3/results.yaml"

# 4. The function alone, failing on its config: stderr and the results part
# of its stdout are clean.
kpt fn source "$E2E_DIR/testdata/bad-config" >"$WORK/4.in"
{
  echo "functionConfig:"
  echo "  apiVersion: v1"
  echo "  kind: ConfigMap"
  echo "  metadata: {name: function-input}"
  echo "  data: {licenseID: $LICENSE, private: 'quay.io/my-org/*', registryHost: 'bad host'}"
} >>"$WORK/4.in"
run_capture "$WORK/4.out" "$WORK/4.err" proxy-private-images <"$WORK/4.in"
expect_nonzero_rc "the function alone refuses a config without appSlug" "$WORK/4.err"
sed -n '/^results:/,/^[a-zA-Z]/p' "$WORK/4.out" >"$WORK/4.results"
expect_contains "$WORK/4.results" "severity: error" "the function alone reports an error result"
scan "function alone" "$WORK/4.err" "$WORK/4.results"

# 5. kustomize: the license only in the Secret's .dockerconfigjson.
if command -v kubectl >/dev/null 2>&1; then
  ln -s "$E2E_DIR/docker_shim.sh" "$BIN_DIR/docker"
  copy_pkg "$EXAMPLES_DIR/quickstart" "$WORK/kustomize/quickstart"
  run_capture "$WORK/5.out" "$WORK/5.err" env PPI_BIN="$PPI_BIN" LICENSE_ID="$LICENSE" \
    kubectl kustomize --enable-alpha-plugins "$WORK/kustomize/quickstart"
  expect_rc 0 "kustomize with the license in LICENSE_ID" "$WORK/5.err"
  expect_count "$WORK/5.out" ".dockerconfigjson:" 1 "kustomize output has one .dockerconfigjson"
  awk '/\.dockerconfigjson:/ { v = $2; gsub(/["\047]/, "", v); print v }' "$WORK/5.out" |
    base64 -d >"$WORK/5.json" 2>/dev/null || true
  expect_contains "$WORK/5.json" "$(b64 "LICENSE_ID:$LICENSE")" "kustomize: the Secret holds the license"
  grep -vF ".dockerconfigjson:" "$WORK/5.out" >"$WORK/5.rest" || true
  scan "kustomize" "$WORK/5.rest" "$WORK/5.err"
else
  echo "SKIP: kubectl not found (kustomize part)"
fi

e2e_finish
