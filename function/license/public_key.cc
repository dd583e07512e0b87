#include "function/license/public_key.h"

#include <openssl/err.h>
#include <openssl/x509.h>

#include "function/license/base64.h"

namespace ppi::license {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

// Offset of `what` at the start of a line, at or after `from`.
size_t FindAtLineStart(std::string_view text, std::string_view what, size_t from) {
  for (size_t p = text.find(what, from); p != std::string_view::npos; p = text.find(what, p + 1)) {
    if (p == 0 || text[p - 1] == '\n') return p;
  }
  return std::string_view::npos;
}

// The line at `pos` without its line break and trailing spaces.
std::string_view LineAt(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

size_t AfterLine(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

}  // namespace

std::optional<PemBlock> NextPemBlock(std::string_view text, size_t from, std::string* error) {
  error->clear();
  size_t begin = FindAtLineStart(text, kBegin, from);
  if (begin == std::string_view::npos) return std::nullopt;
  std::string_view line = LineAt(text, begin);
  if (line.size() < kBegin.size() + kDashes.size() ||
      line.substr(line.size() - kDashes.size()) != kDashes) {
    *error = "its BEGIN line does not end with -----";
    return std::nullopt;
  }
  PemBlock block;
  block.begin = begin;
  block.type = line.substr(kBegin.size(), line.size() - kBegin.size() - kDashes.size());
  size_t body = AfterLine(text, begin);
  std::string end_line = std::string(kEnd) + block.type + std::string(kDashes);
  size_t end = FindAtLineStart(text, end_line, body);
  if (end == std::string_view::npos || LineAt(text, end) != end_line) {
    *error = "it has no " + end_line + " line";
    return std::nullopt;
  }
  std::string base64;
  for (char c : text.substr(body, end - body)) {
    if (c != ' ' && c != '\t') base64.push_back(c);
  }
  size_t bad = 0;
  if (!DecodeBase64(base64, &block.der, &bad)) {
    *error = "its body is not valid base64";
    return std::nullopt;
  }
  block.end = AfterLine(text, end);
  return block;
}

PublicKey RsaPublicKeyFromDer(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* const end = p + der.size();
  EVP_PKEY* key = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
  ERR_clear_error();
  PublicKey out(key, EVP_PKEY_free);
  if (key == nullptr || p != end || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) return nullptr;
  return out;
}

PublicKey RsaPublicKeyFromPem(std::string_view text) {
  std::string error;
  std::optional<PemBlock> block = NextPemBlock(text, 0, &error);
  return block ? RsaPublicKeyFromDer(block->der) : nullptr;
}

}  // namespace ppi::license
