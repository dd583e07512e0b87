// RSA-PSS verification with the parameters KOTS signs with
// (KOTS-LICENSE.md §3.1, Go's rsa.VerifyPSS with PSSSaltLengthAuto):
//   1. The digest is MD5 (kots.io/v1beta1) or SHA-256 (kots.io/v1beta2),
//      over the exact bytes of the message.
//   2. MGF1 uses the same digest.
//   3. The salt length is detected from the signature (RSA_PSS_SALTLEN_AUTO):
//      the server uses the largest salt (238 bytes for MD5, 222 for SHA-256
//      with a 2048-bit key), so RSA_PSS_SALTLEN_DIGEST would refuse every
//      real License.
//   4. A signature whose length is not the key's size is invalid.
// Only OpenSSL's EVP interface is used.
#pragma once

#include <string_view>

#include "function/license/license_spec.h"
#include "function/license/public_key.h"

namespace ppi::license {

enum class Digest { kMd5, kSha256 };

inline Digest DigestOf(Version v) {
  return v == Version::kV1Beta1 ? Digest::kMd5 : Digest::kSha256;
}

bool VerifyPss(const PublicKey& key, Digest digest, std::string_view message,
               std::string_view signature);

}  // namespace ppi::license
