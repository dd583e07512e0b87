#!/usr/bin/env bash
# Builds with AddressSanitizer and UndefinedBehaviorSanitizer (the
# PPI_SANITIZE option) in build-asan/ and runs the unit, golden and corpus
# tests under them. Any report fails the run: UBSan and ASan stop at the
# first error, and LeakSanitizer checks every test binary at exit.
#   bash tests/sanitize.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

tests=(krm_test function_test probe_test license_test golden_test corpus_test krm_function_test)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPPI_SANITIZE=ON
cmake --build build-asan -j"$(nproc)" --target "${tests[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
regex="^($(IFS='|'; echo "${tests[*]}"))\$"
ctest --test-dir build-asan --output-on-failure -R "$regex" "$@"
