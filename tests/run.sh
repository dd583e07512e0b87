#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, and runs every test
# registered with CTest (unit, golden, corpus, registry integration, kpt and
# kustomize end to end, hostile inputs and registries, container), then the
# unit, golden and corpus tests under ASan+UBSan. Tests whose tool is absent
# (kpt, kubectl, podman) are reported as skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install-deps.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure "$@"
# The unit, golden and corpus tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
bash tests/sanitize.sh
