// Parsing follows github.com/distribution/reference (ParseNormalizedNamed):
// split off "@digest", then ":tag" (a ':' after the last '/'), then decide
// whether the first path component is a registry host, then validate each
// part. Every error names the whole input and the part that is wrong.
#include "function/image/image_ref.h"

#include <cstdio>
#include <optional>

#include "function/common/ascii.h"

namespace ppi {
namespace {

constexpr std::string_view kDockerHub = "docker.io";
constexpr std::string_view kLegacyDockerHub = "index.docker.io";
constexpr std::string_view kDockerHubApi = "registry-1.docker.io";
constexpr std::string_view kOfficialPrefix = "library/";
constexpr size_t kMaxNameLength = 255;
constexpr size_t kMaxTagLength = 128;
constexpr size_t kMinOtherDigestHex = 32;

using Problem = std::optional<std::string>;

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLowerAlnum(char c) { return IsLower(c) || IsDigit(c); }
bool IsAlnum(char c) { return IsLowerAlnum(c) || IsUpper(c); }
bool IsWord(char c) { return IsAlnum(c) || c == '_'; }
bool IsLowerHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }
bool IsAnyHex(char c) { return IsLowerHex(c) || (c >= 'A' && c <= 'F'); }

template <typename Pred>
bool All(std::string_view s, Pred pred) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

// Double-quotes s, escaping quotes, backslashes, control characters and
// non-ASCII bytes (none is valid in a reference), so that the message shows
// exactly what was written and is always valid UTF-8.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The character as it would appear inside Quote().
std::string QuoteChar(char c) { return Quote(std::string_view(&c, 1)); }

// domainNameComponent: [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool IsHostLabel(std::string_view label) {
  if (label.empty() || !IsAlnum(label.front()) || !IsAlnum(label.back())) {
    return false;
  }
  return All(label, [](char c) { return IsAlnum(c) || c == '-'; });
}

