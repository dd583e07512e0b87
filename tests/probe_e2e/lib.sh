# shellcheck shell=bash
# Helpers of the probe end-to-end tests, on top of tests/e2e/lib.sh (checks,
# counting, skips, $WORK, $BIN_DIR). A test script sources this file, calls
# probe_e2e_init with the function binary, then start_registries.
#
# The registries are Debian's docker-registry, started by registries.py (see
# its docstring for the repositories): token auth over plain HTTP, htpasswd
# auth over TLS (certificate of a test CA given to the function as caFile),
# and one without auth. They listen on ports 80 and 443 of 127.0.0.2-4, so
# their image names carry no port: a proxied name cannot hold one (SPEC §11).
# Each test therefore runs in a network namespace of its own, loopback up,
# where those ports are free and nobody else sees them.

PROBE_E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../e2e/lib.sh
source "$PROBE_E2E_DIR/../e2e/lib.sh"

# The settings these tests use (lib.sh's are for the examples).
APP_SLUG=probe-e2e
PROXY_PREFIX=proxy.replicated.com/proxy/$APP_SLUG
PULL_SECRET=$APP_SLUG-registry
PROBE_LICENSE=lic-probe-e2e-0123

# Loopback must not go through a proxy of the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

REG_PID=
REG_KEEP=

# probe_e2e_init BINARY: checks the tools every probe test needs, creates
# $WORK (see e2e_init) and arranges for the registries to be stopped and
# $WORK removed on exit. The tests run with $WORK as working directory, so
# relative paths in configurations (caFile) name files under it.
probe_e2e_init() {
  enter_network_namespace "$@"
  require_tool python3
  require_tool openssl
  require_tool htpasswd
  command -v docker-registry >/dev/null 2>&1 || command -v registry >/dev/null 2>&1 ||
    skip "docker-registry not found"
  e2e_init "$@"
  trap 'stop_registries quiet; rm -rf "$WORK"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  cd "$WORK" || die "cannot enter $WORK"
}

# enter_network_namespace ARGS...: runs this script again, with ARGS, in a
# new network namespace (unshare -n, or -rn when not root) with loopback up;
# returns once inside.
enter_network_namespace() {
  [[ -n ${PPI_PROBE_E2E_NETNS:-} ]] && return 0
  require_tool ip
  local ns
  if unshare -n true 2>/dev/null; then
    ns=(unshare -n)
  elif unshare -rn true 2>/dev/null; then
    ns=(unshare -rn)
  else
    skip "unshare -n not available: the registries need a network namespace of their own"
  fi
  exec env PPI_PROBE_E2E_NETNS=1 "${ns[@]}" bash -c 'ip link set lo up && exec bash "$0" "$@"' \
    "$0" "$@"
}

