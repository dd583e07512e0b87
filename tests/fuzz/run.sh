#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# in build-fuzz/ and runs each for SECONDS.
#   bash tests/fuzz/run.sh SECONDS [TARGET...]
# Targets: run image_ref pattern www_authenticate token_response license
# (default: all). PPI_FUZZ_JOBS=2 runs two targets at once. The corpus each
# run grows is kept in build-fuzz/fuzz/<target>/corpus and reused by the next run;
# crashes are written to build-fuzz/fuzz/<target>/artifacts/ and the run
# exits non-zero. Reproduce one with: build-fuzz/fuzz_<target> FILE
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(run image_ref pattern www_authenticate token_response license)
jobs=${PPI_FUZZ_JOBS:-1}
build=build-fuzz

command -v clang++ >/dev/null || { echo "run.sh: clang++ is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPPI_SANITIZE=ON -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

fuzz_one() {
  local target=$1 dir=$build/fuzz/$1 rc=0
  mkdir -p "$dir/corpus" "$dir/artifacts"
  rm -rf "$dir/seeds"
  bash tests/fuzz/seed.sh "$target" "$PWD" "$dir/seeds"
  local dict=()
  [[ -f tests/fuzz/$target.dict ]] && dict=(-dict="tests/fuzz/$target.dict")
  "$build/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
    -max_len=131072 -rss_limit_mb=4096 -timeout=30 \
    -artifact_prefix="$dir/artifacts/" "${dict[@]}" "$dir/corpus" "$dir/seeds" \
    >"$dir/log.txt" 2>&1 || rc=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz_$target: exit $rc, $runs executions, $(ls "$dir/artifacts" | wc -l) artifacts (log: $dir/log.txt)"
  return $rc
}

failed=0
running=0
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  running=$((running + 1))
  if [[ $running -ge $jobs ]]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [[ $running -gt 0 ]]; do
  wait -n || failed=1
  running=$((running - 1))
done
exit $failed
