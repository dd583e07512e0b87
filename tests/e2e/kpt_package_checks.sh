# Checks on examples/kpt-package after the function ran over it through kpt
# (fn eval or fn render). Sourced by the kpt tests after lib.sh.

KPT_PACKAGE=$EXAMPLES_DIR/kpt-package
WEB_DIGEST=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

# raw_function_output OUT: the function's own stdout for the package, with
# the annotations kpt would strip when writing files.
raw_function_output() {
  local out=$1
  kpt fn source "$KPT_PACKAGE" --fn-config "$KPT_PACKAGE/fn-config.yaml" >"$WORK/raw-input.yaml"
  run_capture "$out" "$WORK/raw.stderr" \
    env LICENSE_ID="$EXAMPLE_LICENSE" proxy-private-images <"$WORK/raw-input.yaml"
  expect_rc 0 "the function alone accepts what kpt fn source sends" "$WORK/raw.stderr"
}

# check_pull_secret FILE NAMESPACE: FILE holds the pull secret for NAMESPACE.
check_pull_secret() {
  local file=$1 ns=$2
  expect_file "$file" "the pull secret for $ns is written to ${file##*/}"
  [[ -f $file ]] || return 0
  expect_line "$file" "kind: Secret" "${file##*/} holds a Secret"
  expect_line "$file" "type: kubernetes.io/dockerconfigjson" "${file##*/} is of type dockerconfigjson"
  expect_contains "$file" "name: $PULL_SECRET" "${file##*/} is named $PULL_SECRET"
  expect_contains "$file" "namespace: $ns" "${file##*/} is in namespace $ns"
  expect_not_contains "$file" "config.kubernetes.io/" "${file##*/} carries no kpt annotation"
  local b64json json
  b64json=$(awk '/\.dockerconfigjson:/ { v = $2; gsub(/["\047]/, "", v); print v }' "$file")
  json=$(printf '%s' "$b64json" | base64 -d 2>/dev/null || true)
  local auth
  auth=$(printf 'LICENSE_ID:%s' "$EXAMPLE_LICENSE" | base64 | tr -d '\n')
  printf '%s' "$json" >"$WORK/dockerconfig-$ns.json"
  expect_contains "$WORK/dockerconfig-$ns.json" "\"proxy.replicated.com\"" \
    "the $ns pull secret has auth for proxy.replicated.com"
  expect_contains "$WORK/dockerconfig-$ns.json" "\"registry.replicated.com\"" \
    "the $ns pull secret has auth for registry.replicated.com"
  expect_contains "$WORK/dockerconfig-$ns.json" "\"auth\":\"$auth\"" \
    "the $ns pull secret authenticates as LICENSE_ID with the license"
}

# check_secret_paths RAW OUT-DIR: every Secret the function emits carries
# both path annotations, and kpt wrote it to that path.
check_secret_paths() {
  local raw=$1 out=$2
  rl_index "$raw" | awk -F'\t' '$1 == "Secret"' >"$WORK/secrets.tsv"
  expect_count "$WORK/secrets.tsv" "$PULL_SECRET" 2 "the function emits two pull secrets (shop, jobs)"
  local _kind name ns path ipath
  while IFS=$'\t' read -r _kind name ns path ipath; do
    if [[ -n $path && $path == "$ipath" ]]; then
      pass "Secret $ns/$name has config.kubernetes.io/path = internal.config.kubernetes.io/path ($path)"
    else
      fail "Secret $ns/$name: config.kubernetes.io/path \"$path\", internal \"$ipath\""
      continue
    fi
    check_pull_secret "$out/$path" "$ns"
  done <"$WORK/secrets.tsv"
  for ns in shop jobs; do
    expect_contains "$WORK/secrets.tsv" $'\t'"$ns"$'\t' "a pull secret is emitted for namespace $ns"
  done
}

# check_kpt_package OUT-DIR: the files kpt wrote back.
check_kpt_package() {
  local out=$1
  # Untouched files stay byte for byte.
  local f
  for f in Kptfile fn-config.yaml namespaces.yaml database.yaml .krmignore; do
    expect_same_file "$KPT_PACKAGE/$f" "$out/$f" "$f is unchanged"
  done
  # shop.yaml: the private images rewritten, all else kept.
  expect_contains "$out/shop.yaml" \
    "image: $PROXY_PREFIX/quay.io/my-org/web:2.3.0 # private" \
    "shop.yaml: web image proxied, its trailing comment kept"
  expect_contains "$out/shop.yaml" \
    "image: $PROXY_PREFIX/ghcr.io/my-org/migrate@$WEB_DIGEST" \
    "shop.yaml: init container proxied, digest kept"
  expect_line "$out/shop.yaml" "# The storefront: our own web image plus a public database." \
    "shop.yaml: head comment kept"
  expect_line "$out/shop.yaml" '              value: "8080"' 'shop.yaml: value "8080" stays quoted'
  expect_line "$out/shop.yaml" '              value: |' "shop.yaml: block scalar kept"
  expect_line "$out/shop.yaml" '                checkout=true' "shop.yaml: block scalar content kept"
  expect_contains "$out/shop.yaml" "- name: $PULL_SECRET" "shop.yaml: imagePullSecrets entry added"
  expect_count "$out/shop.yaml" "name: $PULL_SECRET" 1 "shop.yaml: pull secret named once"
  expect_not_contains "$out/shop.yaml" "image: quay.io/" "shop.yaml: no unproxied quay.io image left"
  # jobs.yaml: CronJob.
  expect_contains "$out/jobs.yaml" "image: $PROXY_PREFIX/quay.io/my-org/reporter:1.4" \
    "jobs.yaml: CronJob image proxied"
  expect_contains "$out/jobs.yaml" "image: registry.k8s.io/pause:3.9" "jobs.yaml: public image unchanged"
  expect_line "$out/jobs.yaml" '  schedule: "0 3 * * *"' "jobs.yaml: quoted schedule kept"
  expect_contains "$out/jobs.yaml" "- name: team-cache # kept as it is" \
    "jobs.yaml: existing imagePullSecrets entry and its comment kept"
  expect_contains "$out/jobs.yaml" "- name: $PULL_SECRET" "jobs.yaml: imagePullSecrets entry added"
  expect_contains "$out/jobs.yaml" 'args: ["--since", "24h"]' "jobs.yaml: flow sequence kept"
  expect_line "$out/jobs.yaml" "# Nightly report, built from our private reporter image." \
    "jobs.yaml: head comment kept"
  # Only the two pull secrets are new.
  local added
  added=$(cd "$out" && find . -type f ! -path './.git/*' | sort | comm -13 \
    <(cd "$KPT_PACKAGE" && find . -type f | sort) - | tr '\n' ' ')
  local n
  n=$(wc -w <<<"$added")
  if [[ $n -eq 2 ]]; then
    pass "two new files: $added"
  else
    fail "new files: \"$added\", want the two pull secrets"
  fi
}
