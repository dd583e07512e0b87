#!/usr/bin/env bash
# kpt fn render --allow-exec over a copy of examples/kpt-package, whose
# Kptfile runs `exec: proxy-private-images` (found on PATH): the files kpt
# writes back, and a second render that changes nothing.
#
# Usage: kpt_render_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$E2E_DIR/kpt_package_checks.sh"
require_tool kpt
e2e_init "$@"

PKG=$WORK/render/kpt-package
copy_pkg "$KPT_PACKAGE" "$PKG"
run_capture "$WORK/render1.out" "$WORK/render1.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn render "$PKG" --allow-exec
expect_rc 0 "kpt fn render --allow-exec" "$WORK/render1.err"
check_kpt_package "$PKG"

raw_function_output "$WORK/raw.yaml"
check_secret_paths "$WORK/raw.yaml" "$PKG"

cp -R "$PKG" "$WORK/render/after-first-run"
run_capture "$WORK/render2.out" "$WORK/render2.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn render "$PKG" --allow-exec
expect_rc 0 "second kpt fn render" "$WORK/render2.err"
expect_same_tree "$WORK/render/after-first-run" "$PKG" "second kpt fn render changes nothing"

# Without --allow-exec kpt refuses to run the pipeline and writes nothing.
PKG2=$WORK/no-allow-exec/kpt-package
copy_pkg "$KPT_PACKAGE" "$PKG2"
run_capture "$WORK/render3.out" "$WORK/render3.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn render "$PKG2"
expect_nonzero_rc "kpt fn render without --allow-exec fails"
expect_same_tree "$KPT_PACKAGE" "$PKG2" "kpt fn render without --allow-exec leaves the package alone"

e2e_finish
