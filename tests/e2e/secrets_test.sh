#!/usr/bin/env bash
# The license ID appears in the output only inside the pull Secret's data:
# not in other written files, not in kpt's stderr or results, not in error
# messages. Searched for: the raw license, its base64, and the base64 of
# "LICENSE_ID:<license>" and "<license>:<license>" (both username forms).
# The license comes from LICENSE_ID, a licenseID argument, the License in
# the package (the real sample's ID, which the License file itself holds and
# must still hold unchanged) and licenseFile; on success and on refusal.
#
# Usage: secrets_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kpt
e2e_init "$@"

# use_license ID: the license the checks below look for.
use_license() {
  LICENSE=$1
  FORMS=("$LICENSE" "$(b64 "$LICENSE")" "$(b64 "LICENSE_ID:$LICENSE")" "$(b64 "$LICENSE:$LICENSE")")
}
use_license e2e-lic-7c1f9a2b3d5e

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
# else does, but for $KEEP (a License the package holds, which must be as
# it was: $KEEP_ORIGINAL).
check_package() {
  local label=$1 pkg=$2
  shift 2
  local files=() secrets=0 f
  while IFS= read -r -d '' f; do
    if [[ -n ${KEEP:-} && $f == "$pkg/$KEEP" ]]; then
      expect_same_file "$KEEP_ORIGINAL" "$f" "$label: $KEEP, which holds the license, is unchanged"
    elif is_pull_secret "$f"; then
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

# check_kustomize LABEL BASE: kustomize's output BASE.out holds one
# .dockerconfigjson, which holds the license; the rest of it and BASE.err
# hold no trace of it.
check_kustomize() {
  local label=$1 base=$2
  expect_count "$base.out" ".dockerconfigjson:" 1 "$label: the output has one .dockerconfigjson"
  awk '/\.dockerconfigjson:/ { v = $2; gsub(/["\047]/, "", v); print v }' "$base.out" |
    base64 -d >"$base.json" 2>/dev/null || true
  expect_contains "$base.json" "$(b64 "LICENSE_ID:$LICENSE")" "$label: the Secret holds the license"
  grep -vF ".dockerconfigjson:" "$base.out" >"$base.rest" || true
  scan "$label" "$base.rest" "$base.err"
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
  check_kustomize kustomize "$WORK/5"
else
  echo "SKIP: kubectl not found (kustomize part)"
fi

# 6. The License in the package (the real sample valid.yaml): its ID only in
# the License file, unchanged, and in the Secret.
LICENSES=$REPO_DIR/testdata/licenses
use_license "$(awk '$1 == "licenseID:" { print $2; exit }' "$LICENSES/valid.yaml")"
PKG=$WORK/license-item/license-in-package
copy_pkg "$EXAMPLES_DIR/license-in-package" "$PKG"
mkdir -p "$WORK/res6"
run_capture "$WORK/6.out" "$WORK/6.err" env PPI_NOW=2026-01-01T00:00:00Z \
  kpt fn render "$PKG" --allow-exec --results-dir "$WORK/res6"
expect_rc 0 "render with the License in the package" "$WORK/6.err"
KEEP=license.yaml KEEP_ORIGINAL=$EXAMPLES_DIR/license-in-package/license.yaml \
  check_package "License item" "$PKG" "$WORK/6.out" "$WORK/6.err" "$WORK/res6/results.yaml"

# 7. The same License refused (its clock past the expiry): nothing anywhere.
PKG=$WORK/license-expired/license-in-package
copy_pkg "$EXAMPLES_DIR/license-in-package" "$PKG"
mkdir -p "$WORK/res7"
run_capture "$WORK/7.out" "$WORK/7.err" env PPI_NOW=2031-01-01T00:00:00Z \
  kpt fn render "$PKG" --allow-exec --results-dir "$WORK/res7"
expect_nonzero_rc "render with an expired License fails" "$WORK/7.err"
expect_contains "$WORK/res7/results.yaml" "expired on 2030-07-27T00:00:00Z" "the expiry is reported"
scan "expired License" "$WORK/7.out" "$WORK/7.err" "$WORK/res7/results.yaml"

# 8. licenseFile (the v1beta2 sample, with licenseKeyFile), outside the
# package: its ID only in the Secret.
use_license "$(awk '$1 == "licenseID:" { print $2; exit }' "$LICENSES/valid-v1beta2.yaml")"
PKG=$WORK/license-file/proxy-all
copy_pkg "$EXAMPLES_DIR/proxy-all" "$PKG"
mkdir -p "$WORK/res8"
run_capture "$WORK/8.out" "$WORK/8.err" env PPI_NOW=2025-06-01T00:00:00Z \
  kpt fn eval "$PKG" --exec proxy-private-images --results-dir "$WORK/res8" -- \
  "licenseFile=$LICENSES/valid-v1beta2.yaml" "licenseKeyFile=$LICENSES/test-global-key.pem" proxyAll=true
expect_rc 0 "eval with licenseFile" "$WORK/8.err"
check_package "licenseFile" "$PKG" "$WORK/8.out" "$WORK/8.err" "$WORK/res8/results.yaml"

# 9. kustomize with the License as a resource: its ID only in the Secret's
# .dockerconfigjson (kustomize drops the local-config License).
if command -v kubectl >/dev/null 2>&1; then
  use_license "$(awk '$1 == "licenseID:" { print $2; exit }' "$LICENSES/valid.yaml")"
  K=$WORK/kustomize-license
  mkdir -p "$K"
  cp "$EXAMPLES_DIR/license-in-package/app.yaml" "$EXAMPLES_DIR/license-in-package/license.yaml" "$K/"
  container_fn_config "$K/fn-config.yaml" "proxyAll: true"
  printf 'resources: [app.yaml, license.yaml]\ntransformers: [fn-config.yaml]\n' >"$K/kustomization.yaml"
  run_capture "$WORK/9.out" "$WORK/9.err" env PPI_BIN="$PPI_BIN" PPI_NOW=2026-01-01T00:00:00Z \
    kubectl kustomize --enable-alpha-plugins "$K"
  expect_rc 0 "kustomize with the License as a resource" "$WORK/9.err"
  check_kustomize "kustomize License" "$WORK/9"
fi

e2e_finish
