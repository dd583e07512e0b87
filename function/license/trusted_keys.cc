#include "function/license/trusted_keys.h"

#include <algorithm>

namespace ppi::license {
namespace {

constexpr std::string_view kIdPrefix = "globalKeyId:";

bool IsBuiltInId(std::string_view id) {
  const auto& keys = BuiltInKeys();
  return std::any_of(keys.begin(), keys.end(), [&](const BuiltInKey& k) { return id == k.id; });
}

size_t LineNumber(std::string_view text, size_t offset) {
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// The id named by the last "globalKeyId:" line in `text`, or "".
std::string LastId(std::string_view text) {
  std::string id;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = Trim(text.substr(pos, nl == std::string_view::npos ? nl : nl - pos));
    if (line.substr(0, kIdPrefix.size()) == kIdPrefix) {
      id = std::string(Trim(line.substr(kIdPrefix.size())));
    }
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return id;
}

LicenseError KeyFileError(std::string_view text, size_t offset, const std::string& why) {
  return Error(
      ErrorKind::kBadKeyFile, "",
      "license key file: the key at line " + std::to_string(LineNumber(text, offset)) + " " + why);
}

}  // namespace

TrustedKeys TrustedKeys::BuiltIn() {
  static const std::vector<TrustedKey> kParsed = [] {
    std::vector<TrustedKey> keys;
    for (const BuiltInKey& k : BuiltInKeys()) {
      keys.push_back({k.id, k.name, RsaPublicKeyFromPem(k.pem)});
    }
    return keys;
  }();
  TrustedKeys out;
  out.keys_ = kParsed;
  return out;
}

std::optional<LicenseError> TrustedKeys::AddKeyFile(std::string_view text) {
  std::vector<TrustedKey> added;
  size_t pos = 0;
  std::string error;
  while (std::optional<PemBlock> block = NextPemBlock(text, pos, &error)) {
    std::string id = LastId(text.substr(pos, block->begin - pos));
    PublicKey key = RsaPublicKeyFromDer(block->der);
    if (key == nullptr) return KeyFileError(text, block->begin, "is not an RSA public key");
    if (IsBuiltInId(id)) {
      return KeyFileError(text, block->begin,
                          "claims the built-in globalKeyId " + Quote(id) + " of KOTS' own keys");
    }
    added.push_back({id, "extra", key});
    pos = block->end;
  }
  if (!error.empty()) {
    size_t begin = text.find("-----BEGIN ", pos);
    return KeyFileError(text, begin == std::string_view::npos ? pos : begin, "is broken: " + error);
  }
  if (added.empty()) {
    return Error(ErrorKind::kBadKeyFile, "", "license key file holds no PEM public key");
  }
  keys_.insert(keys_.end(), added.begin(), added.end());
  return std::nullopt;
}

std::vector<const TrustedKey*> TrustedKeys::For(std::string_view id) const {
  std::vector<const TrustedKey*> out;
  bool built_in = IsBuiltInId(id);
  for (const TrustedKey& k : keys_) {
    if (k.id == id || (!built_in && k.id.empty())) out.push_back(&k);
  }
  return out;
}

}  // namespace ppi::license
