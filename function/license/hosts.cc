#include "function/license/hosts.h"

#include <cctype>

namespace ppi::license {
namespace {

constexpr std::string_view kOktetoSuffix = ".okteto.repldev.com";

bool IsSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// Go's validUserinfo: unreserved, sub-delims, ':' and '%'.
bool IsUserinfoChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("-._:~!$&'()*+,;=%@").find(c) != std::string_view::npos;
}

// ":" followed by digits, or nothing (Go's validOptionalPort).
bool IsOptionalPort(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() != ':') return false;
  for (char c : s.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// host[:port] or [v6][:port] → the host name; nullopt for a bad port or
// an unclosed bracket.
std::optional<std::string> HostOf(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos || !IsOptionalPort(host.substr(close + 1))) {
      return std::nullopt;
    }
    return std::string(host.substr(1, close - 1));
  }
  size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && !IsOptionalPort(host.substr(colon))) return std::nullopt;
  return std::string(host.substr(0, colon));
}

std::optional<std::string> OktetoNamespace(std::string_view host) {
  if (host.size() <= kOktetoSuffix.size() ||
      host.substr(host.size() - kOktetoSuffix.size()) != kOktetoSuffix) {
    return std::nullopt;
  }
  std::string_view first = host.substr(0, host.size() - kOktetoSuffix.size());
  if (first.find('.') != std::string_view::npos) return std::nullopt;  // not 4 labels
  size_t a = first.find('-');
  size_t b = a == std::string_view::npos ? a : first.find('-', a + 1);
  if (b == std::string_view::npos || first.find('-', b + 1) != std::string_view::npos) {
    return std::nullopt;  // not 3 parts
  }
  return std::string(first.substr(b + 1));
}

}  // namespace

std::optional<std::string> UrlHostname(std::string_view url) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
  }
  size_t colon = url.find(':');
  bool has_scheme = colon != std::string_view::npos && colon > 0 &&
                    std::isalpha(static_cast<unsigned char>(url[0]));
  for (size_t i = 0; has_scheme && i < colon; ++i) has_scheme = IsSchemeChar(url[i]);
  std::string_view rest = has_scheme ? url.substr(colon + 1) : url;
  if (rest.substr(0, 2) != "//") return std::string();  // no authority: no host
  rest.remove_prefix(2);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    for (char c : authority.substr(0, at)) {
      if (!IsUserinfoChar(c)) return std::nullopt;
    }
    authority.remove_prefix(at + 1);
  }
  return HostOf(authority);
}

Hosts HostsFromEndpoint(std::string_view endpoint) {
  Hosts out{"proxy.replicated.com", "registry.replicated.com"};
  std::optional<std::string> host =
      UrlHostname(endpoint.empty() ? "https://replicated.app" : endpoint);
  if (!host) return out;
  if (*host == "staging.replicated.app") {
    return {"proxy.staging.replicated.com", "registry.staging.replicated.com"};
  }
  if (std::optional<std::string> ns = OktetoNamespace(*host)) {
    return {"registry-proxy-" + *ns + ".okteto.repldev.com",
            "vendor-registry-v2-" + *ns + ".okteto.repldev.com"};
  }
  return out;
}

}  // namespace ppi::license
