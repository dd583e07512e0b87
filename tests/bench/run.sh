#!/usr/bin/env bash
# The benchmark: builds the function (Release) and the two floor programs,
# generates the inputs, runs every comparison with the contenders alternated
# round after round, prints markdown tables and writes tests/bench/results.md.
#
#   bash tests/bench/run.sh [--quick] [--part transform|probe|all]
#
# --quick: fewer sizes and rounds (a check that everything works, ~2 min).
# The full run takes about 9 minutes on 2 cores. Everything it builds and
# generates goes to build-bench/ (inputs are kept between runs).
# kubectl (for `kubectl kustomize`) is not a Debian package: without it the
# kustomize contender is skipped. Needs root to install missing packages.
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=()
part=all
while (($#)); do
  case $1 in
    --quick) quick=(--quick) ;;
    --part) part=$2; shift ;;
    *) echo "usage: $0 [--quick] [--part transform|probe|all]" >&2; exit 2 ;;
  esac
  shift
done

bash tests/install-deps.sh build
missing=()
for p in python3 docker-registry skopeo openssl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target proxy-private-images >/dev/null
mkdir -p "$build/bench"
# shellcheck disable=SC2046
g++ -O2 -std=c++17 tests/bench/parse_only.cc -o "$build/bench/parse_only" \
    $(pkg-config --cflags --libs yaml-cpp)
g++ -O2 -std=c++17 tests/bench/parse_events.cc -o "$build/bench/parse_events" \
    $(pkg-config --cflags --libs yaml-cpp)
g++ -O2 -std=c++17 tests/bench/copy_only.cc -o "$build/bench/copy_only"
g++ -O2 -std=c++17 tests/bench/run_measured.cc -o "$build/bench/run_measured"

command="bash tests/bench/run.sh${quick:+ --quick}"
[[ $part != all ]] && command+=" --part $part"
python3 tests/bench/bench.py "${quick[@]}" --part "$part" \
    --fn "$build/proxy-private-images" \
    --parse-only "$build/bench/parse_only" --parse-events "$build/bench/parse_events" \
    --copy-only "$build/bench/copy_only" \
    --runner "$build/bench/run_measured" \
    --work "$build/bench" --out tests/bench/results.md --command "$command"

# The probe over TLS and HTTP/2 (tests/bench/tls_probe.py): its tables go to
# tests/bench/results-tls.md. Its token server sits behind nghttpx.
if [[ $part == all || $part == probe ]]; then
  if ! dpkg-query -W -f='${Status}' nghttp2-proxy 2>/dev/null | grep -q "install ok installed"; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nghttp2-proxy \
        >/dev/null
  fi
  python3 tests/bench/tls_probe.py "${quick[@]}" --fn "$build/proxy-private-images" \
      --runner "$build/bench/run_measured" --work "$build/bench" \
      --out tests/bench/results-tls.md --command "$command"
fi
