// RSA public keys from PEM text, for the keys that sign a License: the app
// key inside its signature and the trusted global keys.
//   1. A PEM block is a line "-----BEGIN <type>-----", base64 lines, and
//      "-----END <type>-----" with the same type. As with Go's pem.Decode,
//      the type is not checked; spaces and tabs inside the base64 are
//      dropped.
//   2. The block holds a DER X.509 SubjectPublicKeyInfo, and nothing after
//      it, of an RSA key (not RSA-PSS-only, not EC).
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ppi::license {

using PublicKey = std::shared_ptr<EVP_PKEY>;

struct PemBlock {
  std::string type;  // "PUBLIC KEY"
  std::string der;   // the decoded body
  size_t begin = 0;  // offset of the BEGIN line
  size_t end = 0;    // offset just after the END line
};

// The first PEM block at or after `from`; nullopt with `error` empty when
// there is none, with `error` set when one starts but is broken.
std::optional<PemBlock> NextPemBlock(std::string_view text, size_t from, std::string* error);

// Rule 2; nullptr when the DER is not an RSA SubjectPublicKeyInfo.
PublicKey RsaPublicKeyFromDer(std::string_view der);

// The first block of `text`, by rules 1 and 2; nullptr otherwise.
PublicKey RsaPublicKeyFromPem(std::string_view text);

}  // namespace ppi::license
