#!/usr/bin/env bash
# The customer's KOTS License through the real kpt and kubectl kustomize:
# the License is a local-config file in the package (or a licenseFile), no
# appSlug, licenseID or LICENSE_ID is configured, and the function takes
# the app slug and license ID from the signed data. A License that was
# edited, is not local configuration, is signed by a key nobody trusts, was
# forged or has expired stops the run, and the package stays byte for byte.
#
# The Licenses are the real samples of testdata/licenses: valid.yaml
# (kots.io/v1beta1, KOTS' built-in Production key, expires 2030-07-27) and
# valid-v1beta2.yaml (signed by the kots test key, given with
# licenseKeyFile; expired at the end of 2025, so the clock is pinned with
# PPI_NOW).
#
# Usage: license_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kpt
e2e_init "$@"

LICENSES=$REPO_DIR/testdata/licenses
EXAMPLE=$EXAMPLES_DIR/license-in-package
export PPI_NOW=2026-01-01T00:00:00Z
# license_id FILE: the licenseID a License file spells out.
license_id() { awk '$1 == "licenseID:" { print $2; exit }' "$1"; }
V1_ID=$(license_id "$LICENSES/valid.yaml")
V2_ID=$(license_id "$LICENSES/valid-v1beta2.yaml")
[[ -n $V1_ID && -n $V2_ID ]] || die "no licenseID in the samples"

# secret_holds FILE LICENSE LABEL: FILE (a Secret, or output holding one
# .dockerconfigjson) holds base64("LICENSE_ID:<LICENSE>") for both hosts.
secret_holds() {
  awk '/\.dockerconfigjson:/ { v = $2; gsub(/["\047]/, "", v); print v }' "$1" |
    base64 -d >"$WORK/decoded.json" 2>/dev/null || true
  expect_count "$WORK/decoded.json" "$(b64 "LICENSE_ID:$2")" 1 "$3: the pull Secret holds the License's ID"
  expect_contains "$WORK/decoded.json" '"proxy.replicated.com":' "$3: ... for proxy.replicated.com"
  expect_contains "$WORK/decoded.json" '"registry.replicated.com":' "$3: ... and registry.replicated.com"
}

# no_id LABEL ID FILE...: the license ID appears in none of FILE.
no_id() {
  local label=$1 id=$2 f hits=
  shift 2
  for f in "$@"; do
    if [[ -f $f ]] && grep -qF -- "$id" "$f"; then hits+=" ${f##*/}"; fi
  done
  if [[ -z $hits ]]; then pass "$label: the license ID is in none of $*"; else fail "$label: the license ID is in$hits"; fi
}

# 1. kpt fn render on the example: the License in the package, nothing
# identity-related configured.
PKG=$WORK/render/license-in-package
copy_pkg "$EXAMPLE" "$PKG"
mkdir -p "$WORK/res1"
run_capture "$WORK/1.out" "$WORK/1.err" kpt fn render "$PKG" --allow-exec --results-dir "$WORK/res1"
expect_rc 0 "render with the License in the package" "$WORK/1.err"
expect_same_file "$EXAMPLE/license.yaml" "$PKG/license.yaml" "render: license.yaml is unchanged"
expect_contains "$PKG/app.yaml" "image: proxy.replicated.com/proxy/my-app/quay.io/my-org/api:v2.3.0" \
  "render: the private image is proxied under the License's app slug"
expect_contains "$PKG/app.yaml" "- name: my-app-registry" "render: imagePullSecrets names my-app-registry"
expect_file "$PKG/my-app-registry.my-app.yaml" "render: the pull Secret is written"
secret_holds "$PKG/my-app-registry.my-app.yaml" "$V1_ID" "render"
expect_contains "$WORK/res1/results.yaml" \
  "license for app \"my-app\" verified: type \"prod\", expires 2030-07-27T00:00:00Z, signed by KOTS'' Production key" \
  "render: the results say which License was used"
no_id "render" "$V1_ID" "$WORK/1.out" "$WORK/1.err" "$WORK/res1/results.yaml" "$PKG/app.yaml"
cp -R "$PKG" "$WORK/render-once"
run_capture "$WORK/1b.out" "$WORK/1b.err" kpt fn render "$PKG" --allow-exec
expect_rc 0 "render a second time" "$WORK/1b.err"
expect_same_tree "$WORK/render-once" "$PKG" "a second render changes nothing"

