#!/usr/bin/env bash
# set-label (built on krm/ alone) through the real kpt: `kpt fn eval --exec`
# must label every resource, leave the Kptfile and every other byte as they
# were, and a second run must change nothing.
# Usage: kpt_test.sh PATH-TO-set-label
set -euo pipefail
bin=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
command -v kpt >/dev/null || { echo "SKIP: kpt not found"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/testdata/pkg" "$work/pkg"
for run in 1 2; do
  kpt fn eval "$work/pkg" --exec "$bin" -- key=team value=web > "$work/kpt.log" 2>&1 || {
    cat "$work/kpt.log"
    echo "FAIL: kpt fn eval (run $run)"
    exit 1
  }
  diff -u "$here/testdata/expected/app.yaml" "$work/pkg/app.yaml" || {
    echo "FAIL: app.yaml after run $run"
    exit 1
  }
  diff -u "$here/testdata/pkg/Kptfile" "$work/pkg/Kptfile" || {
    echo "FAIL: the Kptfile changed (run $run)"
    exit 1
  }
done
grep -q "set team=web on 2 items" "$work/kpt.log" || { cat "$work/kpt.log"; echo "FAIL: no result"; exit 1; }
echo "PASS: set-label through kpt fn eval, twice"
