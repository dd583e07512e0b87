// Verifying a KOTS License and taking what the function needs from its
// signed data. Every step must pass before any value is used; the policy
// is stricter than KOTS', which only warns when the License as written
// differs from its signed data:
//  1. Unwrap spec.signature (envelope.h): the signed data, the app key, and
//     the global key's signature over the app key with its globalKeyId.
//  2. globalKeyId names a trusted key (trusted_keys.h), else the License is
//     "signed by unknown key".
//  3. Step A: that key signs the exact text of the app key (rsa_pss.h).
//  4. Step B: the app key signs the exact bytes of the signed data.
//  5. The signed data is read as KOTS' structs read it (signed_spec.h).
//  6. Each entitlement signature (signature.v1 or .v2, in the License as
//     written or in the signed data; empty ones are skipped) is the app
//     key's signature over the signed value as Go prints it ("<nil>" for
//     a v1beta1 value that is not set).
//  7. Strict: every compared field of the License as written equals the
//     signed one, types included (license_spec.h), else it is refused,
//     naming the field: the values used are the signed ones, and a License
//     that says otherwise than what was signed has been edited.
//  8. The signed appSlug and licenseID are not empty.
//  9. Expiry (expiry.h): refused when expires_at is before `now`.
// 10. Hosts (hosts.h): the signed replicatedProxyDomain, else the endpoint.
// Digests are MD5 for kots.io/v1beta1 and SHA-256 for kots.io/v1beta2.
// No message holds the license ID, as written or as signed.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "function/license/expiry.h"
#include "function/license/instant.h"
#include "function/license/license_error.h"
#include "function/license/license_spec.h"
#include "function/license/trusted_keys.h"

namespace ppi::license {

// A License as written, read from YAML (license_item.h).
struct OuterLicense {
  Version version = Version::kV1Beta1;
  std::string signature;  // spec.signature's text
  SpecView spec;
  std::string license_id_text;  // spec.licenseID as written, to keep it out of messages
};

// What a verified License says, every value from its signed data.
struct VerifiedLicense {
  Version version = Version::kV1Beta1;
  std::string app_slug;
  std::string license_id;  // the pull secret's password: never print it
  std::string license_type;
  std::string customer_name;
  std::string channel_name;
  long long license_sequence = 0;
  std::string endpoint;  // as signed; "" means https://replicated.app
  Expiry expiry;
  std::string signing_key;  // "Production", "Staging", "Dev" or "extra"
  std::string global_key_id;
  std::string proxy_host;
  bool proxy_host_signed = false;  // from replicatedProxyDomain, not the endpoint
  std::string registry_host;
  bool is_airgap_supported = false;
};

using LicenseOutcome = std::variant<VerifiedLicense, LicenseError>;

LicenseOutcome VerifyLicense(const OuterLicense& license, const TrustedKeys& keys,
                             const Instant& now);

// "kots.io/v1beta1" or "kots.io/v1beta2".
const char* ApiVersionOf(Version v);

}  // namespace ppi::license
