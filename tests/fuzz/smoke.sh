#!/usr/bin/env bash
# A short, deterministic run of one fuzz target for CTest: every seed, then
# a fixed number of mutations from a fixed random seed. Fails on any crash,
# sanitizer report or broken invariant.
#   smoke.sh FUZZER TARGET SOURCE-ROOT WORK-DIR
set -euo pipefail
fuzzer=$1 target=$2 root=$3 work=$4
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
bash "$root/tests/fuzz/seed.sh" "$target" "$root" "$work/seeds"
dict=()
[[ -f $root/tests/fuzz/$target.dict ]] && dict=(-dict="$root/tests/fuzz/$target.dict")
exec "$fuzzer" -runs="${PPI_FUZZ_SMOKE_RUNS:-3000}" -seed=1 -max_len=131072 \
  -rss_limit_mb=4096 -artifact_prefix="$work/artifacts/" "${dict[@]}" \
  "$work/corpus" "$work/seeds"
