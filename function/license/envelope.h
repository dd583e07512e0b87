// The signature of a License, unwrapped (KOTS-LICENSE.md §2). spec.signature
// holds three nested JSON objects, each base64-wrapped:
//
//   spec.signature = b64( {"licenseData": b64(LICENSE_DATA),
//                          "innerSignature": b64(INNER)} )
//   INNER (v1beta1) = {"licenseSignature": b64(sig), "publicKey": "<PEM>",
//                      "keySignature": b64(KEYSIG)}
//   INNER (v1beta2) = the same with "v2LicenseSignature", "v2KeySignature"
//   KEYSIG = {"signature": b64(sig), "globalKeyId": "<id>"}
//
// The app key (publicKey) signs LICENSE_DATA; the global key named by
// globalKeyId signs the exact text of publicKey. Decoding checks shapes
// only: no signature is verified here.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "function/license/license_error.h"
#include "function/license/license_spec.h"
#include "function/license/public_key.h"

namespace ppi::license {

struct Envelope {
  std::string license_data;       // the exact signed bytes
  std::string license_signature;  // by the app key, over license_data
  std::string public_key_pem;     // the app key, exactly as signed
  PublicKey app_key;
  std::string key_signature;  // by the global key, over public_key_pem
  std::string global_key_id;
};

// `signature` is spec.signature's text (line breaks allowed, base64.h).
std::variant<Envelope, LicenseError> DecodeEnvelope(std::string_view signature, Version v);

}  // namespace ppi::license
