// The License decoders: base64, the signature's JSON layers, PEM keys and
// key files, the signed data and the whole License text. The first byte
// picks the decoder, the rest is its input.
//   0: base64: what decodes encodes back to itself; line breaks never
//      matter; an error's offset lies within the input
//   1: the signature JSON (OUTER, base64-wrapped for the decoder)
//   2: a key file and a PEM key: a refused file adds no key
//   3: a License's text, verified against the built-in keys, and its
//      signed data
// Every refusal has a message.
#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "function/license/base64.h"
#include "function/license/envelope.h"
#include "function/license/license_item.h"
#include "function/license/signed_spec.h"
#include "function/license/trusted_keys.h"
#include "function/pull_secret.h"

namespace {

using namespace ppi::license;

void Require(bool ok) {
  if (!ok) std::abort();
}

void FuzzBase64(std::string_view text) {
  std::string out, again, no_breaks;
  size_t bad = 0;
  bool ok = DecodeBase64(text, &out, &bad);
  if (!ok) Require(bad <= text.size());
  for (char c : text) {
    if (c != '\n' && c != '\r') no_breaks.push_back(c);
  }
  size_t bad2 = 0;
  Require(DecodeBase64(no_breaks, &again, &bad2) == ok);
  if (!ok) return;
  Require(again == out);
  Require(DecodeBase64(ppi::Base64(out), &again, &bad2) && again == out);
}

template <typename T>
void RequireMessage(const T& outcome) {
  if (const auto* e = std::get_if<LicenseError>(&outcome)) Require(!e->message.empty());
}

void FuzzKeys(std::string_view text) {
  TrustedKeys keys = TrustedKeys::BuiltIn();
  std::optional<LicenseError> error = keys.AddKeyFile(text);
  Require(error ? keys.size() == 3 && !error->message.empty() : keys.size() > 3);
  for (const TrustedKey* k : keys.For(""))
    Require(EVP_PKEY_get_base_id(k->key.get()) == EVP_PKEY_RSA);
  PublicKey key = RsaPublicKeyFromPem(text);
  if (key) Require(EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_RSA);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  Version v = data[0] & 4 ? Version::kV1Beta2 : Version::kV1Beta1;
  switch (data[0] % 4) {
    case 0:
      FuzzBase64(input);
      break;
    case 1:
      RequireMessage(DecodeEnvelope(ppi::Base64(input), v));
      break;
    case 2:
      FuzzKeys(input);
      break;
    case 3: {
      static const TrustedKeys keys = TrustedKeys::BuiltIn();
      RequireMessage(VerifyLicenseText(input, keys, Instant{1767225600, 0}));
      RequireMessage(ReadSignedSpec(input, v));
      break;
    }
  }
  return 0;
}
