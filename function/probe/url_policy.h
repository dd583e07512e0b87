// Which URLs the prober may fetch: http(s) only, plain http only for hosts
// listed as insecure, and no loopback, link-local or private addresses
// unless the registry itself lives on one of the same kind (the SSRF guard:
// a registry on 127.0.0.1:5000 may use a token server on 127.0.0.1:5001, but
// neither it nor a public registry may send the prober to the metadata
// service at 169.254.169.254).
#pragma once

#include <string>
#include <vector>

#include "function/probe/url.h"

namespace ppi {

enum class AddressScope {
  kNotAnAddress,  // not an IP literal
  kPublic,
  kLoopback,   // 127/8, ::1, "localhost"; 0/8 and ::, which reach this host
  kLinkLocal,  // 169.254/16, fe80::/10
  kPrivate,    // 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7
};

// Classifies an IP literal (v4, v6, v4-mapped v6). Names are kNotAnAddress,
// except "localhost" and "*.localhost", which are kLoopback.
AddressScope ClassifyAddress(const std::string& host);

// "loopback", "link-local", "private" or "public".
const char* AddressScopeName(AddressScope scope);

// True for loopback, link-local and private scopes.
bool IsNonPublic(AddressScope scope);

// Whether a request made for a registry whose own address is of scope
// `registry` may reach an address of scope `scope`: a public (or unknown)
// one always; a non-public one only when the registry is on the same kind.
// A registry on loopback may use loopback, never link-local or private
// addresses; a registry on a private network may use private addresses,
// never loopback; a public registry (kPublic) no non-public address at all.
bool ScopeAllowed(AddressScope scope, AddressScope registry);

// True when `url`'s host appears in `insecure` as "host" (any port) or as
// "host:port".
bool IsInsecureHost(const Url& url, const std::vector<std::string>& insecure);

// Returns "" when `url` may be fetched, else why not, e.g.
// "refused http://169.254.169.254/: link-local address". Non-public address
// literals are allowed only as ScopeAllowed(…, registry_scope) says.
std::string CheckUrl(const Url& url, const std::vector<std::string>& insecure,
                     AddressScope registry_scope);
// The same, with every non-public address allowed (true) or none (false).
std::string CheckUrl(const Url& url, const std::vector<std::string>& insecure,
                     bool allow_private_addresses);

}  // namespace ppi
