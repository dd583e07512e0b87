#include "function/probe/url.h"

#include <cctype>

#include "function/common/ascii.h"

namespace ppi {
namespace {

bool IsSchemeChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// Length of "scheme:" at the start of `text`, or 0.
size_t SchemeLength(const std::string& text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return 0;
  size_t i = 1;
  while (i < text.size() && IsSchemeChar(text[i])) ++i;
  return i < text.size() && text[i] == ':' ? i : 0;
}

bool ParseHostPort(const std::string& authority, Url* out) {
  if (authority.find('@') != std::string::npos) return false;
  std::string rest;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string::npos || close == 1) return false;
    out->host = AsciiLower(authority.substr(1, close - 1));
    rest = authority.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') return false;
  } else {
    size_t colon = authority.find(':');
    out->host = AsciiLower(authority.substr(0, colon));
    if (colon != std::string::npos) rest = authority.substr(colon);
  }
  if (out->host.empty()) return false;
  for (char c : out->host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_' &&
        c != ':' && c != '%') {
      return false;
    }
  }
  if (rest.empty()) return true;
  out->port = rest.substr(1);
  if (out->port.empty() || out->port.size() > 5) return false;
  for (char c : out->port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return std::stoi(out->port) <= 65535;
}

}  // namespace

std::string BracketHost(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

std::string Url::Authority() const {
  return port.empty() ? BracketHost(host) : BracketHost(host) + ":" + port;
}

std::string Url::EffectivePort() const {
  if (!port.empty()) return port;
  return scheme == "https" ? "443" : scheme == "http" ? "80" : "";
}

std::string Url::Origin() const {
  return scheme + "://" + BracketHost(host) + ":" + EffectivePort();
}

std::string Url::ToString() const { return scheme + "://" + Authority() + path_query; }

bool ParseUrl(const std::string& text, Url* out) {
  *out = Url{};
  size_t scheme_len = SchemeLength(text);
  if (scheme_len == 0 || text.compare(scheme_len, 3, "://") != 0) return false;
  out->scheme = AsciiLower(text.substr(0, scheme_len));
  size_t start = scheme_len + 3;
  size_t end = text.find_first_of("/?#", start);
  if (!ParseHostPort(text.substr(start, end - start), out)) return false;
  std::string path = end == std::string::npos ? "" : text.substr(end, text.find('#', end) - end);
  if (path.empty() || path[0] != '/') path = "/" + path;
  for (char c : path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  out->path_query = path;
  return true;
}

bool ResolveUrl(const Url& base, const std::string& location, Url* out) {
  if (SchemeLength(location) > 0) return ParseUrl(location, out);
  if (location.compare(0, 2, "//") == 0) {
    return ParseUrl(base.scheme + ":" + location, out);
  }
  std::string prefix = base.scheme + "://" + base.Authority();
  if (!location.empty() && location[0] == '/') {
    return ParseUrl(prefix + location, out);
  }
  std::string dir = base.path_query.substr(0, base.path_query.find('?'));
  dir = dir.substr(0, dir.rfind('/') + 1);
  return ParseUrl(prefix + dir + location, out);
}

std::string QueryEscape(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string escaped;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      escaped += static_cast<char>(c);
    } else {
      escaped += '%';
      escaped += kHex[c >> 4];
      escaped += kHex[c & 15];
    }
  }
  return escaped;
}

}  // namespace ppi
