# Helpers shared by the end-to-end tests. Each test script sources this file
# and calls e2e_init with the path of the proxy-private-images binary.
#
# Every check prints one line ("ok" or "FAIL") and is counted; e2e_finish
# prints "N passed, N failed" and sets the exit status. A missing tool is a
# skip (exit 77), which CTest reports through SKIP_RETURN_CODE.

# shellcheck disable=SC2034 # the settings below are used by the scripts that source this file
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$E2E_DIR/../.." && pwd)"
EXAMPLES_DIR="$REPO_DIR/examples"
E2E_SKIP=77

PASSED=0
FAILED=0

# The settings the examples use.
APP_SLUG=my-kots-app
PROXY_PREFIX=proxy.replicated.com/proxy/$APP_SLUG
PULL_SECRET=$APP_SLUG-registry
EXAMPLE_LICENSE=example-license-id

# Git must not read the user's or the system's configuration: diff.noprefix,
# color or a pager would change the diffs compared with .expected/diff.patch.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
export GIT_PAGER=cat
# The license reaches the function only where a test passes it.
unset LICENSE_ID

pass() {
  PASSED=$((PASSED + 1))
  echo "ok   - $*"
}

fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL - $*"
}

die() {
  echo "error: $*" >&2
  exit 2
}

skip() {
  echo "SKIP: $*"
  exit "$E2E_SKIP"
}

# require_tool NAME: skips the whole test when NAME is not on PATH.
require_tool() {
  command -v "$1" >/dev/null 2>&1 || skip "$1 not found"
}

# e2e_init BINARY: resolves BINARY, creates $WORK (removed on exit) and
# $BIN_DIR, where "proxy-private-images" points at BINARY, first on PATH.
e2e_init() {
  local bin=${1:-${PPI_BIN:-}}
  [[ -n $bin ]] || die "usage: $(basename "$0") PATH-TO-proxy-private-images"
  [[ -x $bin ]] || die "not an executable file: $bin"
  PPI_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/ppi-e2e.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  BIN_DIR=$WORK/bin
  mkdir "$BIN_DIR"
  ln -s "$PPI_BIN" "$BIN_DIR/proxy-private-images"
  export PATH="$BIN_DIR:$PATH"
}

e2e_finish() {
  echo "$PASSED passed, $FAILED failed"
  [[ $FAILED -eq 0 && $PASSED -gt 0 ]]
}

# run_capture OUT ERR CMD...: runs CMD with stdout in OUT and stderr in ERR;
# its exit status is left in RC, whatever it is.
run_capture() {
  local out=$1 err=$2
  shift 2
  set +e
  "$@" >"$out" 2>"$err"
  RC=$?
  set -e
}

# copy_pkg SRC DEST: a copy of a package directory, hidden files included.
copy_pkg() {
  mkdir -p "$(dirname "$2")"
  cp -R "$1" "$2"
}

show() { # show FILE [LINES]: the first lines of FILE, indented
  head -n "${2:-20}" "$1" | sed 's/^/    | /'
}

expect_rc() { # expect_rc WANT DESCRIPTION [FILE-TO-SHOW...]
  local want=$1 desc=$2
  shift 2
  if [[ $RC -eq $want ]]; then
    pass "$desc (exit $RC)"
  else
    fail "$desc: exit $RC, want $want"
    local f
    for f in "$@"; do show "$f"; done
  fi
}

expect_nonzero_rc() { # expect_nonzero_rc DESCRIPTION [FILE-TO-SHOW...]
  local desc=$1
  shift
  if [[ $RC -ne 0 ]]; then
    pass "$desc (exit $RC)"
  else
    fail "$desc: exit 0, want a failure"
    local f
    for f in "$@"; do show "$f"; done
  fi
}

expect_contains() { # expect_contains FILE TEXT DESCRIPTION
  if [[ -f $1 ]] && grep -qF -- "$2" "$1"; then
    pass "$3"
  else
    fail "$3: ${1##*/} lacks: $2"
    if [[ -f $1 ]]; then show "$1"; fi
  fi
}

expect_not_contains() { # expect_not_contains FILE TEXT DESCRIPTION
  if [[ -f $1 ]] && ! grep -qF -- "$2" "$1"; then
    pass "$3"
  else
    fail "$3: ${1##*/} contains: $2"
    if [[ -f $1 ]]; then grep -nF -- "$2" "$1" | head -n 5 | sed "s/^/    | /" || true; fi
  fi
}

expect_line() { # expect_line FILE LINE DESCRIPTION: LINE exactly, as a whole line
  if [[ -f $1 ]] && grep -qxF -- "$2" "$1"; then
    pass "$3"
  else
    fail "$3: ${1##*/} lacks the line: $2"
    if [[ -f $1 ]]; then show "$1"; fi
  fi
}

expect_count() { # expect_count FILE TEXT N DESCRIPTION: N lines contain TEXT
  local n=0
  [[ -f $1 ]] && n=$(grep -cF -- "$2" "$1" || true)
  if [[ $n -eq $3 ]]; then
    pass "$4"
  else
    fail "$4: $n lines of ${1##*/} contain \"$2\", want $3"
  fi
}

