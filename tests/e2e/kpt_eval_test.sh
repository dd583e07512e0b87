#!/usr/bin/env bash
# kpt fn eval --exec over a copy of examples/kpt-package: the files kpt
# writes back, and a second run that changes nothing. The function config is
# given both ways kpt offers: key=value arguments (a ConfigMap) and
# --fn-config (kind ProxyPrivateImages); both must give the same package.
#
# Usage: kpt_eval_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$E2E_DIR/kpt_package_checks.sh"
require_tool kpt
e2e_init "$@"

ARGS=("appSlug=$APP_SLUG" 'private=quay.io/my-org/*,ghcr.io/my-org/*'
  'public=docker.io/library/*,registry.k8s.io/*')

# 1. ConfigMap function config.
PKG=$WORK/configmap/kpt-package
copy_pkg "$KPT_PACKAGE" "$PKG"
run_capture "$WORK/eval1.out" "$WORK/eval1.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn eval "$PKG" --exec proxy-private-images -- "${ARGS[@]}"
expect_rc 0 "kpt fn eval with key=value arguments" "$WORK/eval1.err"
check_kpt_package "$PKG"

raw_function_output "$WORK/raw.yaml"
check_secret_paths "$WORK/raw.yaml" "$PKG"

# 2. The same again over the result: nothing changes.
cp -R "$PKG" "$WORK/configmap/after-first-run"
run_capture "$WORK/eval2.out" "$WORK/eval2.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn eval "$PKG" --exec proxy-private-images -- "${ARGS[@]}"
expect_rc 0 "second kpt fn eval" "$WORK/eval2.err"
expect_same_tree "$WORK/configmap/after-first-run" "$PKG" "second kpt fn eval changes nothing"

# 3. ProxyPrivateImages function config from the package's own file.
PKG2=$WORK/fnconfig/kpt-package
copy_pkg "$KPT_PACKAGE" "$PKG2"
run_capture "$WORK/eval3.out" "$WORK/eval3.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn eval "$PKG2" --exec proxy-private-images --fn-config "$PKG2/fn-config.yaml"
expect_rc 0 "kpt fn eval --fn-config fn-config.yaml" "$WORK/eval3.err"
expect_same_tree "$WORK/configmap/after-first-run" "$PKG2" \
  "--fn-config (ProxyPrivateImages) gives the same files as key=value arguments (ConfigMap)"

e2e_finish
