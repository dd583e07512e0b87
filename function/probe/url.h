// Absolute URLs as the prober uses them: parsing, origins, resolving a
// redirect's Location, and query escaping.
#pragma once

#include <string>

namespace ppi {

struct Url {
  std::string scheme;      // lowercase, e.g. "https"
  std::string host;        // lowercase; IPv6 without brackets
  std::string port;        // digits, "" when absent
  std::string path_query;  // starts with "/"; no fragment

  // "host" or "host:port" as written in a URL ("[::1]:5000").
  std::string Authority() const;
  // The port, or the scheme's default ("443", "80").
  std::string EffectivePort() const;
  // scheme://host:effective-port: what "the same host" means for headers.
  std::string Origin() const;
  std::string ToString() const;
};

// Parses an absolute URL. Fails (returns false) on a missing scheme or host,
// a bad port, or user information ("user:pass@"), which the prober never
// sends.
bool ParseUrl(const std::string& text, Url* out);

// Resolves a Location header against the URL that answered. Returns false
// when the result is not a parseable absolute URL.
bool ResolveUrl(const Url& base, const std::string& location, Url* out);

// Percent-encodes everything except RFC 3986 unreserved characters.
std::string QueryEscape(const std::string& text);

// Wraps an IPv6 literal in brackets; other hosts are returned unchanged.
std::string BracketHost(const std::string& host);

}  // namespace ppi
