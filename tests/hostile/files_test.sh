#!/usr/bin/env bash
# What the function touches on disk when it runs as a KRM function, seen
# through strace: it creates, writes, renames and deletes nothing; it opens
# for reading only its shared libraries, system configuration (TLS, time
# zone, name resolution) and the files its configuration names (caFile,
# licenseFile, licenseKeyFile). With probe: offline it opens no socket
# either. It runs in an empty read-only
# working directory with an empty read-only HOME, which must stay empty.
#
# Usage: files_test.sh PATH-TO-proxy-private-images
# Exits 77 (skipped) when strace is missing or cannot trace.
set -uo pipefail
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if ! command -v strace >/dev/null 2>&1 || ! strace -f -qq -o /dev/null true 2>/dev/null; then
  echo "SKIP: strace is not installed or cannot trace here"
  exit 77
fi

WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/cwd" "$WORK/home" "$WORK/conf"
cp /etc/ssl/certs/ca-certificates.crt "$WORK/conf/extra-ca.pem" 2>/dev/null ||
  printf '' >"$WORK/conf/extra-ca.pem"
chmod 555 "$WORK/cwd" "$WORK/home"
failed=0

# The syscalls that change the file system, and open flags that would.
WRITES='^(creat|mkdir|mkdirat|unlink|unlinkat|rmdir|rename|renameat|renameat2|link|linkat|symlink|symlinkat|truncate|chmod|fchmodat|chown|fchownat|lchown|utimensat|mknod|mknodat)\('
WRITE_FLAGS='O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND'
# What may be opened for reading, besides what the configuration names.
ALLOWED='^"(/etc/ld\.so\.cache|/etc/ld\.so\.preload|/(usr/)?lib(64|32|x32)?/|/etc/ssl/|/usr/lib/ssl/|/usr/share/ca-certificates/|/etc/pki/|/etc/localtime|/usr/share/zoneinfo/|/etc/nsswitch\.conf|/etc/hosts|/etc/host\.conf|/etc/resolv\.conf|/etc/gai\.conf|/etc/services|/etc/gnutls/|/etc/krb5\.conf|/etc/ldap/|/usr/share/locale/|/usr/lib/locale/|/proc/|/sys/|/dev/(null|urandom|random)")'

