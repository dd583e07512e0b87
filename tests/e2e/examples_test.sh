#!/usr/bin/env bash
# Runs every example under examples/ as the kpt functions catalog runs its
# examples, and compares with the example's .expected/ directory:
#
#   config.yaml   how to run it (below)
#   diff.patch    `git diff` of the package after the run (absent: no change)
#   results.yaml  the results file kpt writes with --results-dir
#
# Each example runs in a fresh copy; its exit code, diff and results must
# match. Then it runs a second time over its own output, which must change
# nothing.
#
# config.yaml keys (a subset of the catalog's):
#   testType: eval | render          (default render)
#   exitCode: N                      (default 0)
#   execPath: NAME                   eval: the --exec value (default proxy-private-images,
#                                    found on PATH, where the tests put the built binary)
#   fnConfig: FILE                   eval: --fn-config, relative to the package
#   includeMetaResources: true       eval: --include-meta-resources
#   allowExec: true                  render: --allow-exec
#   stdErr: TEXT                     kpt's stderr must contain TEXT
#   args:                            eval: key=value arguments after --
#     key: value
#   env:                             environment of the kpt run
#     NAME: value
#
# Usage: examples_test.sh [--update] PATH-TO-proxy-private-images
#   --update (or E2E_UPDATE_EXPECTED=true) rewrites diff.patch and
#   results.yaml from the first run instead of comparing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

update=false
if [[ ${1:-} == --update ]]; then
  update=true
  shift
fi
[[ ${E2E_UPDATE_EXPECTED:-} == true ]] && update=true

require_tool kpt
require_tool git
e2e_init "$@"

# kpt_command EXAMPLE PKG RESULTS-DIR: fills the array CMD.
kpt_command() {
  local cfg=$1/.expected/config.yaml pkg=$2 results=$3
  local type exec fncfg
  type=$(yaml_scalar "$cfg" testType)
  CMD=(env)
  local kv
  while IFS= read -r kv; do CMD+=("$kv"); done < <(yaml_map "$cfg" env)
  case ${type:-render} in
    eval)
      exec=$(yaml_scalar "$cfg" execPath)
      CMD+=(kpt fn eval "$pkg" --results-dir "$results" --exec "${exec:-proxy-private-images}")
      fncfg=$(yaml_scalar "$cfg" fnConfig)
      if [[ -n $fncfg ]]; then CMD+=(--fn-config "$pkg/$fncfg"); fi
      if [[ $(yaml_scalar "$cfg" includeMetaResources) == true ]]; then
        CMD+=(--include-meta-resources)
      fi
      local args=()
      while IFS= read -r kv; do args+=("$kv"); done < <(yaml_map "$cfg" args)
      if [[ ${#args[@]} -gt 0 ]]; then CMD+=(-- "${args[@]}"); fi
      ;;
    render)
      CMD+=(kpt fn render "$pkg" --results-dir "$results")
      if [[ $(yaml_scalar "$cfg" allowExec) == true ]]; then CMD+=(--allow-exec); fi
      ;;
    *)
      fail "$1: unknown testType \"$type\""
      return 1
      ;;
  esac
}

check_layout() { # check_layout EXAMPLE NAME
  local f
  for f in README.md Kptfile .krmignore .expected/config.yaml; do
    if [[ -f $1/$f ]]; then pass "$2: has $f"; else fail "$2: has no $f"; fi
  done
  expect_line "$1/.krmignore" ".expected" "$2: .krmignore keeps .expected from kpt"
  if [[ -f $1/.expected/results.yaml || $update == true ]]; then
    pass "$2: has .expected/results.yaml"
  else
    fail "$2: has no .expected/results.yaml"
  fi
}

run_example() { # run_example EXAMPLE-DIR
  local ex=$1 name=${1##*/}
  local cfg=$ex/.expected/config.yaml
  local base=$WORK/examples/$name
  local pkg=$base/$name
  local want_rc want_stderr
  want_rc=$(yaml_scalar "$cfg" exitCode)
  want_rc=${want_rc:-0}
  want_stderr=$(yaml_scalar "$cfg" stdErr)
  check_layout "$ex" "$name"

  copy_pkg "$ex" "$pkg"
  pkg_snapshot "$pkg"
  kpt_command "$ex" "$pkg" "$base/results1" || return 0
  mkdir -p "$base/results1"
  run_capture "$base/run1.out" "$base/run1.err" "${CMD[@]}"
  expect_rc "$want_rc" "$name: first run" "$base/run1.err"
  if [[ -n $want_stderr ]]; then
    expect_contains "$base/run1.err" "$want_stderr" "$name: stderr has the expected text"
  fi
  pkg_diff "$pkg" >"$base/diff.patch"
  local results=$base/results1/results.yaml
  [[ -f $results ]] || : >"$results"

  if [[ $update == true ]]; then
    if [[ -s $base/diff.patch ]]; then
      cp "$base/diff.patch" "$ex/.expected/diff.patch"
    else
      rm -f "$ex/.expected/diff.patch"
    fi
    cp "$results" "$ex/.expected/results.yaml"
    pass "$name: .expected updated"
  else
    local want_diff=
    [[ -f $ex/.expected/diff.patch ]] && want_diff=$(cat "$ex/.expected/diff.patch")
    if [[ "$(cat "$base/diff.patch")" == "$want_diff" ]]; then
      pass "$name: diff matches .expected/diff.patch"
    else
      fail "$name: diff differs from .expected/diff.patch"
      diff -u <(printf '%s\n' "$want_diff") "$base/diff.patch" | head -n 60 | sed 's/^/    | /' || true
    fi
    if [[ -f $ex/.expected/results.yaml ]]; then
      if [[ "$(cat "$results")" == "$(cat "$ex/.expected/results.yaml")" ]]; then
        pass "$name: results match .expected/results.yaml"
      else
        fail "$name: results differ from .expected/results.yaml"
        diff -u "$ex/.expected/results.yaml" "$results" | head -n 60 | sed 's/^/    | /' || true
      fi
    fi
  fi

  # Second run, over the output of the first: nothing may change.
  pkg_snapshot "$pkg"
  kpt_command "$ex" "$pkg" "$base/results2" || return 0
  mkdir -p "$base/results2"
  run_capture "$base/run2.out" "$base/run2.err" "${CMD[@]}"
  expect_rc "$want_rc" "$name: second run" "$base/run2.err"
  pkg_diff "$pkg" >"$base/diff2.patch"
  if [[ ! -s $base/diff2.patch ]]; then
    pass "$name: second run changes nothing"
  else
    fail "$name: second run changed the package"
    show "$base/diff2.patch" 60
  fi
}

found=0
for cfg in "$EXAMPLES_DIR"/*/.expected/config.yaml; do
  [[ -f $cfg ]] || continue
  found=$((found + 1))
  run_example "$(dirname "$(dirname "$cfg")")"
done
if [[ $found -eq 0 ]]; then
  fail "no example found (examples/*/.expected/config.yaml)"
else
  pass "$found examples run"
fi
e2e_finish
