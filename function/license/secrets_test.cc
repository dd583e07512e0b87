// The license ID never appears in a message or a field path, whether it
// is written in the License, signed in it, or put where a message quotes
// text (an entitlement name, a key id, the app slug, an expiry).
#include <catch2/catch.hpp>

#include "function/license/test_licenses.h"

namespace ppi::license {
namespace {

using testing::FullSpec;
using testing::kLicenseId;
using testing::SignedLicenseYaml;
using testing::WithField;

const std::string kOtherId = "lic-9QwertyOther7788";

struct Case {
  const char* what;
  std::string yaml;
  bool quotes_it;  // the message would name the ID, were it not removed
  Instant now = testing::At("2026-01-01T00:00:00Z");
};

std::vector<Case> Cases() {
  const std::string id = "\"" + std::string(kLicenseId) + "\"";
  const std::string spec = FullSpec();
  testing::LicenseOptions signed_ents;
  signed_ents.sign_entitlements = true;
  testing::LicenseOptions unknown_key;
  unknown_key.global_key_id = kLicenseId;
  const std::string named = WithField(spec, std::string("entitlements.") + kLicenseId,
                                      R"({"title":"t","value":"v","signature":{"v2":"AAAA"}})");
  const std::string plain =
      WithField(spec, std::string("entitlements.") + kLicenseId, R"({"title":"t","value":"v"})");
  const std::string slug = WithField(FullSpec("2020-01-01T00:00:00Z"), "appSlug", id);
  std::string yaml = SignedLicenseYaml(spec);
  std::string twice = yaml;
  twice.insert(twice.find("  \"appSlug\""), "  " + id + ": 1\n  " + id + ": 2\n");
  return {
      {"licenseID edited",
       SignedLicenseYaml(spec, {}, WithField(spec, "licenseID", "\"" + kOtherId + "\"")), false},
      {"licenseID removed", SignedLicenseYaml(spec, {}, WithField(spec, "licenseID", "")), false},
      {"licenseID as a number", SignedLicenseYaml(spec, {}, WithField(spec, "licenseID", "7")),
       false},
      {"entitlement named after it", SignedLicenseYaml(named), true},
      {"entitlement named after it, edited",
       SignedLicenseYaml(
           plain, signed_ents,
           WithField(plain, std::string("entitlements.") + kLicenseId + ".value", "1")),
       true},
      {"key id", SignedLicenseYaml(spec, unknown_key), true},
      {"app slug of an expired License", SignedLicenseYaml(slug), true},
      {"expiry", SignedLicenseYaml(WithField(spec, "entitlements.expires_at.value", id)), true},
      {"a key written twice", twice, true},
      {"signed data malformed",
       SignedLicenseYaml(WithField(spec, std::string("entitlements.") + kLicenseId, "1")), true},
      {"signature cut", yaml.substr(0, yaml.size() - 5) + "\n", false},
      {"apiVersion",
       "apiVersion: " + std::string(kLicenseId) +
           "\nkind: License\nspec:\n  licenseID: " + kLicenseId + "\n",
       true},
  };
}

TEST_CASE("no refusal holds the license ID") {
  for (const Case& c : Cases()) {
    INFO(c.what);
    LicenseError e = testing::ErrorOf(testing::VerifyYaml(c.yaml, c.now));
    INFO(e.message);
    for (const std::string& secret : {std::string(kLicenseId), kOtherId}) {
      CHECK(e.message.find(secret) == std::string::npos);
      CHECK(e.field.find(secret) == std::string::npos);
    }
    // Where the message quotes the text, the ID was taken out of it.
    CHECK((e.message.find("(redacted)") != std::string::npos) == c.quotes_it);
  }
}

TEST_CASE("the ID is in the verified License, for the pull secret only") {
  VerifiedLicense l = testing::LicenseOf(testing::VerifyYaml(SignedLicenseYaml(FullSpec())));
  CHECK(l.license_id == kLicenseId);
  for (const std::string* s :
       {&l.app_slug, &l.license_type, &l.customer_name, &l.channel_name, &l.endpoint,
        &l.expiry.text, &l.signing_key, &l.global_key_id, &l.proxy_host, &l.registry_host}) {
    CHECK(s->find(kLicenseId) == std::string::npos);
  }
}

TEST_CASE("redaction replaces every occurrence, and nothing when there is no secret") {
  CHECK(Redact("a SECRET b SECRETSECRET", "SECRET") == "a (redacted) b (redacted)(redacted)");
  CHECK(Redact("abc", "") == "abc");
  CHECK(Redact("redact", "red") == "(redacted)act");
}

}  // namespace
}  // namespace ppi::license