# 2. kpt fn eval --exec with key=value arguments that name only the rules.
PKG=$WORK/eval/license-in-package
copy_pkg "$EXAMPLE" "$PKG"
rm "$PKG/fn-config.yaml"
mkdir -p "$WORK/res2"
run_capture "$WORK/2.out" "$WORK/2.err" kpt fn eval "$PKG" --exec proxy-private-images \
  --results-dir "$WORK/res2" -- 'private=quay.io/my-org/*' 'public=docker.io/library/*' probe=offline
expect_rc 0 "eval with the License in the package" "$WORK/2.err"
expect_contains "$PKG/app.yaml" "proxy.replicated.com/proxy/my-app/quay.io/my-org/api:v2.3.0" \
  "eval: the private image is proxied under the License's app slug"
secret_holds "$PKG/my-app-registry.my-app.yaml" "$V1_ID" "eval"
expect_same_file "$EXAMPLE/license.yaml" "$PKG/license.yaml" "eval: license.yaml is unchanged"

# 3. licenseFile and licenseKeyFile, relative to the directory kpt runs in:
# the v1beta2 sample, signed by the kots test key, before it expired.
mkdir -p "$WORK/site/secrets"
cp "$LICENSES/valid-v1beta2.yaml" "$WORK/site/secrets/license.yaml"
cp "$LICENSES/test-global-key.pem" "$WORK/site/secrets/keys.pem"
PKG=$WORK/site/pkg
mkdir -p "$PKG"
cp "$EXAMPLE/app.yaml" "$PKG/"
mkdir -p "$WORK/res3"
run_capture "$WORK/3.out" "$WORK/3.err" env -C "$WORK/site" PPI_NOW=2025-06-01T00:00:00Z \
  kpt fn eval pkg --exec proxy-private-images --results-dir "$WORK/res3" -- \
  licenseFile=secrets/license.yaml licenseKeyFile=secrets/keys.pem 'private=quay.io/my-org/*' \
  'public=docker.io/library/*' probe=offline
expect_rc 0 "eval with licenseFile and licenseKeyFile" "$WORK/3.err"
expect_contains "$PKG/app.yaml" "proxy.replicated.com/proxy/test-app/quay.io/my-org/api:v2.3.0" \
  "licenseFile: the private image is proxied under the file's app slug"
secret_holds "$PKG/test-app-registry.my-app.yaml" "$V2_ID" "licenseFile"
expect_contains "$WORK/res3/results.yaml" "signed by an extra key of licenseKeyFile" \
  "licenseFile: the results name the key file's key"
no_id "licenseFile" "$V2_ID" "$WORK/3.out" "$WORK/3.err" "$WORK/res3/results.yaml" "$PKG/app.yaml"

# 4. A Kptfile mutator without configPath: no functionConfig at all. The
# only image is on the vendor registry, so nothing needs probing.
PKG=$WORK/no-config/pkg
mkdir -p "$PKG"
cp "$EXAMPLE/license.yaml" "$PKG/"
sed '/configPath:/d; s/name: license-in-package/name: pkg/' "$EXAMPLE/Kptfile" >"$PKG/Kptfile"
sed 's|quay.io/my-org/api:v2.3.0|registry.replicated.com/my-app/api:v2.3.0|' "$EXAMPLE/app.yaml" |
  sed '/name: cache/,/image: redis:7/d' >"$PKG/app.yaml"
run_capture "$WORK/4.out" "$WORK/4.err" kpt fn render "$PKG" --allow-exec
expect_rc 0 "render with a License and no functionConfig" "$WORK/4.err"
expect_contains "$PKG/app.yaml" "- name: my-app-registry" "no functionConfig: the pull secret is attached"
secret_holds "$PKG/my-app-registry.my-app.yaml" "$V1_ID" "no functionConfig"

