#!/usr/bin/env bash
# A `docker` command that runs podman, for kustomize and kpt on machines
# with podman but no Docker engine. The container test links it as "docker"
# in a directory first on PATH; it works the same way by hand.
#
# kustomize (`container:` functions) and kpt (`--image`, Kptfile `image:`)
# pass their arguments through unchanged; podman accepts all of them:
#   kustomize: run --rm -i -a STDIN -a STDOUT -a STDERR --network none|host
#              --user nobody --security-opt=no-new-privileges
#              -e LOG_TO_STDERR=true -e STRUCTURED_RESULTS=true IMAGE
#   kpt:       version --format {{.Client.Version}}
#              run --rm -i --network none|host --user nobody
#              --security-opt=no-new-privileges --pull missing|always|never IMAGE
#
# kpt refuses a docker client older than 20.10, and podman reports its own
# version (4.x) there, so that one query is answered with the Docker CLI
# version whose interface podman implements. (`KPT_FN_RUNTIME=podman` makes
# kpt call podman directly instead.)
#
# Environment:
#   CONTAINERS_CONF   podman settings (runtime, ulimits); passed on as it is
#   PPI_SHIM_PODMAN   the podman command (default: podman)
#   PPI_SHIM_LOG      if set, each call's arguments are appended, one per
#                     line, followed by a line "--end--"
#   PPI_SHIM_CAPTURE  if set, a directory: `run` calls keep their stdin and
#                     stdout there as N.in and N.out
set -uo pipefail

podman=${PPI_SHIM_PODMAN:-podman}

if [[ -n ${PPI_SHIM_LOG:-} ]]; then
  { printf '%s\n' "$@"; echo "--end--"; } >>"$PPI_SHIM_LOG"
fi

if [[ $# -eq 3 && $1 == version && $2 == --format && $3 == '{{.Client.Version}}' ]]; then
  echo 20.10.0
  exit 0
fi

if [[ ${1:-} == run && -n ${PPI_SHIM_CAPTURE:-} ]]; then
  n=$(find "$PPI_SHIM_CAPTURE" -maxdepth 1 -name '*.in' | wc -l)
  n=$((n + 1))
  tee "$PPI_SHIM_CAPTURE/$n.in" | "$podman" "$@" | tee "$PPI_SHIM_CAPTURE/$n.out"
  exit "${PIPESTATUS[1]}"
fi

exec "$podman" "$@"
