#include "function/probe/url_policy.h"

#include <arpa/inet.h>

#include <cstdint>
#include <cstring>

namespace ppi {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

AddressScope ClassifyV4(const unsigned char* a) {
  // 0.0.0.0/8 is "this host": connecting to 0.0.0.0 reaches loopback.
  if (a[0] == 127 || a[0] == 0) return AddressScope::kLoopback;
  if (a[0] == 169 && a[1] == 254) return AddressScope::kLinkLocal;
  if (a[0] == 10) return AddressScope::kPrivate;
  if (a[0] == 172 && (a[1] & 0xf0) == 16) return AddressScope::kPrivate;
  if (a[0] == 192 && a[1] == 168) return AddressScope::kPrivate;
  if (a[0] == 100 && (a[1] & 0xc0) == 64) return AddressScope::kPrivate;
  return AddressScope::kPublic;
}

AddressScope ClassifyV6(const unsigned char* a) {
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, kMapped, 12) == 0) return ClassifyV4(a + 12);
  bool zero_prefix = true;
  for (int i = 0; i < 15; ++i) zero_prefix = zero_prefix && a[i] == 0;
  // :: (unspecified) reaches this host, like 0.0.0.0.
  if (zero_prefix && (a[15] == 1 || a[15] == 0)) return AddressScope::kLoopback;
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return AddressScope::kLinkLocal;
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return AddressScope::kPrivate;
  if ((a[0] & 0xfe) == 0xfc) return AddressScope::kPrivate;
  return AddressScope::kPublic;
}

}  // namespace

AddressScope ClassifyAddress(const std::string& host) {
  if (host == "localhost" || EndsWith(host, ".localhost")) {
    return AddressScope::kLoopback;
  }
  unsigned char bytes[16];
  if (inet_pton(AF_INET, host.c_str(), bytes) == 1) return ClassifyV4(bytes);
  if (inet_pton(AF_INET6, host.c_str(), bytes) == 1) return ClassifyV6(bytes);
  return AddressScope::kNotAnAddress;
}

const char* AddressScopeName(AddressScope scope) {
  switch (scope) {
    case AddressScope::kLoopback:
      return "loopback";
    case AddressScope::kLinkLocal:
      return "link-local";
    case AddressScope::kPrivate:
      return "private";
    default:
      return "public";
  }
}

bool IsNonPublic(AddressScope scope) {
  return scope == AddressScope::kLoopback || scope == AddressScope::kLinkLocal ||
         scope == AddressScope::kPrivate;
}

bool ScopeAllowed(AddressScope scope, AddressScope registry) {
  return !IsNonPublic(scope) || scope == registry;
}

bool IsInsecureHost(const Url& url, const std::vector<std::string>& insecure) {
  std::string host = BracketHost(url.host);
  std::string host_port = host + ":" + url.EffectivePort();
  for (const std::string& entry : insecure) {
    if (entry == host || entry == host_port) return true;
  }
  return false;
}

namespace {

std::string Check(const Url& url, const std::vector<std::string>& insecure, bool allow_any,
                  AddressScope registry_scope) {
  std::string refused = "refused " + url.ToString() + ": ";
  if (url.scheme != "https" && url.scheme != "http") {
    return refused + "scheme " + url.scheme + " is not allowed";
  }
  if (url.scheme == "http" && !IsInsecureHost(url, insecure)) {
    return refused + "plain http to a host not listed as insecure";
  }
  AddressScope scope = ClassifyAddress(url.host);
  if (!allow_any && !ScopeAllowed(scope, registry_scope)) {
    return refused + AddressScopeName(scope) + " address";
  }
  return "";
}

}  // namespace

std::string CheckUrl(const Url& url, const std::vector<std::string>& insecure,
                     AddressScope registry_scope) {
  return Check(url, insecure, false, registry_scope);
}

std::string CheckUrl(const Url& url, const std::vector<std::string>& insecure,
                     bool allow_private_addresses) {
  return Check(url, insecure, allow_private_addresses, AddressScope::kPublic);
}

}  // namespace ppi
