#!/usr/bin/env bash
# Bad input: the function exits non-zero with error results, kpt fails, and
# the package is left byte for byte as it was (nothing rewritten, deleted or
# emptied). Also the function alone: on failure it still writes the whole
# ResourceList, so that kpt never sees an empty output.
#
# Usage: error_path_test.sh PATH-TO-proxy-private-images
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tool kpt
e2e_init "$@"

TESTDATA=$E2E_DIR/testdata

# expect_error_results RESULTS-DIR LABEL TEXT...: kpt's results file holds an
# error result, and every TEXT.
expect_error_results() {
  local results=$1/results.yaml label=$2
  shift 2
  expect_contains "$results" "severity: error" "$label: an error result is reported"
  local t
  for t in "$@"; do expect_contains "$results" "$t" "$label: the results mention $t"; done
}

# 1. kpt fn render, function config without appSlug.
PKG=$WORK/render-bad-config/bad-config
copy_pkg "$TESTDATA/bad-config" "$PKG"
mkdir -p "$WORK/res1"
run_capture "$WORK/1.out" "$WORK/1.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn render "$PKG" --allow-exec --results-dir "$WORK/res1"
expect_nonzero_rc "render without appSlug fails" "$WORK/1.err"
expect_same_tree "$TESTDATA/bad-config" "$PKG" "render without appSlug leaves the package unchanged"
expect_error_results "$WORK/res1" "render without appSlug" appSlug

# 2. kpt fn eval, key=value arguments without appSlug.
PKG=$WORK/eval-no-slug/kpt-package
copy_pkg "$EXAMPLES_DIR/kpt-package" "$PKG"
mkdir -p "$WORK/res2"
run_capture "$WORK/2.out" "$WORK/2.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn eval "$PKG" --exec proxy-private-images --results-dir "$WORK/res2" -- 'private=quay.io/my-org/*'
expect_nonzero_rc "eval without appSlug fails" "$WORK/2.err"
expect_same_tree "$EXAMPLES_DIR/kpt-package" "$PKG" "eval without appSlug leaves the package unchanged"
expect_error_results "$WORK/res2" "eval without appSlug" appSlug

# 3. kpt fn eval with no arguments at all (kpt sends a ConfigMap with data: {}).
PKG=$WORK/eval-no-args/kpt-package
copy_pkg "$EXAMPLES_DIR/kpt-package" "$PKG"
mkdir -p "$WORK/res3"
run_capture "$WORK/3.out" "$WORK/3.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn eval "$PKG" --exec proxy-private-images --results-dir "$WORK/res3"
expect_nonzero_rc "eval with an empty ConfigMap fails" "$WORK/3.err"
expect_same_tree "$EXAMPLES_DIR/kpt-package" "$PKG" "eval with an empty ConfigMap leaves the package unchanged"
expect_error_results "$WORK/res3" "eval with an empty ConfigMap" appSlug

# 4. An invalid image reference: an error naming the resource and the field.
PKG=$WORK/render-bad-image/bad-image
copy_pkg "$TESTDATA/bad-image" "$PKG"
mkdir -p "$WORK/res4"
run_capture "$WORK/4.out" "$WORK/4.err" env LICENSE_ID="$EXAMPLE_LICENSE" \
  kpt fn render "$PKG" --allow-exec --results-dir "$WORK/res4"
expect_nonzero_rc "render with an invalid image reference fails" "$WORK/4.err"
expect_same_tree "$TESTDATA/bad-image" "$PKG" "render with an invalid image leaves the package unchanged"
expect_error_results "$WORK/res4" "invalid image" "name: broken" "containers[1].image" \
  "quay.io/my-org/worker:"

# 5. The function alone, on what kpt would send: exit 1 and still the whole
# ResourceList on stdout, every item as it came, plus the error result.
kpt fn source "$TESTDATA/bad-config" --fn-config "$TESTDATA/bad-config/fn-config.yaml" >"$WORK/5.in"
run_capture "$WORK/5.out" "$WORK/5.err" env LICENSE_ID="$EXAMPLE_LICENSE" proxy-private-images <"$WORK/5.in"
expect_rc 1 "the function alone exits 1 without appSlug" "$WORK/5.err"
expect_line "$WORK/5.out" "kind: ResourceList" "on failure the output is still a ResourceList"
rl_index "$WORK/5.in" >"$WORK/5.in.items"
rl_index "$WORK/5.out" >"$WORK/5.out.items"
expect_same_file "$WORK/5.in.items" "$WORK/5.out.items" "on failure every item comes back"
expect_contains "$WORK/5.out" "severity: error" "on failure the output carries the error result"

# 6. Input that is not a ResourceList at all.
printf 'this: [is not\n' >"$WORK/6.in"
run_capture "$WORK/6.out" "$WORK/6.err" proxy-private-images <"$WORK/6.in"
expect_nonzero_rc "unparsable input is refused" "$WORK/6.err"

e2e_finish
