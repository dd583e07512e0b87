// Expiry of Licenses the tests sign themselves.
#include "function/license/expiry.h"

#include <catch2/catch.hpp>

#include "function/license/test_licenses.h"

namespace ppi::license {
namespace {

using testing::ErrorOf;
using testing::FullSpec;
using testing::LicenseOf;
using testing::SignedLicenseYaml;
using testing::VerifyYaml;
using testing::WithField;

TEST_CASE("expiry is checked against the clock at the boundary instant") {
  std::string yaml = SignedLicenseYaml(FullSpec("2030-01-01T01:00:00+01:00"));
  CHECK(LicenseOf(VerifyYaml(yaml, testing::At("2029-12-31T23:59:59.999999999Z"))).expiry.text ==
        "2030-01-01T01:00:00+01:00");
  CHECK(LicenseOf(VerifyYaml(yaml, testing::At("2030-01-01T00:00:00Z"))).app_slug == "my-app");
  LicenseError e = ErrorOf(VerifyYaml(yaml, testing::At("2030-01-01T00:00:00.000000001Z")));
  CHECK(e.kind == ErrorKind::kExpired);
  CHECK(e.message == "license for app \"my-app\" expired on 2030-01-01T01:00:00+01:00");
  CHECK(e.field == "spec.entitlements.expires_at.value");
}

TEST_CASE("a License without an expiry never expires") {
  const Instant far = testing::At("9999-12-31T23:59:59Z");
  const VerifiedLicense empty = LicenseOf(VerifyYaml(SignedLicenseYaml(FullSpec("")), far));
  CHECK(!empty.expiry.at.has_value());
  CHECK(empty.expiry.text == "");
  std::string absent = WithField(FullSpec(), "entitlements.expires_at", "");
  CHECK(!LicenseOf(VerifyYaml(SignedLicenseYaml(absent), far)).expiry.at.has_value());
}

TEST_CASE("an expiry that is not an RFC 3339 string is an error") {
  auto message = [](const std::string& field, const std::string& value) {
    return ErrorOf(VerifyYaml(SignedLicenseYaml(WithField(FullSpec(), field, value)))).message;
  };
  CHECK(message("entitlements.expires_at.value", R"("2030-01-01")") ==
        "license entitlement \"expires_at\" \"2030-01-01\" is not an RFC 3339 time");
  CHECK(message("entitlements.expires_at.value", "1893456000") ==
        "license entitlement \"expires_at\" is not a string");
  CHECK(message("entitlements.expires_at.valueType", R"("Integer")") ==
        "license entitlement \"expires_at\" has valueType \"Integer\", not String");
}

}  // namespace
}  // namespace ppi::license
