// The real signed Licenses of testdata/licenses (see its NOTICE.md).
#include <catch2/catch.hpp>

#include "function/license/license_item.h"
#include "function/license/test_files.h"
#include "function/license/test_signer.h"

namespace ppi::license {
namespace {

using testing::At;
using testing::ReadTestFile;

TrustedKeys WithKotsTestKey() {
  TrustedKeys keys = TrustedKeys::BuiltIn();
  REQUIRE(!keys.AddKeyFile(ReadTestFile("test-global-key.pem")).has_value());
  return keys;
}

TEST_CASE("valid.yaml verifies with the built-in Production key") {
  LicenseOutcome out = VerifyLicenseText(ReadTestFile("valid.yaml"), TrustedKeys::BuiltIn(),
                                         At("2026-06-01T00:00:00Z"));
  REQUIRE(std::holds_alternative<VerifiedLicense>(out));
  const VerifiedLicense& l = std::get<VerifiedLicense>(out);
  CHECK(l.version == Version::kV1Beta1);
  CHECK(l.app_slug == "my-app");
  CHECK(l.license_id == "1vusOokxAVp1tkRGuyxnF23PJcq");
  CHECK(l.license_type == "prod");
  CHECK(l.customer_name == "Test Customer");
  CHECK(l.channel_name == "My Channel");
  CHECK(l.license_sequence == 7);
  CHECK(l.endpoint == "https://replicated.app");
  CHECK(l.expiry.text == "2030-07-27T00:00:00Z");
  REQUIRE(l.expiry.at.has_value());
  CHECK(l.expiry.at->seconds == 1911340800);
  CHECK(l.signing_key == "Production");
  CHECK(l.global_key_id == "bdee56560cfb43c9b28bf98eacafa646");
  CHECK(l.proxy_host == "proxy.replicated.com");
  CHECK(!l.proxy_host_signed);
  CHECK(l.registry_host == "registry.replicated.com");
  CHECK(l.is_airgap_supported);
}

TEST_CASE("valid.yaml expires at 2030-07-27T00:00:00Z, not an instant before") {
  std::string text = ReadTestFile("valid.yaml");
  TrustedKeys keys = TrustedKeys::BuiltIn();
  CHECK(std::holds_alternative<VerifiedLicense>(
      VerifyLicenseText(text, keys, At("2030-07-27T00:00:00Z"))));
  LicenseOutcome out = VerifyLicenseText(text, keys, At("2030-07-27T00:00:00.000000001Z"));
  REQUIRE(std::holds_alternative<LicenseError>(out));
  CHECK(std::get<LicenseError>(out).kind == ErrorKind::kExpired);
  CHECK(std::get<LicenseError>(out).message ==
        "license for app \"my-app\" expired on 2030-07-27T00:00:00Z");
}

TEST_CASE("invalid-signature.yaml is refused") {
  LicenseOutcome out = VerifyLicenseText(ReadTestFile("invalid-signature.yaml"),
                                         TrustedKeys::BuiltIn(), At("2026-06-01T00:00:00Z"));
  REQUIRE(std::holds_alternative<LicenseError>(out));
  CHECK(std::get<LicenseError>(out).kind == ErrorKind::kBadSignature);
  CHECK(std::get<LicenseError>(out).message ==
        "license signature does not verify: the app key did not sign licenseData");
  CHECK(std::get<LicenseError>(out).field == "spec.signature");
}

TEST_CASE("valid-v1beta2.yaml needs the kots test key, and expired at the end of 2025") {
  std::string text = ReadTestFile("valid-v1beta2.yaml");
  LicenseOutcome unknown =
      VerifyLicenseText(text, TrustedKeys::BuiltIn(), At("2025-06-01T00:00:00Z"));
  REQUIRE(std::holds_alternative<LicenseError>(unknown));
  CHECK(std::get<LicenseError>(unknown).message ==
        "license is signed by unknown key \"test-global-key-id\" (not KOTS' Production, Staging "
        "or Dev key, nor an extra key)");

  TrustedKeys keys = WithKotsTestKey();
  LicenseOutcome before = VerifyLicenseText(text, keys, At("2025-12-31T23:59:59Z"));
  REQUIRE(std::holds_alternative<VerifiedLicense>(before));
  const VerifiedLicense& l = std::get<VerifiedLicense>(before);
  CHECK(l.version == Version::kV1Beta2);
  CHECK(l.app_slug == "test-app");
  CHECK(l.license_id == "test-license-id");
  CHECK(l.license_type == "trial");
  CHECK(l.signing_key == "extra");
  CHECK(l.global_key_id == "test-global-key-id");
  CHECK(l.expiry.text == "2025-12-31T23:59:59Z");
  CHECK(l.proxy_host == "proxy.replicated.com");
  CHECK(!l.is_airgap_supported);

  LicenseOutcome after = VerifyLicenseText(text, keys, At("2026-01-01T00:00:00Z"));
  REQUIRE(std::holds_alternative<LicenseError>(after));
  CHECK(std::get<LicenseError>(after).kind == ErrorKind::kExpired);
  CHECK(std::get<LicenseError>(after).message ==
        "license for app \"test-app\" expired on 2025-12-31T23:59:59Z");
  CHECK(std::get<LicenseError>(after).field == "spec.entitlements.expires_at.value");
}

TEST_CASE("valid-v1beta2.yaml's entitlement signatures are checked") {
  std::string text = ReadTestFile("valid-v1beta2.yaml");
  TrustedKeys keys = WithKotsTestKey();
  const Instant now = At("2025-06-01T00:00:00Z");
  // One character of the expires_at signature changed.
  std::string edited = text;
  size_t sig = edited.find("v2: e/KrJiLwB45UKkSiRCnfkiXS5yCJGLRv");
  REQUIRE(sig != std::string::npos);
  edited[sig + 10] = 'Z';
  CHECK(std::get<LicenseError>(VerifyLicenseText(edited, keys, now)).message ==
        "license signature does not verify: the app key did not sign entitlement \"expires_at\"");
  // The value changed, its signature left alone: the signature is over the
  // signed value, and the value as written differs from it.
  std::string later = text;
  later.replace(later.find("value: \"2025-12-31T23:59:59Z\""), 29,
                "value: \"2099-12-31T23:59:59Z\"");
  CHECK(std::get<LicenseError>(VerifyLicenseText(later, keys, now)).message ==
        "license field \"entitlements.expires_at.value\" differs from the signed data");
  // The kots v1beta1 unit-test key has the same id but did not sign it.
  std::string file = ReadTestFile("global-keys.pem");
  size_t other = file.find("label: kotskinds-test-v1beta1");
  REQUIRE(other != std::string::npos);
  TrustedKeys wrong = TrustedKeys::BuiltIn();
  REQUIRE(!wrong.AddKeyFile(file.substr(other)).has_value());
  CHECK(std::get<LicenseError>(VerifyLicenseText(text, wrong, now)).message ==
        "license signature does not verify: the app key is not signed by the global key "
        "\"test-global-key-id\" (extra)");
}

}  // namespace
}  // namespace ppi::license