# start_registries: starts registries.py and reads its registries.env:
# PLAIN_HOST, TOKEN_HOST, BASIC_HOST (no port), REALM_HOST (host:port),
# the same as *_ADDR (ip:port) and CA_FILE; sets CA_REL (CA_FILE relative to $WORK) and INSECURE (the plain
# HTTP hosts, comma-separated). The helper also stops by itself when this
# shell goes away: its stdin is a FIFO that only this shell holds open.
start_registries() {
  local dir=$WORK/registries
  mkdir -p "$dir"
  mkfifo "$WORK/registries.stdin"
  exec {REG_KEEP}<>"$WORK/registries.stdin"
  python3 "$PROBE_E2E_DIR/registries.py" "$dir" "$dir/registries.env" \
    <"$WORK/registries.stdin" >"$WORK/registries.out" 2>&1 {REG_KEEP}>&- &
  REG_PID=$!
  local i
  for ((i = 0; i < 900; i++)); do
    [[ -f $dir/registries.env ]] && break
    if ! kill -0 "$REG_PID" 2>/dev/null; then
      local rc=0
      wait "$REG_PID" || rc=$?
      REG_PID=
      if [[ $rc -eq $E2E_SKIP ]]; then
        skip "$(sed -n 's/^SKIP: //p' "$WORK/registries.out" | head -n 1)"
      fi
      sed 's/^/    | /' "$WORK/registries.out" "$dir"/*.log 2>/dev/null | tail -n 30
      die "registries.py exited with $rc before the registries were up"
    fi
    sleep 0.2
  done
  [[ -f $dir/registries.env ]] || die "registries.py did not report its registries"
  # shellcheck disable=SC1091
  source "$dir/registries.env"
  CA_REL=${CA_FILE#"$WORK"/}
  INSECURE=$TOKEN_HOST,$REALM_HOST,$PLAIN_HOST
  echo "# registries: token $TOKEN_HOST (realm $REALM_HOST), htpasswd+TLS $BASIC_HOST, plain $PLAIN_HOST"
}

# port_open HOST:PORT: something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null
}

# stop_registries [quiet]: stops the helper (which stops every registry and
# the token server) and, unless quiet, checks that no port answers any more.
stop_registries() {
  if [[ -n $REG_PID ]]; then
    kill -TERM "$REG_PID" 2>/dev/null || true
    wait "$REG_PID" 2>/dev/null || true
    REG_PID=
  fi
  if [[ -n $REG_KEEP ]]; then
    exec {REG_KEEP}>&-
    REG_KEEP=
  fi
  [[ ${1:-} == quiet ]] && return 0
  local h open=()
  for h in "$TOKEN_ADDR" "$REALM_ADDR" "$BASIC_ADDR" "$PLAIN_ADDR"; do
    if port_open "$h"; then open+=("$h"); fi
  done
  if ((${#open[@]} == 0)); then
    pass "registries stopped: nothing answers on ${TOKEN_ADDR}, ${REALM_ADDR}, ${BASIC_ADDR}, ${PLAIN_ADDR}"
  else
    fail "still answering after the registries were stopped: ${open[*]}"
  fi
}

# --- running without the network ----------------------------------------

NETNS=()
NETNS_DESC=
STRACE_OK=
# setup_isolation: finds what can prove that a run opens no socket.
#  - unshare -n (or -rn when not root): a new network namespace whose only
#    interface is loopback, down: nothing can be reached, not even 127.0.0.1.
#  - strace -f -e trace=socket,connect: every socket the tool and the
#    function (its child) create is logged; there must be no AF_INET/AF_INET6.
# Each is skipped with a message when unavailable.
setup_isolation() {
  if unshare -n true 2>/dev/null; then
    NETNS=(unshare -n --)
    NETNS_DESC="unshare -n"
  elif unshare -rn true 2>/dev/null; then
    NETNS=(unshare -rn --)
    NETNS_DESC="unshare -rn"
  else
    echo "# SKIP (part): unshare -n not available here; offline runs use the host network namespace"
  fi
  if command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
    STRACE_OK=1
  else
    echo "# SKIP (part): strace not found (or ptrace not permitted); no socket trace of offline runs"
  fi
  if ((${#NETNS[@]})); then
    # Inside: only "lo" in /proc/net/dev, and 127.0.0.1 is unreachable.
    local devs reach
    devs=$("${NETNS[@]}" awk -F: 'NR > 2 { gsub(/ /, "", $1); print $1 }' /proc/net/dev | tr '\n' ' ')
    reach=$("${NETNS[@]}" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>&1 || true)
    if [[ $devs == "lo " && $reach == *"unreachable"* ]]; then
      pass "$NETNS_DESC: only loopback, and it is down (connect: ${reach##*: })"
    else
      fail "$NETNS_DESC is not isolated: interfaces '$devs', connect: $reach"
    fi
  fi
}

# What strace records: sockets and connects, and the execs and clones that
# tell which processes and threads are the function's.
STRACE_ARGS=(strace -f -qq -e signal=none
  -e trace=socket,connect,execve,clone,clone3,fork,vfork)

# isolated TRACE-LOG CMD...: runs CMD inside the network namespace (if any)
# under strace (if any), the trace in TRACE-LOG.
isolated() {
  local log=$1
  shift
  local pre=("${NETNS[@]}")
  : >"$log"
  if [[ -n $STRACE_OK ]]; then
    pre+=("${STRACE_ARGS[@]}" -o "$log")
  fi
  "${pre[@]}" "$@"
}

# traced TRACE-LOG CMD...: CMD under strace only (host network), as the
# positive control: the trace must show the function's connections.
traced() {
  local log=$1
  shift
  : >"$log"
  if [[ -n $STRACE_OK ]]; then
    "${STRACE_ARGS[@]}" -o "$log" "$@"
  else
    "$@"
  fi
}

# function_trace TRACE-LOG: the function's part of a trace: a line
# "exec PID" for each process that executed proxy-private-images, then the
# socket and connect lines of those processes and of every thread or child
# they cloned. kpt and kubectl themselves are left out (kubectl kustomize
# tries 127.0.0.1:8080, the default API server, on its own).
function_trace() {
  awk '
    { pid = $1 }
    $2 ~ /^execve\(".*\/proxy-private-images",/ && $0 !~ /= -1 / { fn[pid] = 1; print "exec " pid }
    $0 ~ /^[0-9]+ (<\.\.\. )?(clone3?|fork|vfork)[ (].*= [0-9]+$/ { parent[$NF] = pid }
    $2 ~ /^(<\.\.\. )?(socket|connect)/ || $0 ~ /^[0-9]+ <\.\.\. (socket|connect) resumed>/ {
      lines[++k] = $0; lpid[k] = pid
    }
    END {
      for (i = 1; i <= k; i++) {
        p = lpid[i]; hops = 0
        while (p != "" && !(p in fn) && hops++ < 100000) p = (p in parent) ? parent[p] : ""
        if (p in fn) print lines[i]
      }
    }' "$1"
}

# expect_no_inet_socket TRACE-LOG DESCRIPTION: the function ran (the trace
# shows it) and neither it nor its threads created an AF_INET/AF_INET6
# socket or connected to an inet address.
expect_no_inet_socket() {
  [[ -n $STRACE_OK ]] || return 0
  local ft inet others
  ft=$(function_trace "$1")
  inet=$(grep -E 'socket\(AF_INET6?,|sa_family=AF_INET6?' <<<"$ft" || true)
  others=$(grep -cE 'socket\(AF_INET6?,' "$1" || true)
  if ! grep -q '^exec ' <<<"$ft"; then
    fail "$2: the trace does not show proxy-private-images being run"
    show "$1"
  elif [[ -n $inet ]]; then
    fail "$2: the function created inet sockets"
    head -n 10 <<<"$inet" | sed 's/^/    | /'
  else
    pass "$2 (strace: $(grep -c '^[0-9]' <<<"$ft" || true) socket/connect calls by the function, none inet)"
    if [[ $others -gt 0 ]]; then
      echo "    # note: the tool itself (not the function) created $others inet socket(s):" \
        "$(grep -m1 -oE 'connect\(.*sin_port=htons\([0-9]+\), sin_addr=inet_addr\("[^"]+"\)' "$1" |
          sed -E 's/.*htons\(([0-9]+)\), sin_addr=inet_addr\("([^"]+)"\).*/connect to \2:\1/')"
    fi
  fi
}

