// The proxy and registry hosts a License implies.
//
// From the endpoint, as KOTS derives them (pkg/docker/registry, KOTS-LICENSE.md §6):
//   1. "" means https://replicated.app.
//   2. The host name of the URL (Go's url.Parse and Hostname: no port, no
//      brackets, user info dropped); a URL that does not parse gives the
//      defaults.
//   3. staging.replicated.app: registry.staging.replicated.com and
//      proxy.staging.replicated.com.
//   4. <a>-<b>-<ns>.okteto.repldev.com (four labels, the first of three
//      '-'-separated parts): vendor-registry-v2-<ns>.okteto.repldev.com and
//      registry-proxy-<ns>.okteto.repldev.com.
//   5. Anything else: registry.replicated.com and proxy.replicated.com.
//
// The proxy host is the signed replicatedProxyDomain when the License has
// one, which KOTS does not do (it only takes the proxy domain from the
// release download's headers): the signed value is the channel's custom
// proxy domain, and it is as trustworthy as the license ID itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ppi::license {

struct Hosts {
  std::string proxy;
  std::string registry;
};

Hosts HostsFromEndpoint(std::string_view endpoint);

// Step 2: the host name of `url`, or nullopt when Go's url.Parse would
// fail on it (control characters, bad user info, an unclosed '[').
std::optional<std::string> UrlHostname(std::string_view url);

}  // namespace ppi::license
