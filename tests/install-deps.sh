#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs (run as root).
#   tests/install-deps.sh build   what building the function needs
#   tests/install-deps.sh test    that, plus what the test suite runs against
# Packages already installed are left alone; apt-get update runs only when
# something is missing.
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config libyaml-cpp-dev libcurl4-openssl-dev
            libssl-dev rapidjson-dev catch2 ca-certificates)
test_pkgs=(docker-registry apache2-utils openssl python3 python3-yaml skopeo podman runc umoci iproute2
           strace clang libclang-rt-14-dev clang-format nghttp2-proxy)

case ${1:-test} in
  build) wanted=("${build_pkgs[@]}") ;;
  test) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) != 0 ]]; then
    echo "missing packages (install them as root): ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
