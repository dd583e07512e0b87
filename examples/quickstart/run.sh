#!/usr/bin/env bash
# Builds the function and runs it on this example.
#  - with kubectl on PATH: `kubectl kustomize --enable-alpha-plugins`, the
#    container function mapped to the built binary by a `docker` stand-in;
#  - without: the example's files as a ResourceList piped into the binary.
# The license ID comes from LICENSE_ID (an example value by default).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bash "$root/tests/install-deps.sh" build >&2
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j"$(nproc)" --target proxy-private-images >/dev/null
bin="$root/build/proxy-private-images"
export LICENSE_ID=${LICENSE_ID:-example-license-id}

if command -v kubectl >/dev/null; then
  shim=$(mktemp -d)
  trap 'rm -rf "$shim"' EXIT
  ln -s "$root/tests/e2e/docker_shim.sh" "$shim/docker"
  echo "# kubectl kustomize --enable-alpha-plugins examples/quickstart" >&2
  PATH="$shim:$PATH" PPI_BIN="$bin" kubectl kustomize --enable-alpha-plugins "$here"
else
  echo "# kubectl not found: running the function on the example's ResourceList" >&2
  {
    printf 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n'
    sed -e 's/^/  /' -e '1s/^  /- /' "$here/deployment.yaml"
    printf 'functionConfig:\n'
    sed -e 's/^/  /' "$here/fn-config.yaml"
  } | "$bin"
fi
