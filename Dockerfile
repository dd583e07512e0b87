# Container image of the proxy-private-images KRM function, for kustomize
# (`config.kubernetes.io/function: container:`) and kpt (`kpt fn eval --image`,
# Kptfile `mutators: - image:`).
#
#   docker build -t proxy-private-images:latest \
#     --build-arg VERSION="$(sed -n 's/^project(proxy-private-images VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)" .
#
# (podman: the same, or see tests/container/README.md for a machine without
# a Docker engine or registry access.)
#
# Build arguments:
#   BUILD_IMAGE     Debian 12 image for the build stage (a mirror of debian:bookworm works)
#   RUNTIME_IMAGE   base of the final image; the default, scratch, needs no download
#   VERSION         required; must equal the version in CMakeLists.txt (image label)
#   PPI_BUILD_TESTS ON to build and run the unit tests inside the build stage
#
# The final image holds only the binary, the shared libraries it loads, the CA
# bundle and passwd/group entries for `nobody` (kustomize and kpt run
# functions with `--user nobody`). No shell, no package manager.

ARG BUILD_IMAGE=debian:bookworm
ARG RUNTIME_IMAGE=scratch

# The toolchain and the Debian packages the build needs. A stage of its
# own so that it can be tagged and kept while the sources change.
FROM ${BUILD_IMAGE} AS deps
LABEL org.opencontainers.image.title="proxy-private-images"
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config \
      libyaml-cpp-dev libcurl4-openssl-dev libssl-dev rapidjson-dev catch2 \
      ca-certificates \
 && rm -rf /var/lib/apt/lists/*

FROM deps AS build
WORKDIR /src
COPY . .

ARG VERSION
RUN set -eu; \
    v="$(sed -n 's/^project(proxy-private-images VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)"; \
    if [ -z "${VERSION:-}" ]; then \
      echo "error: pass --build-arg VERSION=$v (the version in CMakeLists.txt)" >&2; exit 1; \
    fi; \
    if [ "$VERSION" != "$v" ]; then \
      echo "error: --build-arg VERSION=$VERSION but CMakeLists.txt says $v" >&2; exit 1; \
    fi

ARG PPI_BUILD_TESTS=OFF
RUN set -eu; \
    cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DPPI_BUILD_TESTS="$PPI_BUILD_TESTS"; \
    cmake --build /build -j"$(nproc)"; \
    if [ "$PPI_BUILD_TESTS" = ON ]; then \
      ctest --test-dir /build --output-on-failure -LE container; \
    fi

# Assemble the runtime file system: the binary, every library ldd names
# (including the dynamic loader), the CA bundle and a minimal /etc.
RUN set -eu; \
    bin=/rootfs/usr/local/bin/proxy-private-images; \
    install -D -m 0755 /build/proxy-private-images "$bin"; \
    strip --strip-unneeded "$bin"; \
    for lib in $(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u); do \
      cp --parents -L "$lib" /rootfs/; \
    done; \
    install -D -m 0644 /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ca-certificates.crt; \
    printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > /rootfs/etc/passwd; \
    printf 'root:x:0:\nnogroup:x:65534:\n' > /rootfs/etc/group; \
    printf 'hosts: files dns\n' > /rootfs/etc/nsswitch.conf; \
    install -d -m 1777 /rootfs/tmp; \
    chroot /rootfs /usr/local/bin/proxy-private-images --version

FROM ${RUNTIME_IMAGE}
ARG VERSION
LABEL org.opencontainers.image.title="proxy-private-images" \
      org.opencontainers.image.description="KRM function: routes private images through a license-aware registry proxy and adds the pull secret" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /rootfs/ /
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/proxy-private-images"]
