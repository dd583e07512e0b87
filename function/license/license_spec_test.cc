// The strict policy: every compared field of the License as written must
// equal its signed data, types included. Each case signs FullSpec() and
// writes a License that says something else.
#include "function/license/license_spec.h"

#include <rapidjson/pointer.h>

#include <algorithm>
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

// The signed FullSpec(), written as `outer`.
LicenseOutcome Written(const std::string& outer, bool entitlement_signatures = false) {
  testing::LicenseOptions o;
  o.sign_entitlements = entitlement_signatures;
  return VerifyYaml(SignedLicenseYaml(FullSpec(), o, outer));
}

void RequireDiffers(const std::string& outer, const std::string& field) {
  for (bool signatures : {false, true}) {
    INFO("field " << field << ", entitlement signatures " << signatures);
    LicenseError e = ErrorOf(Written(outer, signatures));
    CHECK(e.kind == ErrorKind::kFieldDiffers);
    CHECK(e.message == "license field \"" + field + "\" differs from the signed data");
    CHECK(e.field == "spec." + field);
  }
}

// The JSON text at a dot-separated path of FullSpec(), or the zero value
// of `t` when absent (what Go reads there).
std::string SignedValue(const std::string& path, FieldType t) {
  static rapidjson::Document spec = [] {
    rapidjson::Document d;
    d.Parse(FullSpec().c_str());
    return d;
  }();
  std::string pointer = "/" + path;
  std::replace(pointer.begin(), pointer.end(), '.', '/');
  const rapidjson::Value* v = rapidjson::Pointer(pointer.c_str()).Get(spec);
  if (v == nullptr) return t == FieldType::kString ? R"("")" : t == FieldType::kInt ? "0" : "false";
  return testing::JsonText(*v);
}

// Values of the same type and of other types; none means what the signed
// value means.
std::vector<std::string> Tamperings(const std::string& path, FieldType t) {
  std::vector<std::string> all;
  switch (t) {
    case FieldType::kString:
      all = {R"("tampered")", R"("")", "1", "true", "[]"};
      break;
    case FieldType::kInt:
      all = {"13", "0", R"("12")", "true"};
      break;
    case FieldType::kBool:
      all = {"true", "false", R"("true")", "1"};
      break;
  }
  std::string same = SignedValue(path, t);
  all.erase(std::remove(all.begin(), all.end(), same), all.end());
  return all;
}

TEST_CASE("the License as written is its signed data") {
  CHECK(LicenseOf(Written(FullSpec())).app_slug == "my-app");
  CHECK(LicenseOf(Written(FullSpec(), true)).app_slug == "my-app");
}

TEST_CASE("every compared spec field, changed in value or type, is refused") {
  for (const FieldSpec& f : SpecFields()) {
    for (const std::string& value : Tamperings(f.name, f.type)) {
      RequireDiffers(WithField(FullSpec(), f.name, value), f.name);
    }
    RequireDiffers(WithField(FullSpec(), f.name, ""), f.name);  // removed: "", 0 or false
  }
}

TEST_CASE("\"1232435\" is not 1232435") {
  RequireDiffers(WithField(FullSpec(), "licenseSequence", R"("12")"), "licenseSequence");
  RequireDiffers(WithField(FullSpec(), "entitlements.seats.value", R"("25")"),
                 "entitlements.seats.value");
  RequireDiffers(WithField(FullSpec(), "entitlements.premium.value", R"("true")"),
                 "entitlements.premium.value");
}

TEST_CASE("every channel field, in every channel, is compared") {
  for (int i : {0, 1}) {
    for (const FieldSpec& f : ChannelFields()) {
      std::string path = "channels." + std::to_string(i) + "." + f.name;
      std::string name = "channels[" + std::to_string(i) + "]." + f.name;
      for (const std::string& value : Tamperings(path, f.type)) {
        RequireDiffers(WithField(FullSpec(), path, value), name);
      }
    }
  }
  RequireDiffers(WithField(FullSpec(), "channels", ""), "channels");
  RequireDiffers(WithField(FullSpec(), "channels", R"([{"channelID":"ch-1"}])"), "channels");
  RequireDiffers(WithField(FullSpec(), "channels", R"("ch-1")"), "channels");
}

TEST_CASE("every entitlement field and value is compared, also when it carries a signature") {
  for (const char* name : {"expires_at", "seats", "premium", "notes", "unset"}) {
    for (const FieldSpec& f : EntitlementFields()) {
      std::string path = std::string("entitlements.") + name + "." + f.name;
      for (const std::string& value : Tamperings(path, f.type)) {
        RequireDiffers(WithField(FullSpec(), path, value), path);
      }
    }
  }
  const std::string value = "entitlements.expires_at.value";
  RequireDiffers(WithField(FullSpec(), value, R"("2099-01-01T00:00:00Z")"), value);
  RequireDiffers(WithField(FullSpec(), value, ""), value);
  RequireDiffers(WithField(FullSpec(), "entitlements.seats.value", "26"),
                 "entitlements.seats.value");
  RequireDiffers(WithField(FullSpec(), "entitlements.seats.value", "null"),
                 "entitlements.seats.value");
  RequireDiffers(WithField(FullSpec(), "entitlements.unset.value", R"("")"),
                 "entitlements.unset.value");
}

TEST_CASE("entitlements removed, added or renamed are refused") {
  RequireDiffers(WithField(FullSpec(), "entitlements.seats", ""), "entitlements");
  RequireDiffers(WithField(FullSpec(), "entitlements.more", R"({"title":"More","value":1})"),
                 "entitlements");
  std::string renamed = WithField(FullSpec(), "entitlements.seats", "");
  renamed =
      WithField(renamed, "entitlements.Seats",
                R"({"title":"Seats","description":"Seats","value":25,"valueType":"Integer"})");
  RequireDiffers(renamed, "entitlements.seats");
  RequireDiffers(WithField(FullSpec(), "entitlements", ""), "entitlements");
  RequireDiffers(WithField(FullSpec(), "entitlements", "[]"), "entitlements");
}

TEST_CASE("absent, null and the zero value mean the same, as in KOTS' structs") {
  std::string spec = WithField(FullSpec(), "isGitOpsSupported", "false");
  spec = WithField(spec, "customerEmail", R"("")");
  spec = WithField(spec, "licenseSequence", "0");
  testing::LicenseOptions o;
  std::string outer = WithField(spec, "isGitOpsSupported", "");
  outer = WithField(outer, "customerEmail", "null");
  outer = WithField(outer, "licenseSequence", "");
  CHECK(LicenseOf(VerifyYaml(SignedLicenseYaml(spec, o, outer))).license_sequence == 0);
  // Fields outside the compared list (and metadata) may differ.
  std::string extra = WithField(FullSpec(), "isKotsInstallEnabled", "true");
  CHECK(LicenseOf(Written(extra)).app_slug == "my-app");
}

TEST_CASE("only the first difference is named, in KOTS' order") {
  std::string outer = WithField(FullSpec(), "licenseType", R"("trial")");
  outer = WithField(outer, "endpoint", R"("https://evil.example")");
  outer = WithField(outer, "entitlements.seats.value", "99");
  RequireDiffers(outer, "endpoint");
}

}  // namespace
}  // namespace ppi::license