# expect_connected TRACE-LOG HOST:PORT DESCRIPTION: the trace shows the
# function connect to HOST:PORT (the tracing does see the function's sockets).
expect_connected() {
  [[ -n $STRACE_OK ]] || return 0
  local port=${2##*:}
  if function_trace "$1" |
    grep -Eq "connect\(.*sin_port=htons\($port\), sin_addr=inet_addr\(\"${2%:*}\"\)"; then
    pass "$3"
  else
    fail "$3: no connect to $2 by the function in the trace"
    function_trace "$1" | head -n 20 | sed 's/^/    | /'
  fi
}

# --- reading what the function wrote ---------------------------------------

# record_entry FILE IMAGE: "class<TAB>reason" of IMAGE in an ImageProbeRecord
# file (block style as the function writes it), or nothing.
record_entry() {
  awk -v want="$2" '
    function val(s) {
      sub(/^[^:]*:[ \t]*/, "", s)
      if (s ~ /^".*"$/ || s ~ /^\047.*\047$/) s = substr(s, 2, length(s) - 2)
      return s
    }
    /^[ \t]*- image:/ { img = val($0); cls = rsn = ""; next }
    img == want && /^[ \t]+class:/ { cls = val($0) }
    img == want && /^[ \t]+reason:/ { rsn = val($0) }
    img == want && cls != "" && rsn != "" { printf "%s\t%s\n", cls, rsn; exit }
  ' "$1"
}

# record_time FILE IMAGE: probedAt of IMAGE in the record.
record_time() {
  awk -v want="$2" '
    function val(s) {
      sub(/^[^:]*:[ \t]*/, "", s)
      if (s ~ /^".*"$/ || s ~ /^\047.*\047$/) s = substr(s, 2, length(s) - 2)
      return s
    }
    /^[ \t]*- image:/ { img = val($0); next }
    /^[ \t]+probedAt:/ && img == want { print val($0); exit }
  ' "$1"
}

# expect_record FILE IMAGE CLASS REASON DESCRIPTION
expect_record() {
  local got
  got=$(record_entry "$1" "$2")
  if [[ $got == "$3"$'\t'"$4" ]]; then
    pass "$5"
  else
    fail "$5: record has \"${got//$'\t'/ | }\" for $2, want \"$3 | $4\""
    show "$1" 40
  fi
}

# The ResourceList item of the function's output as kpt/kustomize pass it,
# for the tests that read results: a wrapper that tees the function's
# stdout to FILE. Usage: make_tee_wrapper WRAPPER FILE
make_tee_wrapper() {
  cat >"$1" <<EOF
#!/usr/bin/env bash
# Runs the function and keeps a copy of its output (generated by the test).
set -o pipefail
"$PPI_BIN" "\$@" | tee "$2"
EOF
  chmod +x "$1"
}

# The test package: one Deployment whose four images live on the loopback
# registries. Usage: write_deployment FILE
write_deployment() {
  cat >"$1" <<EOF
# A workload whose images live on loopback registries; no private/public
# lists anywhere: the function has to ask the registries.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    app: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      initContainers:
        - name: migrate
          image: $BASIC_HOST/vendor/app:v1 # htpasswd over TLS
      containers:
        - name: web
          image: $TOKEN_HOST/public/app:v1
          ports:
            - containerPort: 8080
        - name: api
          image: "$TOKEN_HOST/private/app:v1"
          env:
            - name: PORT
              value: "8080"
        - name: sidecar
          image: '$PLAIN_HOST/library/web:v1'
EOF
}

# The four images, their expected class and probe reason.
expected_probes() {
  printf '%s\t%s\t%s\n' \
    "$TOKEN_HOST/public/app:v1" public "200 after anonymous token" \
    "$TOKEN_HOST/private/app:v1" private "401 insufficient_scope after anonymous token" \
    "$BASIC_HOST/vendor/app:v1" private "401 Basic: credentials required" \
    "$PLAIN_HOST/library/web:v1" public "200 without authentication"
}

# check_results FILE SOURCE LABEL: FILE (kpt's results.yaml or the
# function's output) names each image's decision with its reason, as
# "IMAGE: CLASS (REASON (SOURCE))", plus "; rewritten to …" for the private
# ones. SOURCE is "probed" or "probe record of <probedAt>" (where the
# record has a time for each image, pass "record:RECORD-FILE").
check_results() {
  local file=$1 source=$2 label=$3 image klass reason src want
  while IFS=$'\t' read -r image klass reason; do
    src=$source
    if [[ $source == record:* ]]; then
      src="probe record of $(record_time "${source#record:}" "$image")"
    fi
    want="$image: $klass ($reason ($src))"
    if [[ $klass == private ]]; then
      want+="; rewritten to $PROXY_PREFIX/$image"
    fi
    expect_contains "$file" "$want" "$label: result for ${image#*/}: $klass ($reason ($src))"
  done < <(expected_probes)
}

# check_rewrites FILE LABEL: the private images proxied, the public ones
# unchanged, in a YAML file holding the Deployment.
check_rewrites() {
  local file=$1 label=$2
  expect_contains "$file" "$PROXY_PREFIX/$TOKEN_HOST/private/app:v1" \
    "$label: token-auth private image rewritten to $PROXY_PREFIX/$TOKEN_HOST/private/app:v1"
  expect_contains "$file" "$PROXY_PREFIX/$BASIC_HOST/vendor/app:v1" \
    "$label: htpasswd (TLS) private image rewritten to $PROXY_PREFIX/$BASIC_HOST/vendor/app:v1"
  expect_contains "$file" "image: $TOKEN_HOST/public/app:v1" "$label: token-auth public image unchanged"
  expect_contains "$file" "$PLAIN_HOST/library/web:v1" "$label: no-auth public image unchanged"
  expect_count "$file" "$PROXY_PREFIX/" 2 "$label: exactly the two private images proxied"
  expect_not_contains "$file" "$PROXY_PREFIX/$TOKEN_HOST/public" "$label: public image not proxied"
  expect_not_contains "$file" "$PROXY_PREFIX/$PLAIN_HOST" "$label: no-auth image not proxied"
}

# check_secret_text FILE LABEL: a dockerconfigjson Secret named
# $PULL_SECRET whose auth is LICENSE_ID:$PROBE_LICENSE.
check_secret_text() {
  local file=$1 label=$2
  expect_line "$file" "kind: Secret" "$label: a Secret"
  expect_line "$file" "type: kubernetes.io/dockerconfigjson" "$label: of type dockerconfigjson"
  expect_line "$file" "  name: $PULL_SECRET" "$label: named $PULL_SECRET"
  local data json
  data=$(awk '/\.dockerconfigjson:/ { print $2; exit }' "$file" | tr -d "\"'")
  json=$(printf '%s' "$data" | base64 -d 2>/dev/null || true)
  if [[ $json == *"\"auth\":\"$(printf 'LICENSE_ID:%s' "$PROBE_LICENSE" | base64 | tr -d '\n')\""* ]]; then
    pass "$label: the Secret's auth is LICENSE_ID:<license>"
  else
    fail "$label: the Secret's .dockerconfigjson is not the license's: $json"
  fi
}
