#include "function/cli/help.h"

#include "function/config/settings.h"

namespace ppi {

std::string Version() { return PPI_VERSION; }

std::string Usage() {
  return std::string("proxy-private-images " PPI_VERSION
                     "\n"
                     "\n"
                     "A KRM function (kustomize, kpt) that rewrites private images to a\n"
                     "license-aware pull-through proxy and adds an imagePullSecret built\n"
                     "from the license.\n"
                     "\n"
                     "Usage:\n"
                     "  proxy-private-images               ResourceList on stdin -> stdout\n"
                     "  proxy-private-images probe [--json] [--record FILE] IMAGE...\n"
                     "  proxy-private-images --help | --version\n"
                     "\n"
                     "Configuration: a ConfigMap's data, or kind ") +
         kConfigKind + " (apiVersion " + kApiVersion +
         ") with the same keys under spec (lists may be YAML lists):\n"
         "  appSlug             used in proxied names and the Secret name; required\n"
         "                      unless a License gives it\n"
         "  licenseID           the license ID (the Secret's password)\n"
         "  licenseIDEnv        environment variable holding it (default LICENSE_ID)\n"
         "  licenseFile         a KOTS License file (instead of a License item with\n"
         "                      config.kubernetes.io/local-config: \"true\" in the input);\n"
         "                      it gives appSlug, the license ID and the hosts\n"
         "  licenseKeyFile      PEM public keys trusted beside KOTS' own\n"
         "  proxyHost           default proxy.replicated.com\n"
         "  registryHost        default registry.replicated.com\n"
         "  pullSecretName      default <appSlug>-registry\n"
         "  pullSecretUsername  default LICENSE_ID\n"
         "  attachPullSecret    needed (default) | all\n"
         "  private, public, exclude   comma-separated patterns on domain/path;\n"
         "                      '*' matches any run of characters, '/' included\n"
         "  proxyAll            true | false (default): proxy every image not\n"
         "                      excluded, public, on registryHost or already proxied\n"
         "  dockerHubNames      as-written (default) | normalized\n"
         "  imageFields         Kind:path entries for images in custom resources,\n"
         "                      e.g. Prometheus:spec.image, App:spec.workers[].image\n"
         "  probe               online (default) | offline\n"
         "  probeTimeoutSeconds default 10;  probeConcurrency  default 64\n"
         "  insecureRegistries  hosts (host or host:port) allowed over plain HTTP\n"
         "  caFile              extra CA bundle, on top of the system store\n"
         "  onMissing           proxy (default) | keep | fail\n"
         "  onUnreachable       proxy | keep | fail (default)\n"
         "  onRateLimited       proxy (default) | keep | fail\n"
         "\n"
         "\n"
         "Limits (environment variables): PPI_MAX_INPUT_BYTES (default 64 MiB),\n"
         "PPI_MAX_DEPTH (200), PPI_MAX_ITEMS (1000000). PPI_NOW (RFC 3339, e.g.\n"
         "2025-01-01T00:00:00Z) pins the clock for License expiry and the probe\n"
         "record's times.\n"
         "\n"
         "Exit code 1 when any result is an error; the output is then the input\n"
         "unchanged, with the results.\n";
}

}  // namespace ppi
