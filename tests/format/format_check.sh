#!/usr/bin/env bash
# Fails when a C++ file tracked by git is not formatted as .clang-format
# says. Fix with: git ls-files '*.cc' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v clang-format >/dev/null || { echo "SKIP: clang-format not found"; exit 77; }
mapfile -t files < <(git ls-files '*.cc' '*.h' 2>/dev/null || find krm function tests examples -name '*.cc' -o -name '*.h')
bad=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f"
    bad=1
  fi
done
if ((bad)); then
  echo "run: git ls-files '*.cc' '*.h' | xargs clang-format -i"
  exit 1
fi
echo "${#files[@]} files formatted"
