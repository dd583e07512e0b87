#!/usr/bin/env bash
# Writes the seed inputs of one fuzz target into a directory, one file each.
#   seed.sh TARGET SOURCE-ROOT OUT-DIR
#   run              golden inputs and outputs, e2e captures, and every
#                    testdata/corpus manifest wrapped into a ResourceList
#   image_ref        tests/fuzz/seeds/image_ref.txt and every image: value
#                    in testdata
#   pattern          tests/fuzz/seeds/patterns.txt (pattern TAB name)
#   www_authenticate, token_response   tests/fuzz/seeds/<target>.txt
#   license          testdata/licenses: each License, its signature and
#                    the JSON layers inside it, and the key files, each
#                    behind the selector byte fuzz_license.cc reads
# and, for every target, the files in tests/fuzz/regressions/<target>/.
set -euo pipefail
target=$1 root=$2 out=$3
seeds=$root/tests/fuzz/seeds
mkdir -p "$out"

# one_per_line FILE PREFIX: each line of FILE becomes a seed file.
one_per_line() {
  local n=0 line
  while IFS= read -r line || [[ -n $line ]]; do
    printf '%s' "$line" >"$out/$2-$((n += 1))"
  done <"$1"
}

# wrap FILE: a multi-document manifest as a ResourceList run with proxyAll.
wrap() {
  awk 'BEGIN { print "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:"; first = 1 }
       /^---/ { first = 1; next }
       /^[[:space:]]*(#.*)?$/ { if (!first) print "  " $0; next }
       { print (first ? "- " : "  ") $0; first = 0 }
       END { print "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: fn}\n  data: {appSlug: app, licenseID: lic, proxyAll: \"true\"}" }' "$1"
}

# Inputs that once broke a target stay among its seeds.
if [[ -d $root/tests/fuzz/regressions/$target ]]; then
  cp "$root/tests/fuzz/regressions/$target"/* "$out/"
fi

case $target in
  run)
    for f in "$root"/testdata/*/input.* "$root"/testdata/*/expected.* \
             "$root"/tests/e2e/captures/*.yaml; do
      [[ -f $f ]] || continue
      rel=${f#"$root"/}
      cp "$f" "$out/${rel//\//_}"
    done
    for f in "$root"/testdata/corpus/*.yaml; do
      wrap "$f" >"$out/corpus_$(basename "$f")"
    done
    ;;
  image_ref)
    one_per_line "$seeds/image_ref.txt" seed
    grep -rhoE '^[[:space:]-]*image: *[^ #]+' "$root/testdata" |
      sed -E 's/^[[:space:]-]*image: *//; s/^["'\'']//; s/["'\'']$//' | sort -u >"$out/.images"
    one_per_line "$out/.images" testdata
    rm "$out/.images"
    ;;
  pattern)
    n=0
    while IFS=$'\t' read -r pattern name; do
      printf '%s\n%s' "$pattern" "$name" >"$out/seed-$((n += 1))"
    done <"$seeds/patterns.txt"
    ;;
  www_authenticate | token_response)
    one_per_line "$seeds/$target.txt" seed
    ;;
  license)
    # field NAME: the base64 of "NAME":"…" in JSON on stdin, decoded.
    field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | sed 's/^[^:]*:"//; s/"$//' | base64 -d 2>/dev/null || true; }
    for f in "$root"/testdata/licenses/*.yaml; do
      name=$(basename "$f" .yaml)
      { printf '\3'; cat "$f"; } >"$out/license-$name"
      sig=$(sed -n 's/^  signature: //p' "$f")
      printf '\0%s' "$sig" >"$out/base64-$name"
      printf '\0%s' "$sig" | fold -w 77 >"$out/base64-folded-$name"
      outer=$(printf '%s' "$sig" | base64 -d)
      printf '\1%s' "$outer" >"$out/outer-$name"
      printf '\5%s' "$outer" >"$out/outer-v2-$name"
      { printf '\3'; printf '%s' "$outer" | field licenseData; } >"$out/data-$name"
      inner=$(printf '%s' "$outer" | field innerSignature)
      printf '\2%b' "$(printf '%s' "$inner" | grep -o '"publicKey":"[^"]*"' | sed 's/^[^:]*:"//; s/"$//')" >"$out/pem-$name"
    done
    for f in "$root"/testdata/licenses/*.pem; do
      { printf '\2'; cat "$f"; } >"$out/keys-$(basename "$f" .pem)"
    done
    ;;
  *)
    echo "seed.sh: unknown target $target" >&2
    exit 2
    ;;
esac