expect_same_file() { # expect_same_file WANT GOT DESCRIPTION
  if cmp -s "$1" "$2"; then
    pass "$3"
  else
    fail "$3"
    diff -u "$1" "$2" | head -n 40 | sed 's/^/    | /' || true
  fi
}

expect_same_tree() { # expect_same_tree WANT-DIR GOT-DIR DESCRIPTION
  local d
  if d=$(diff -r "$1" "$2" 2>&1); then
    pass "$3"
  else
    fail "$3"
    printf '%s\n' "$d" | head -n 40 | sed 's/^/    | /' || true
  fi
}

expect_file() { # expect_file PATH DESCRIPTION
  if [[ -s $1 ]]; then pass "$2"; else fail "$2: no file (or empty) ${1#"$WORK"/}"; fi
}

# b64 TEXT: base64 without line breaks or padding, as it appears inside
# longer base64 text.
b64() {
  printf '%s' "$1" | base64 | tr -d '\n='
}

# The items of a ResourceList, one summary line each, tab-separated:
# kind, name, namespace, config.kubernetes.io/path,
# internal.config.kubernetes.io/path. Reads block-style YAML items as kpt,
# kustomize and this function write them.
rl_index() {
  awk '
    function flush() {
      if (inItem) printf "%s\t%s\t%s\t%s\t%s\n", kind, name, ns, path, ipath
      kind = name = ns = path = ipath = ""; inMeta = 0; inAnn = 0
    }
    function val(s) {
      sub(/^[^:]*:[ \t]*/, "", s); sub(/[ \t]+#.*$/, "", s)
      gsub(/^["\047]|["\047]$/, "", s); return s
    }
    /^items:/ { inItems = 1; next }
    inItems && /^[^ \t-]/ { flush(); inItem = 0; inItems = 0; next }
    !inItems { next }
    /^- / { flush(); inItem = 1; sub(/^- /, "  ") }
    /^  [^ ]/ { inMeta = ($0 ~ /^  metadata:/); inAnn = 0 }
    /^  kind:/ { kind = val($0) }
    inMeta && /^    [^ ]/ { inAnn = ($0 ~ /^    annotations:/) }
    inMeta && /^    name:/ { name = val($0) }
    inMeta && /^    namespace:/ { ns = val($0) }
    inAnn && /^      config\.kubernetes\.io\/path:/ { path = val($0) }
    inAnn && /^      internal\.config\.kubernetes\.io\/path:/ { ipath = val($0) }
    END { flush() }
  ' "$1"
}

# The value of a top-level "key: value" line of a YAML file, unquoted.
yaml_scalar() { # yaml_scalar FILE KEY
  awk -v k="$2" '
    $0 ~ "^" k ":" {
      s = $0; sub(/^[^:]*:[ \t]*/, "", s); sub(/[ \t]+#.*$/, "", s)
      gsub(/^["\047]|["\047]$/, "", s); print s; exit
    }' "$1"
}

# The entries of a top-level map of a YAML file ("key:" followed by indented
# "name: value" lines), printed as name=value lines in file order.
yaml_map() { # yaml_map FILE KEY
  awk -v k="$2" '
    $0 ~ "^" k ":[ \t]*$" { inMap = 1; next }
    inMap && /^[^ \t]/ { exit }
    inMap && /^[ \t]+[^ \t#]/ {
      s = $0; sub(/^[ \t]+/, "", s)
      key = s; sub(/:.*$/, "", key)
      v = s; sub(/^[^:]*:[ \t]*/, "", v); sub(/[ \t]+#.*$/, "", v)
      gsub(/^["\047]|["\047]$/, "", v); print key "=" v
    }' "$1"
}

# git in a package copy, with a fixed identity and no outside configuration.
pkg_git() { # pkg_git DIR ARGS...
  local dir=$1
  shift
  git -C "$dir" -c user.name=e2e -c user.email=e2e@example.invalid \
    -c commit.gpgsign=false -c core.quotepath=false -c core.autocrlf=false "$@"
}

# Starts tracking a package copy, so that pkg_diff shows what a run changed.
pkg_snapshot() { # pkg_snapshot DIR
  if [[ ! -d $1/.git ]]; then pkg_git "$1" init -q; fi
  pkg_git "$1" add -A
  pkg_git "$1" commit -q --allow-empty -m snapshot
}

# What changed in a package copy since pkg_snapshot, as a git patch.
pkg_diff() { # pkg_diff DIR
  pkg_git "$1" add -A
  pkg_git "$1" diff --cached --no-color --no-ext-diff
}

# container_fn_config FILE [SPEC-LINE...]: a ProxyPrivateImages transformer
# config that kustomize runs as the container proxy-private-images:latest
# (docker_shim.sh stands in for it), with PPI_NOW handed in; each SPEC-LINE
# ("key: value") goes under spec.
container_fn_config() {
  local file=$1 line
  shift
  {
    echo "apiVersion: fn.proxy-private-images.io/v1alpha1"
    echo "kind: ProxyPrivateImages"
    echo "metadata:"
    echo "  name: proxy-private-images"
    echo "  annotations:"
    echo "    config.kubernetes.io/function: |"
    echo "      container:"
    echo "        image: proxy-private-images:latest"
    echo "        envs: [PPI_NOW]"
    echo "spec:"
    for line in "$@"; do echo "  $line"; done
  } >"$file"
}
