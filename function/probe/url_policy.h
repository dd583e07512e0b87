// Which URLs the prober may fetch: http(s) only, plain http only for hosts
// listed as insecure, and no loopback, link-local or private addresses
// unless the registry itself lives on one (the SSRF guard).
#pragma once

#include <string>
#include <vector>

#include "function/probe/url.h"

namespace ppi {

enum class AddressScope {
  kNotAnAddress,  // not an IP literal
  kPublic,
  kLoopback,   // 127/8, ::1, "localhost"
  kLinkLocal,  // 169.254/16, fe80::/10
  kPrivate,    // 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, 0/8, ::
};

// Classifies an IP literal (v4, v6, v4-mapped v6). Names are kNotAnAddress,
// except "localhost" and "*.localhost", which are kLoopback.
AddressScope ClassifyAddress(const std::string& host);

// "loopback", "link-local", "private" or "public".
const char* AddressScopeName(AddressScope scope);

// True for loopback, link-local and private scopes.
bool IsNonPublic(AddressScope scope);

// True when `url`'s host appears in `insecure` as "host" (any port) or as
// "host:port".
bool IsInsecureHost(const Url& url, const std::vector<std::string>& insecure);

// Returns "" when `url` may be fetched, else why not, e.g.
// "refused http://169.254.169.254/: link-local address".
std::string CheckUrl(const Url& url, const std::vector<std::string>& insecure,
                     bool allow_private_addresses);

}  // namespace ppi