# run LABEL INPUT NAMED-PATHS [ENV...]: runs the function under strace and
# checks what it did. NAMED-PATHS: the files the configuration names,
# separated by spaces ("" for none); each must be opened, and nothing else.
run() {
  local label=$1 input=$2 named=$3
  shift 3
  local trace=$WORK/$label.trace
  (cd "$WORK/cwd" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" "$@" \
    strace -f -qq -e trace=%file,%network -o "$trace" "$BIN" <"$input" >"$WORK/$label.out" 2>"$WORK/$label.err")
  local rc=$?
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    echo "FAIL $label: exit $rc"
    failed=1
  fi
  # strip "PID " and the result, keep "call(args"
  local calls=$WORK/$label.calls
  sed -E 's/^[0-9]+ +//' "$trace" | grep -vE '^(\+\+\+|---)' >"$calls"
  local bad
  bad=$(grep -E "$WRITES" "$calls")
  bad+=$(grep -E '^(open|openat|openat2)\(' "$calls" | grep -E "$WRITE_FLAGS")
  if [[ -n $bad ]]; then
    echo "FAIL $label: the function changed, or tried to change, the file system:"
    echo "$bad" | head -20
    failed=1
  else
    echo "PASS $label: nothing created, written, renamed or deleted"
  fi
  local opened
  opened=$(grep -E '^(open|openat|openat2)\(' "$calls" | grep -v '= -1 ' |
    grep -oE '"[^"]*"' | head -1000 | sort -u)
  local strange path
  strange=$(echo "$opened" | grep -vE "$ALLOWED" | grep -v '^$')
  for path in $named; do
    strange=$(echo "$strange" | grep -vxF "\"$path\"")
    if ! echo "$opened" | grep -qxF "\"$path\""; then
      echo "FAIL $label: did not open $path, which the configuration names"
      failed=1
    fi
  done
  if [[ -n $strange ]]; then
    echo "FAIL $label: opened files nothing names:"
    echo "$strange"
    failed=1
  else
    echo "PASS $label: opened only libraries, system configuration${named:+ and $named}"
  fi
  if [[ -n $(find "$WORK/cwd" "$WORK/home" -mindepth 1 -print -quit) ]]; then
    echo "FAIL $label: files appeared in the working directory or HOME"
    failed=1
  fi
  if [[ ! -s $WORK/$label.out ]]; then
    echo "FAIL $label: empty stdout"
    failed=1
  fi
}

# offline_input OUT CASE-INPUT [DATA-LINE...]: the items of a golden case's
# input with a ConfigMap that proxies every image offline, plus each
# DATA-LINE ("key: value").
offline_input() {
  local out=$1 items=$2 line
  shift 2
  {
    sed '/^functionConfig:/,$d' "$items"
    printf 'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cfg\n'
    printf '  data:\n    proxyAll: "true"\n    probe: offline\n'
    for line in "$@"; do echo "    $line"; done
  } >"$out"
}

# 1. Offline: rules decide every image. No socket, and the caFile in the
# configuration is not needed, so it is not read either.
offline_input "$WORK/offline.yaml" "$ROOT/testdata/proxy-all/input.yaml" \
  "appSlug: app" "caFile: $WORK/conf/extra-ca.pem"
run offline "$WORK/offline.yaml" "" LICENSE_ID=files-lic-1
if grep -qE '^(socket|connect)\(' "$WORK/offline.calls"; then
  echo "FAIL offline: probe: offline opened a socket"
  failed=1
else
  echo "PASS offline: no socket"
fi
if ! grep -q 'kind: Secret' "$WORK/offline.out"; then
  echo "FAIL offline: no pull Secret in the output (the run did not do its work)"
  failed=1
fi

# 2. Online, against closed ports on this machine: the probe reads the
# caFile the configuration names, and nothing else of the user's.
cat >"$WORK/online.yaml" <<EOF
apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p
  spec:
    containers:
    - name: a
      image: 127.0.0.1:9/app:1
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: cfg
  data:
    appSlug: app
    probeTimeoutSeconds: "5"
    caFile: $WORK/conf/extra-ca.pem
    onUnreachable: keep
EOF
run online "$WORK/online.yaml" "$WORK/conf/extra-ca.pem" LICENSE_ID=files-lic-2
if ! grep -qE '^connect\(' "$WORK/online.calls"; then
  echo "FAIL online: no connection was attempted (the probe did not run)"
  failed=1
fi

# 3. A License file and a key file: each is opened, read-only, and nothing
# else of the user's. The License is the real v1beta2 sample, signed by the
# kots test key, valid until the end of 2025.
cp "$ROOT/testdata/licenses/valid-v1beta2.yaml" "$WORK/conf/license.yaml"
cp "$ROOT/testdata/licenses/test-global-key.pem" "$WORK/conf/keys.pem"
offline_input "$WORK/license-file.yaml" "$ROOT/testdata/proxy-all/input.yaml" \
  "licenseFile: $WORK/conf/license.yaml" "licenseKeyFile: $WORK/conf/keys.pem"
run license-file "$WORK/license-file.yaml" "$WORK/conf/license.yaml $WORK/conf/keys.pem" \
  PPI_NOW=2025-06-01T00:00:00Z
if grep -q 'proxy/test-app/' "$WORK/license-file.out"; then
  echo "PASS license-file: the License verified and gave the app slug"
else
  echo "FAIL license-file: no image proxied for test-app in the output"
  head -c 2000 "$WORK/license-file.err"
  failed=1
fi

# 4. A License item in the input: no file is opened for it.
offline_input "$WORK/license-item.yaml" "$ROOT/testdata/license-item/input.yaml"
run license-item "$WORK/license-item.yaml" "" PPI_NOW=2026-01-01T00:00:00Z
if grep -q 'proxy/my-app/' "$WORK/license-item.out"; then
  echo "PASS license-item: the License item verified and gave the app slug"
else
  echo "FAIL license-item: no image proxied for my-app in the output"
  head -c 2000 "$WORK/license-item.err"
  failed=1
fi

exit $failed