# refused NAME WANT-TEXT [ENV...]: kpt fn render over $WORK/refused/NAME
# (prepared by the caller) fails, says WANT-TEXT, leaks no ID and leaves the
# package as it was.
refused() {
  local name=$1 want=$2
  shift 2
  local pkg=$WORK/refused/$name
  cp -R "$pkg" "$WORK/refused/$name.before"
  mkdir -p "$WORK/res-$name"
  run_capture "$WORK/$name.out" "$WORK/$name.err" env "$@" \
    kpt fn render "$pkg" --allow-exec --results-dir "$WORK/res-$name"
  expect_nonzero_rc "$name: render is refused" "$WORK/$name.err"
  expect_same_tree "$WORK/refused/$name.before" "$pkg" "$name: the package is unchanged"
  expect_contains "$WORK/res-$name/results.yaml" "$want" "$name: the results say why"
  expect_contains "$WORK/$name.err" "$want" "$name: kpt shows why"
  no_id "$name" "$V1_ID" "$WORK/$name.out" "$WORK/$name.err" "$WORK/res-$name/results.yaml"
  no_id "$name" "$V2_ID" "$WORK/$name.out" "$WORK/$name.err" "$WORK/res-$name/results.yaml"
}
# prepare NAME: a copy of the example to break.
prepare() { copy_pkg "$EXAMPLE" "$WORK/refused/$1"; }

prepare edited
sed -i 's|endpoint: https://replicated.app|endpoint: https://evil.example|' "$WORK/refused/edited/license.yaml"
refused edited 'license field "endpoint" differs from the signed data'

prepare not-local
sed -i '/local-config/d; /# Configuration for the function/d; /^  annotations:$/d' "$WORK/refused/not-local/license.yaml"
refused not-local 'add the annotation config.kubernetes.io/local-config: "true"'

prepare expired
refused expired 'license for app "my-app" expired on 2030-07-27T00:00:00Z' PPI_NOW=2030-07-27T00:00:01Z

prepare foreign-key
sed 's/^  name: testcustomer$/&\n  annotations:\n    config.kubernetes.io\/local-config: "true"/' \
  "$LICENSES/valid-v1beta2.yaml" >"$WORK/refused/foreign-key/license.yaml"
expect_contains "$WORK/refused/foreign-key/license.yaml" "local-config" "the v1beta2 sample is marked local-config"
refused foreign-key 'license is signed by unknown key "test-global-key-id"' PPI_NOW=2025-06-01T00:00:00Z

prepare forged
sed 's/^  name: testcustomer$/&\n  annotations:\n    config.kubernetes.io\/local-config: "true"/' \
  "$LICENSES/invalid-signature.yaml" >"$WORK/refused/forged/license.yaml"
expect_contains "$WORK/refused/forged/license.yaml" "local-config" "the forged sample is marked local-config"
refused forged 'license signature does not verify: the app key did not sign licenseData'

# 5. kubectl kustomize: the License as a local-config resource, the
# function as a container (docker_shim.sh), PPI_NOW handed in with envs.
if command -v kubectl >/dev/null 2>&1; then
  ln -s "$E2E_DIR/docker_shim.sh" "$BIN_DIR/docker"
  export PPI_BIN
  K=$WORK/kustomize
  mkdir -p "$K"
  cp "$EXAMPLE/app.yaml" "$EXAMPLE/license.yaml" "$K/"
  container_fn_config "$K/fn-config.yaml" "private: [quay.io/my-org/*]" "public: [docker.io/library/*]"
  printf 'resources:\n  - app.yaml\n  - license.yaml\ntransformers:\n  - fn-config.yaml\n' >"$K/kustomization.yaml"
  run_capture "$WORK/k.out" "$WORK/k.err" kubectl kustomize --enable-alpha-plugins "$K"
  expect_rc 0 "kustomize with the License as a resource" "$WORK/k.err"
  expect_contains "$WORK/k.out" "image: proxy.replicated.com/proxy/my-app/quay.io/my-org/api:v2.3.0" \
    "kustomize: the private image is proxied under the License's app slug"
  expect_not_contains "$WORK/k.out" "kind: License" "kustomize: the local-config License is not in the output"
  secret_holds "$WORK/k.out" "$V1_ID" "kustomize"
  no_id "kustomize" "$V1_ID" "$WORK/k.out" "$WORK/k.err"

  sed -i 's|endpoint: https://replicated.app|endpoint: https://evil.example|' "$K/license.yaml"
  run_capture "$WORK/k2.out" "$WORK/k2.err" kubectl kustomize --enable-alpha-plugins "$K"
  expect_nonzero_rc "kustomize with an edited License fails" "$WORK/k2.out"
  expect_contains "$WORK/k2.err" 'license field "endpoint" differs from the signed data' \
    "kustomize: stderr says why"
  no_id "kustomize refused" "$V1_ID" "$WORK/k2.out" "$WORK/k2.err"
else
  echo "SKIP: kubectl not found (kustomize part)"
fi

e2e_finish
