#!/usr/bin/env bash
# Stands in for `docker run` when kustomize runs a `container:` function.
# The tests link it as "docker" in a directory placed first on PATH.
#
# It logs its arguments to $PPI_SHIM_LOG (one per line, then a line
# "--end--"), and runs $PPI_BIN with stdin and stdout passed through, in an
# environment holding only what `-e` gives it (as a container would), from
# the root directory. Any docker option is accepted and ignored; the first
# argument that is not an option is the image, and the arguments after it go
# to the function.
set -euo pipefail

: "${PPI_BIN:?PPI_BIN must name the function binary}"

if [[ -n ${PPI_SHIM_LOG:-} ]]; then
  { printf '%s\n' "$@"; echo "--end--"; } >>"$PPI_SHIM_LOG"
fi

[[ ${1:-} == run ]] || {
  echo "docker shim: only 'run' is supported, got: $*" >&2
  exit 125
}
shift

container_env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/)
image=
while [[ $# -gt 0 ]]; do
  case $1 in
    -e | --env)
      if [[ $2 == *=* ]]; then
        container_env+=("$2")
      elif [[ -n ${!2+set} ]]; then
        container_env+=("$2=${!2}")
      fi
      shift 2
      ;;
    --env=*)
      container_env+=("${1#--env=}")
      shift
      ;;
    -a | --attach | --network | --net | --user | -u | --mount | -v | --volume | \
      --name | --entrypoint | -w | --workdir | --platform | --pull | --security-opt | \
      --cpus | -m | --memory | --stop-timeout)
      shift 2
      ;;
    -*)
      shift
      ;;
    *)
      image=$1
      shift
      break
      ;;
  esac
done

case ${image##*/} in
  proxy-private-images | proxy-private-images:* | proxy-private-images@*) ;;
  *)
    echo "docker shim: unexpected image \"$image\"" >&2
    exit 125
    ;;
esac

cd /
exec env -i "${container_env[@]}" "$PPI_BIN" "$@"
