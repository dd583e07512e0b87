// Licenses for the tests: a spec that sets every compared field, and
// functions to verify a License YAML and to re-sign or break its layers.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <string_view>

#include "function/license/license_item.h"
#include "function/license/test_signer.h"

namespace ppi::license::testing {

inline constexpr const char* kLicenseId = "lic-2b8cXyzSecret0451";

// Every field of SpecFields(), two channels, and entitlements of each
// kind: a string expiry, an integer, a hidden bool, a multi-line text and
// one without a value.
std::string FullSpec(const std::string& expires_at = "2030-01-01T00:00:00Z");

// Verifies with TestKeys() at 2026-01-01T00:00:00Z unless told otherwise.
LicenseOutcome VerifyYaml(std::string_view yaml);
LicenseOutcome VerifyYaml(std::string_view yaml, const Instant& now);

// The error of a refused License; fails the test when it was accepted.
LicenseError ErrorOf(const LicenseOutcome& outcome);
VerifiedLicense LicenseOf(const LicenseOutcome& outcome);

// The three JSON layers of a signed License's spec.signature, to be
// changed by a test and wrapped again.
struct Layers {
  rapidjson::Document outer, inner, keysig;
};
// `yaml` as SignedLicenseYaml wrote it (one-line signature), with its
// layers changed by `edit`. A layer set to null is left out (its member
// removed from the layer above).
std::string Rewrapped(std::string_view yaml, const std::function<void(Layers&)>& edit);
// A base64 member of a layer, decoded, changed by `edit`, encoded again.
void EditBytes(rapidjson::Document& layer, const char* name,
               const std::function<void(std::string&)>& edit);
void SetString(rapidjson::Document& layer, const char* name, std::string_view value);

}  // namespace ppi::license::testing
