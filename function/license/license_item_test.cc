// Reading the License as written, from YAML: its types, its shape, and the
// edits to the real valid.yaml that the strict policy refuses or accepts.
#include "function/license/license_item.h"

#include <catch2/catch.hpp>

#include "function/license/test_files.h"
#include "function/license/test_licenses.h"

namespace ppi::license {
namespace {

using testing::At;
using testing::ErrorOf;
using testing::LicenseOf;

// valid.yaml with `from` replaced by `to` (once, where it must be).
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = testing::ReadTestFile("valid.yaml");
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

LicenseOutcome Verify(const std::string& text) {
  return VerifyLicenseText(text, TrustedKeys::BuiltIn(), At("2026-06-01T00:00:00Z"));
}

std::string Refusal(const std::string& text) { return ErrorOf(Verify(text)).message; }

TEST_CASE("a License item is kind License of kots.io/v1beta1 or v1beta2") {
  auto is = [](const char* text) { return IsLicenseItem(krm::Document::Load(text)->root()); };
  CHECK(is("apiVersion: kots.io/v1beta1\nkind: License\n"));
  CHECK(is("{apiVersion: kots.io/v1beta2, kind: License}"));
  CHECK(!is("apiVersion: kots.io/v1beta3\nkind: License\n"));
  CHECK(!is("apiVersion: kots.io/v1beta1\nkind: Application\n"));
  CHECK(!is("apiVersion: v1\nkind: License\n"));
  CHECK(!is("[License]"));
}

TEST_CASE("the types of the License as written are YAML's") {
  // Quoting a string changes nothing; quoting a number or a bool does.
  CHECK(LicenseOf(Verify(Edited("appSlug: my-app", "appSlug: 'my-app'"))).app_slug == "my-app");
  CHECK(LicenseOf(Verify(Edited("appSlug: my-app", "appSlug: !!str my-app"))).app_slug == "my-app");
  CHECK(LicenseOf(Verify(Edited("licenseType: prod", "licenseType: \"prod\""))).license_type ==
        "prod");
  CHECK(Refusal(Edited("licenseSequence: 7", "licenseSequence: \"7\"")) ==
        "license field \"licenseSequence\" differs from the signed data");
  CHECK(Refusal(Edited("isAirgapSupported: true", "isAirgapSupported: \"true\"")) ==
        "license field \"isAirgapSupported\" differs from the signed data");
  CHECK(Refusal(Edited("value: 123", "value: \"123\"")) ==
        "license field \"entitlements.int_field.value\" differs from the signed data");
  // A whole-number float is the integer KOTS reads through JSON.
  CHECK(LicenseOf(Verify(Edited("licenseSequence: 7", "licenseSequence: 7.0"))).license_sequence ==
        7);
  CHECK(LicenseOf(Verify(Edited("value: 123", "value: 1.23e+02"))).app_slug == "my-app");
  // What YAML 1.1 and 1.2 read differently is refused.
  CHECK(Refusal(Edited("isAirgapSupported: true", "isAirgapSupported: yes")) ==
        "license field \"isAirgapSupported\" differs from the signed data");
  CHECK(Refusal(Edited("licenseSequence: 7", "licenseSequence: 07")) ==
        "license field \"licenseSequence\" differs from the signed data");
  CHECK(Refusal(Edited("licenseSequence: 7", "licenseSequence: !!int 7")) ==
        "license field \"licenseSequence\" differs from the signed data");
  // A block scalar is a string, and must be the same string.
  CHECK(Refusal(Edited("      value: |-\n        multi", "      value: |\n        multi")) ==
        "license field \"entitlements.text_field.value\" differs from the signed data");
  CHECK(LicenseOf(Verify(Edited("      value: |-\n        multi\n        line\n        text",
                                "      value: \"multi\\nline\\ntext\"")))
            .app_slug == "my-app");
}

TEST_CASE("a signature in a literal block verifies; folded, it is not base64") {
  std::string text = testing::ReadTestFile("valid.yaml");
  size_t at = text.find("  signature: ey") + 13;
  std::string sig = text.substr(at, text.find('\n', at) - at);
  std::string block = "|\n";
  for (size_t i = 0; i < sig.size(); i += 76) block += "    " + sig.substr(i, 76) + "\n";
  std::string literal = text.substr(0, at) + block;
  CHECK(LicenseOf(Verify(literal)).signing_key == "Production");
  std::string folded = literal;
  folded.replace(at, 1, ">");
  CHECK(Refusal(folded) == "license is not valid base64 at byte 76 of spec.signature");
}

TEST_CASE("an entitlement signature written as null is no signature") {
  for (const char* none : {"{v1: ~}", "{v1: null}", "{v1: }", "{v1: \"\"}", "~"}) {
    INFO(none);
    std::string text = Edited("    bool_field:\n      signature: {}",
                              std::string("    bool_field:\n      signature: ") + none);
    CHECK(LicenseOf(Verify(text)).app_slug == "my-app");
  }
  CHECK(Refusal(Edited("    bool_field:\n      signature: {}",
                       "    bool_field:\n      signature: {v1: \"~\"}")) ==
        "license is not valid base64 at byte 0 of spec.entitlements.bool_field.signature.v1");
  CHECK(Refusal(Edited("    bool_field:\n      signature: {}",
                       "    bool_field:\n      signature: [AAAA]")) ==
        "license \"spec.entitlements.bool_field.signature.v1\" is not a string");
}

TEST_CASE("an edited License is refused, naming what was edited") {
  CHECK(Refusal(Edited("endpoint: https://replicated.app", "endpoint: https://evil.example")) ==
        "license field \"endpoint\" differs from the signed data");
  CHECK(Refusal(Edited("appSlug: my-app", "appSlug: other-app")) ==
        "license field \"appSlug\" differs from the signed data");
  CHECK(Refusal(Edited("spec:\n", "spec:\n  replicatedProxyDomain: evil.example\n")) ==
        "license field \"replicatedProxyDomain\" differs from the signed data");
  CHECK(Refusal(Edited("value: \"2030-07-27T00:00:00Z\"", "value: \"2099-07-27T00:00:00Z\"")) ==
        "license field \"entitlements.expires_at.value\" differs from the signed data");
  CHECK(Refusal(Edited("      isHidden: true\n", "")) ==
        "license field \"entitlements.hidden_field.isHidden\" differs from the signed data");
  // Not compared, as in KOTS: metadata and fields KOTS does not know.
  CHECK(LicenseOf(Verify(Edited("name: testcustomer", "name: renamed"))).app_slug == "my-app");
  CHECK(LicenseOf(Verify(Edited("spec:\n", "spec:\n  isKotsInstallEnabled: true\n"))).app_slug ==
        "my-app");
}

TEST_CASE("a License of the wrong shape is refused before any signature is read") {
  CHECK(Refusal("[1, 2]") == "license is not a mapping");
  CHECK(Refusal("") == "license file is empty");
  CHECK(Refusal("a: [").find("license file is not valid YAML: ") == 0);
  CHECK(Refusal("---\n...\n") == "license is not a mapping");  // one document, null
  // A file is one License: a second document is refused, whatever it holds.
  std::string valid = testing::ReadTestFile("valid.yaml");
  CHECK(LicenseOf(Verify("---\n" + valid + "...\n")).app_slug == "my-app");
  for (const std::string& more : {valid + "---\n" + valid, valid + "---\nkind: Other\n",
                                  "kind: Other\n---\n" + valid, valid + "---\n"}) {
    CHECK(Refusal(more) ==
          "license file holds more than one YAML document: it must hold the License alone");
  }
  CHECK(Refusal(Edited("kind: License", "kind: Licence")) ==
        "license kind is \"Licence\", not License");
  CHECK(Refusal(Edited("apiVersion: kots.io/v1beta1", "apiVersion: kots.io/v1")) ==
        "license apiVersion \"kots.io/v1\" is not kots.io/v1beta1 or kots.io/v1beta2");
  CHECK(Refusal("apiVersion: kots.io/v1beta1\nkind: License\n") == "license has no spec");
  CHECK(Refusal(Edited("  signature: ey", "  notSignature: ey")) ==
        "license has no spec.signature");
  CHECK(Refusal(Edited("  signature: ey", "  signature: []\n  x: ey")) ==
        "license has no spec.signature");
  LicenseError e = ErrorOf(Verify(Edited("kind: License", "kind: License\nkind: License")));
  CHECK(e.message == "license field \"kind\" is written twice");
  CHECK(Refusal(Edited("  appSlug: my-app", "  appSlug: my-app\n  appSlug: other")) ==
        "license field \"appSlug\" is written twice");
  CHECK(Refusal(Edited("      value: 123", "      value: 123\n      value: 124")) ==
        "license field \"entitlements.int_field.value\" is written twice");
}

}  // namespace
}  // namespace ppi::license
