// The proxy a request goes through, decided from the environment the way
// libcurl decides it (https_proxy / HTTPS_PROXY, http_proxy, all_proxy /
// ALL_PROXY, no_proxy / NO_PROXY). The prober sets the decision on each
// request explicitly, so it knows whether the address it connects to is the
// registry's or the proxy's.
#pragma once

#include <functional>
#include <string>

#include "function/probe/url.h"

namespace ppi {

using EnvLookup = std::function<std::string(const char* name)>;

// The process environment.
std::string GetEnv(const char* name);

// True when the no_proxy list (comma or space separated; "*", names that
// match themselves and their subdomains, IPs, CIDR ranges) covers `host`.
bool NoProxyMatches(const std::string& no_proxy, const std::string& host);

// The proxy URL for `url`, or "" for a direct connection.
std::string ProxyFor(const Url& url, const EnvLookup& env = GetEnv);

}  // namespace ppi
