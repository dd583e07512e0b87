// Why a License was refused. The message says what is wrong and never
// holds the license ID (VerifyLicense removes it from every message).
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace ppi::license {

enum class ErrorKind {
  kNotALicense,   // wrong kind or apiVersion, no spec
  kMalformed,     // a field missing or of the wrong type
  kBadEncoding,   // base64, JSON or PEM that does not decode
  kUnsupported,   // the pre-licenseData signature format
  kUnknownKey,    // globalKeyId names no trusted key
  kBadSignature,  // a signature that does not verify
  kFieldDiffers,  // the License as written differs from its signed data
  kExpired,       // expires_at is before now
  kBadExpiry,     // expires_at is not a string or not RFC 3339
  kBadKeyFile,    // an extra key file that cannot be read
};

struct LicenseError {
  ErrorKind kind;
  std::string field;    // where in the License, e.g. "spec.endpoint"; may be ""
  std::string message;  // e.g. license field "endpoint" differs from the signed data
};

inline LicenseError Error(ErrorKind kind, std::string field, std::string message) {
  return {kind, std::move(field), std::move(message)};
}

// `text` with every occurrence of `secret` replaced by "(redacted)".
std::string Redact(std::string text, std::string_view secret);

// `s` in double quotes with JSON escapes, for names inside messages.
std::string Quote(std::string_view s);

}  // namespace ppi::license
