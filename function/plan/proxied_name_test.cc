#include "function/plan/proxied_name.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace ppi {
namespace {

constexpr const char* kPort =
    "a registry port cannot be part of a proxied name; exclude the image, or host it on a "
    "registry without a port";
constexpr const char* kIpv6 =
    "an IPv6 registry address cannot be part of a proxied name; exclude the image, or host it on "
    "a registry with a host name";
constexpr const char* kUpper =
    "a registry host in upper case cannot be part of a proxied name; write the host in lower "
    "case";

struct Case {
  std::string source;
  std::string rewritten;
  std::optional<std::string> why;
};

TEST_CASE("RewriteRefusal: a proxied name must be a valid reference") {
  const std::string proxy = "proxy.replicated.com/proxy/app/";
  const std::string digest =
      "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const std::string long_name = proxy + "quay.io/" + std::string(230, 'a');
  std::vector<Case> cases = {
      // Valid: a host name (with dots, or none) in the path, any tag or digest.
      {"quay.io/my-org/api:v1", proxy + "quay.io/my-org/api:v1", std::nullopt},
      {"quay.io/my-org/api:v1" + digest, proxy + "quay.io/my-org/api:v1" + digest, std::nullopt},
      {"myorg/api:1", proxy + "myorg/api:1", std::nullopt},
      {"nginx", proxy + "docker.io/library/nginx", std::nullopt},
      {"localhost/app", proxy + "localhost/app", std::nullopt},
      {"127.0.0.1/app:1", proxy + "127.0.0.1/app:1", std::nullopt},
      // A port in the proxy host itself is fine: it is the name's domain.
      {"quay.io/a:1", "127.0.0.1:5443/proxy/app/quay.io/a:1", std::nullopt},
      // The registry host's own port, IPv6 address or upper case.
      {"registry.example.com:5000/team/app:v1", proxy + "registry.example.com:5000/team/app:v1",
       kPort},
      {"registry:5000/image:tag", proxy + "registry:5000/image:tag", kPort},
      {"localhost:5000/a" + digest, proxy + "localhost:5000/a" + digest, kPort},
      {"127.0.0.1:5000/x/y:z", proxy + "127.0.0.1:5000/x/y:z", kPort},
      {"[::1]:5000/app:v1", proxy + "[::1]:5000/app:v1", kIpv6},
      {"[::1]/app:v1", proxy + "[::1]/app:v1", kIpv6},
      {"Quay.IO/my-org/api:v1", proxy + "Quay.IO/my-org/api:v1", kUpper},
      // Anything else the grammar refuses: its own message.
      {"quay.io/" + std::string(230, 'a'), long_name,
       "it cannot be rewritten: invalid reference \"" + long_name +
           "\": repository name is 269 characters long, at most 255 are allowed"},
  };
  for (const Case& c : cases) {
    INFO(c.source << " -> " << c.rewritten);
    CHECK(RewriteRefusal(c.source, c.rewritten) == c.why);
  }
}

TEST_CASE("RewriteRefusal: the host replaced on the registry host") {
  // registry.replicated.com/… rewritten to a custom registryHost with a port
  // keeps the port in the domain, where it belongs.
  CHECK(RewriteRefusal("registry.replicated.com/app/tool:3",
                       "registry.example.com:8443/app/tool:3") == std::nullopt);
}

TEST_CASE("KeptRefusal: an image left as written that runtimes refuse") {
  CHECK(KeptRefusal("proxy.replicated.com/proxy/app/quay.io/my-org/api:v1") == std::nullopt);
  CHECK(KeptRefusal("registry:5000/image:tag") == std::nullopt);
  // What KOTS writes for a registry with a port.
  CHECK(KeptRefusal("proxy.replicated.com/proxy/app/registry:5000/team/b:2") ==
        "runtimes refuse this reference (a registry port cannot be part of a proxied name); it is "
        "left as written");
  CHECK(KeptRefusal("proxy.replicated.com/proxy/app/[::1]:5000/b") ==
        "runtimes refuse this reference (an IPv6 registry address cannot be part of a proxied "
        "name); it is left as written");
  CHECK(KeptRefusal("nginx:") ==
        "runtimes refuse this reference (invalid reference \"nginx:\": empty tag); it is left as "
        "written");
}

}  // namespace
}  // namespace ppi
