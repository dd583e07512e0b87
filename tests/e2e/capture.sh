#!/usr/bin/env bash
# Records what kpt and kustomize send to a KRM function, by running the
# examples with a stand-in function that copies its stdin to a file and
# echoes it back unchanged.
#
#   capture.sh           rewrites tests/e2e/captures/*
#   capture.sh --check   records again and compares with tests/e2e/captures/
#                        (exit 1 when a tool now sends something else)
#
# Absolute paths of the scratch directory are replaced by PACKAGE_DIR.
# Needs kpt and kubectl, not the function itself. FINDINGS.md explains the
# captures.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode="write"
case ${1:-} in
  --check) mode=check ;;
  "") ;;
  *) die "usage: $(basename "$0") [--check]" ;;
esac

require_tool kpt
require_tool kubectl

CAPTURES=$E2E_DIR/captures
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ppi-capture.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
OUT=$WORK/captures
mkdir -p "$OUT" "$WORK/bin"

# The stand-in is called proxy-private-images, so that the examples' Kptfile
# and the docker shim find it. It writes to whatever $WORK/current names.
cat >"$WORK/bin/proxy-private-images" <<EOF
#!/bin/sh
exec tee "\$(cat '$WORK/current')"
EOF
chmod +x "$WORK/bin/proxy-private-images"
ln -s "$E2E_DIR/docker_shim.sh" "$WORK/bin/docker"
export PATH="$WORK/bin:$PATH"

sanitize() { # sanitize FILE: machine paths out
  sed -i -e "s#$WORK/[^'\"]*#PACKAGE_DIR#g" "$1"
}

record() { # record NAME CMD...: runs CMD, keeps what the stand-in received
  local name=$1
  shift
  printf '%s\n' "$OUT/$name" >"$WORK/current"
  run_capture "$WORK/$name.stdout" "$WORK/$name.stderr" "$@"
  if [[ $RC -ne 0 || ! -s $OUT/$name ]]; then
    echo "capture $name failed (exit $RC):" >&2
    cat "$WORK/$name.stderr" >&2
    exit 1
  fi
  sanitize "$OUT/$name"
}

copy_pkg "$EXAMPLES_DIR/kpt-package" "$WORK/eval/kpt-package"
record kpt-fn-eval-configmap.yaml \
  kpt fn eval "$WORK/eval/kpt-package" --exec proxy-private-images -- \
  appSlug=my-kots-app 'private=quay.io/my-org/*,ghcr.io/my-org/*' proxyAll=false

copy_pkg "$EXAMPLES_DIR/kpt-package" "$WORK/render/kpt-package"
record kpt-fn-render.yaml kpt fn render "$WORK/render/kpt-package" --allow-exec

copy_pkg "$EXAMPLES_DIR/quickstart" "$WORK/kustomize/quickstart"
export PPI_BIN=$WORK/bin/proxy-private-images
export PPI_SHIM_LOG=$OUT/kustomize-docker-argv.txt
record kustomize-container.yaml \
  env LICENSE_ID=example-license-id \
  kubectl kustomize --enable-alpha-plugins "$WORK/kustomize/quickstart"

if [[ $mode == write ]]; then
  mkdir -p "$CAPTURES"
  cp "$OUT"/* "$CAPTURES"/
  echo "wrote $(find "$OUT" -type f | wc -l) files to tests/e2e/captures"
  exit 0
fi

for f in "$OUT"/*; do
  expect_same_file "$CAPTURES/${f##*/}" "$f" "captures/${f##*/} is what the tools send now"
done
[[ -n $(ls "$CAPTURES") ]] || fail "no captures in tests/e2e/captures"
e2e_finish