bool IsHostName(std::string_view host) {
  while (true) {
    size_t dot = host.find('.');
    if (!IsHostLabel(host.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    host.remove_prefix(dot + 1);
  }
}

bool IsPort(std::string_view port) { return !port.empty() && All(port, IsDigit); }

// host[:port] where host is a domain name or a bracketed IPv6 address
// (distribution accepts [a-fA-F0-9:]+ between the brackets).
bool IsDomain(std::string_view domain) {
  std::string_view host = domain;
  std::string_view rest;
  if (!domain.empty() && domain.front() == '[') {
    size_t close = domain.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view inside = domain.substr(1, close - 1);
    if (inside.empty() || !All(inside, [](char c) { return IsAnyHex(c) || c == ':'; })) {
      return false;
    }
    rest = domain.substr(close + 1);
  } else {
    size_t colon = domain.find(':');
    host = domain.substr(0, colon);
    if (!IsHostName(host)) return false;
    if (colon != std::string_view::npos) rest = domain.substr(colon);
  }
  if (rest.empty()) return true;
  return rest.front() == ':' && IsPort(rest.substr(1));
}

bool IsSeparator(char c) { return c == '.' || c == '_' || c == '-'; }

// A separator run between alphanumerics: ".", "_", "__" or one or more '-'.
bool IsSeparatorRun(std::string_view run) {
  if (run == "." || run == "_" || run == "__") return true;
  return All(run, [](char c) { return c == '-'; });
}

// pathComponent: [a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*
Problem PathComponentProblem(std::string_view c) {
  if (c.empty()) return "empty path component";
  for (char ch : c) {
    if (!IsLowerAlnum(ch) && !IsSeparator(ch)) {
      return "invalid character " + QuoteChar(ch) + " in path component " + Quote(c);
    }
  }
  if (!IsLowerAlnum(c.front()) || !IsLowerAlnum(c.back())) {
    return "path component " + Quote(c) + " must start and end with a lowercase letter or digit";
  }
  size_t i = 0;
  while (i < c.size()) {
    if (!IsSeparator(c[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (IsSeparator(c[end])) ++end;  // c.back() is not a separator
    std::string_view run = c.substr(i, end - i);
    if (!IsSeparatorRun(run)) {
      return "invalid separator " + Quote(run) + " in path component " + Quote(c);
    }
    i = end;
  }
  return std::nullopt;
}

Problem PathProblem(std::string_view path) {
  for (char c : path) {
    if (IsUpper(c)) return "repository name must be lowercase";
  }
  while (true) {
    size_t slash = path.find('/');
    if (Problem p = PathComponentProblem(path.substr(0, slash))) return p;
    if (slash == std::string_view::npos) return std::nullopt;
    path.remove_prefix(slash + 1);
  }
}

// tag: [\w][\w.-]{0,127}
Problem TagProblem(std::string_view tag) {
  if (tag.empty()) return "empty tag";
  if (tag.size() > kMaxTagLength) {
    return "tag is " + std::to_string(tag.size()) + " characters long, at most 128 are allowed";
  }
  if (IsWord(tag.front()) && All(tag, [](char c) { return IsWord(c) || c == '.' || c == '-'; })) {
    return std::nullopt;
  }
  return "invalid tag " + Quote(tag) +
         " (letters, digits, '_', '.' and '-', not starting with '.' or '-')";
}

// algorithm: [a-z0-9]+(?:[.+_-][a-z0-9]+)*
bool IsDigestAlgorithm(std::string_view algo) {
  if (algo.empty() || !IsLowerAlnum(algo.front()) || !IsLowerAlnum(algo.back())) {
    return false;
  }
  for (size_t i = 0; i < algo.size(); ++i) {
    char c = algo[i];
    if (IsLowerAlnum(c)) continue;
    if (c != '.' && c != '+' && c != '_' && c != '-') return false;
    if (!IsLowerAlnum(algo[i + 1])) return false;  // back() is alnum
  }
  return true;
}

// The hex length an algorithm requires; 0 for algorithms not registered
// with go-digest, which need at least kMinOtherDigestHex characters.
size_t DigestHexLength(std::string_view algo) {
  if (algo == "sha256") return 64;
  if (algo == "sha384") return 96;
  if (algo == "sha512") return 128;
  return 0;
}

Problem DigestProblem(std::string_view digest) {
  if (digest.empty()) return "empty digest";
  size_t colon = digest.find(':');
  if (colon == std::string_view::npos) {
    return "invalid digest " + Quote(digest) + " (expected algorithm:hex)";
  }
  std::string_view algo = digest.substr(0, colon);
  std::string_view hex = digest.substr(colon + 1);
  if (!IsDigestAlgorithm(algo)) {
    return "invalid digest algorithm " + Quote(algo);
  }
  if (hex.empty()) {
    return "invalid digest " + Quote(digest) + " (no hex after the algorithm)";
  }
  if (!All(hex, IsLowerHex)) {
    return "invalid digest " + Quote(digest) +
           " (the part after the algorithm must be lowercase hex)";
  }
  size_t want = DigestHexLength(algo);
  if (want != 0 && hex.size() != want) {
    return "invalid digest " + Quote(digest) + " (" + std::string(algo) + " needs " +
           std::to_string(want) + " hex characters, got " + std::to_string(hex.size()) + ")";
  }
  if (want == 0 && hex.size() < kMinOtherDigestHex) {
    return "invalid digest " + Quote(digest) + " (needs at least 32 hex characters, got " +
           std::to_string(hex.size()) + ")";
  }
  return std::nullopt;
}

// Problems visible on the whole text before it is split.
Problem TextProblem(std::string_view text) {
  if (text.empty()) return "empty reference";
  if (IsAsciiSpace(text.front()) || IsAsciiSpace(text.back())) {
    return "leading or trailing whitespace";
  }
  size_t scheme = text.find("://");
  if (scheme != std::string_view::npos) {
    return "a scheme (" + Quote(text.substr(0, scheme + 3)) + ") is not part of an image reference";
  }
  if (text.size() == 64 && All(text, IsLowerHex)) {
    return "a 64-character hex string is an image ID, not a repository name";
  }
  return std::nullopt;
}

// Splits written_name into domain and path the way splitDockerDomain does.
void SplitDomain(ImageRef& ref) {
  std::string_view name = ref.written_name;
  size_t slash = name.find('/');
  std::string_view first = name.substr(0, slash);
  bool has_domain = slash != std::string_view::npos &&
                    (first == "localhost" || first.find_first_of(".:") != std::string_view::npos);
  if (has_domain) {
    ref.domain = std::string(first);
    ref.path = std::string(name.substr(slash + 1));
  } else {
    ref.domain = std::string(kDockerHub);
    ref.path = std::string(name);
  }
  if (ref.domain == kLegacyDockerHub) ref.domain = std::string(kDockerHub);
  if (ref.domain == kDockerHub && ref.path.find('/') == std::string::npos) {
    ref.path = std::string(kOfficialPrefix) + ref.path;
  }
}

// Splits "name[:tag][@digest]"; the tag is after a ':' that follows the
// last '/', so a registry port is never mistaken for a tag.
void SplitSuffixes(ImageRef& ref, bool& has_tag, bool& has_digest) {
  std::string_view rest = ref.written;
  size_t at = rest.find('@');
  has_digest = at != std::string_view::npos;
  if (has_digest) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
  }
  size_t colon = rest.rfind(':');
  size_t slash = rest.rfind('/');
  has_tag = colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
  if (has_tag) {
    ref.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  ref.written_name = std::string(rest);
}

Problem RefProblem(ImageRef& ref) {
  bool has_tag = false;
  bool has_digest = false;
  SplitSuffixes(ref, has_tag, has_digest);
  if (ref.written_name.empty()) return "empty name";
  SplitDomain(ref);
  if (!IsDomain(ref.domain)) {
    return "invalid registry host " + Quote(ref.domain);
  }
  if (Problem p = PathProblem(ref.path)) return p;
  if (has_tag) {
    if (Problem p = TagProblem(ref.tag)) return p;
  }
  if (has_digest) {
    if (Problem p = DigestProblem(ref.digest)) return p;
  }
  size_t length = ref.Name().size();
  if (length > kMaxNameLength) {
    return "repository name is " + std::to_string(length) +
           " characters long, at most 255 are allowed";
  }
  return std::nullopt;
}

}  // namespace

std::string ImageRef::Name() const { return domain + "/" + path; }

std::string ImageRef::Normalized() const {
  std::string out = Name();
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

std::string ImageRef::ApiHost() const {
  return domain == kDockerHub ? std::string(kDockerHubApi) : domain;
}

std::string ImageRef::ManifestReference() const {
  if (!digest.empty()) return digest;
  if (!tag.empty()) return tag;
  return "latest";
}

std::string ImageRef::WrittenSuffix() const { return written.substr(written_name.size()); }

std::variant<ImageRef, RefError> ParseImageRef(std::string_view text) {
  Problem problem = TextProblem(text);
  ImageRef ref;
  if (!problem) {
    ref.written = std::string(text);
    problem = RefProblem(ref);
  }
  if (problem) {
    return RefError{"invalid reference " + Quote(text) + ": " + *problem};
  }
  return ref;
}

}  // namespace ppi
