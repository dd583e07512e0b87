#include "function/license/verify.h"

#include "function/license/base64.h"
#include "function/license/envelope.h"
#include "function/license/hosts.h"
#include "function/license/rsa_pss.h"
#include "function/license/signed_spec.h"

namespace ppi::license {
namespace {

constexpr const char* kSignature = "spec.signature";

LicenseError DoesNotVerify(const std::string& why) {
  return Error(ErrorKind::kBadSignature, kSignature, "license signature does not verify: " + why);
}

// Steps 2 and 3: the trusted key that signed the app key.
std::variant<const TrustedKey*, LicenseError> GlobalKey(const Envelope& envelope, Version v,
                                                        const TrustedKeys& keys) {
  std::vector<const TrustedKey*> candidates = keys.For(envelope.global_key_id);
  if (candidates.empty()) {
    return Error(ErrorKind::kUnknownKey, kSignature,
                 "license is signed by unknown key " + Quote(envelope.global_key_id) +
                     " (not KOTS' Production, Staging or Dev key, nor an extra key)");
  }
  for (const TrustedKey* key : candidates) {
    if (VerifyPss(key->key, DigestOf(v), envelope.public_key_pem, envelope.key_signature)) {
      return key;
    }
  }
  return DoesNotVerify("the app key is not signed by the global key " +
                       Quote(envelope.global_key_id) + " (" + candidates.front()->name + ")");
}

// Step 6 for one signature of entitlement `e`.
std::optional<LicenseError> CheckEntitlementSignature(const EntitlementView& e,
                                                      const Typed& signature, Version v,
                                                      const Envelope& envelope) {
  std::string field = "spec.entitlements." + e.name + ".signature." + SignatureKey(v);
  if (signature.is(Typed::Kind::kAbsent) || signature.is(Typed::Kind::kNull)) return std::nullopt;
  if (!signature.is(Typed::Kind::kString)) {
    return Error(ErrorKind::kMalformed, field, "license " + Quote(field) + " is not a string");
  }
  std::string bytes;
  size_t offset = 0;
  if (!DecodeBase64(signature.text, &bytes, &offset)) {
    return Error(ErrorKind::kBadEncoding, field,
                 "license is not valid base64 at byte " + std::to_string(offset) + " of " + field);
  }
  if (bytes.empty()) return std::nullopt;  // "some old license files did not include" them
  if (VerifyPss(envelope.app_key, DigestOf(v), GoPrint(e.value), bytes)) return std::nullopt;
  return DoesNotVerify("the app key did not sign entitlement " + Quote(e.name));
}

std::optional<LicenseError> CheckEntitlements(const SpecView& outer, const SpecView& signed_spec,
                                              Version v, const Envelope& envelope) {
  for (const EntitlementView& e : signed_spec.entitlements) {
    const EntitlementView* written = outer.Entitlement(e.name);
    for (const Typed* sig : {&e.signature, written ? &written->signature : nullptr}) {
      if (sig == nullptr) continue;
      if (auto error = CheckEntitlementSignature(e, *sig, v, envelope)) return error;
    }
  }
  return std::nullopt;
}

// Steps 8 to 10.
LicenseOutcome Values(const SpecView& s, Version v, const Instant& now) {
  VerifiedLicense out;
  out.version = v;
  out.app_slug = s.Field("appSlug").text;
  out.license_id = s.Field("licenseID").text;
  if (out.app_slug.empty() || out.license_id.empty()) {
    return Error(ErrorKind::kMalformed, kSignature,
                 std::string("license signed data has no ") +
                     (out.app_slug.empty() ? "appSlug" : "licenseID"));
  }
  auto expiry = ReadExpiry(s);
  if (auto* error = std::get_if<LicenseError>(&expiry)) return *error;
  out.expiry = std::get<Expiry>(expiry);
  if (IsExpired(out.expiry, now)) {
    return Error(ErrorKind::kExpired, "spec.entitlements.expires_at.value",
                 "license for app " + Quote(out.app_slug) + " expired on " + out.expiry.text);
  }
  out.license_type = s.Field("licenseType").text;
  out.customer_name = s.Field("customerName").text;
  out.channel_name = s.Field("channelName").text;
  out.license_sequence = std::stoll(s.Field("licenseSequence").text);
  out.endpoint = s.Field("endpoint").text;
  out.is_airgap_supported = s.Field("isAirgapSupported").text == "true";
  Hosts hosts = HostsFromEndpoint(out.endpoint);
  std::string signed_proxy = s.Field("replicatedProxyDomain").text;
  out.proxy_host_signed = !signed_proxy.empty();
  out.proxy_host = out.proxy_host_signed ? signed_proxy : hosts.proxy;
  out.registry_host = hosts.registry;
  return out;
}

LicenseOutcome Verify(const OuterLicense& license, const TrustedKeys& keys, const Instant& now,
                      std::string* signed_license_id) {
  const Version v = license.version;
  auto envelope_or = DecodeEnvelope(license.signature, v);  // step 1
  if (auto* error = std::get_if<LicenseError>(&envelope_or)) return *error;
  const Envelope& envelope = std::get<Envelope>(envelope_or);
  auto key = GlobalKey(envelope, v, keys);  // steps 2, 3
  if (auto* error = std::get_if<LicenseError>(&key)) return *error;
  if (!VerifyPss(envelope.app_key, DigestOf(v), envelope.license_data,
                 envelope.license_signature)) {  // step 4
    return DoesNotVerify("the app key did not sign licenseData");
  }
  auto signed_or = ReadSignedSpec(envelope.license_data, v);  // step 5
  if (auto* error = std::get_if<LicenseError>(&signed_or)) return *error;
  const SpecView& signed_spec = std::get<SpecView>(signed_or);
  *signed_license_id = signed_spec.Field("licenseID").text;
  if (auto error = CheckEntitlements(license.spec, signed_spec, v, envelope)) return *error;
  std::string differs = FirstDifference(license.spec, signed_spec);  // step 7
  if (!differs.empty()) {
    return Error(ErrorKind::kFieldDiffers, "spec." + differs,
                 "license field " + Quote(differs) + " differs from the signed data");
  }
  LicenseOutcome out = Values(signed_spec, v, now);
  if (auto* verified = std::get_if<VerifiedLicense>(&out)) {
    verified->signing_key = std::get<const TrustedKey*>(key)->name;
    verified->global_key_id = envelope.global_key_id;
  }
  return out;
}

}  // namespace

const char* ApiVersionOf(Version v) {
  return v == Version::kV1Beta1 ? "kots.io/v1beta1" : "kots.io/v1beta2";
}

LicenseOutcome VerifyLicense(const OuterLicense& license, const TrustedKeys& keys,
                             const Instant& now) {
  std::string signed_license_id;
  LicenseOutcome out = Verify(license, keys, now, &signed_license_id);
  if (auto* error = std::get_if<LicenseError>(&out)) {
    error->message = Redact(Redact(error->message, license.license_id_text), signed_license_id);
    error->field = Redact(Redact(error->field, license.license_id_text), signed_license_id);
  }
  return out;
}

}  // namespace ppi::license
