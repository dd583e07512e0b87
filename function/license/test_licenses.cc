#include "function/license/test_licenses.h"

#include <catch2/catch.hpp>

#include "function/license/base64.h"
#include "function/license/go_json.h"

namespace ppi::license::testing {
namespace {

std::string Unwrapped(std::string_view base64) {
  std::string out;
  size_t bad = 0;
  REQUIRE(DecodeBase64(base64, &out, &bad));
  return out;
}

void Load(std::string_view base64, rapidjson::Document* doc) {
  std::string json = Unwrapped(base64);
  doc->Parse(json.data(), json.size());
  REQUIRE(!doc->HasParseError());
}

// Sets `name` to base64 of `layer`'s JSON, or removes it when null.
void Wrap(rapidjson::Document& into, const char* name, const rapidjson::Document& layer) {
  into.RemoveMember(name);
  if (layer.IsNull()) return;
  SetString(into, name, Base64(JsonText(layer)));
}

}  // namespace

std::string FullSpec(const std::string& expires_at) {
  return R"({"licenseID":")" + std::string(kLicenseId) +
         R"(","licenseType":"paid",)"
         R"("customerID":"cust-7","customerName":"Acme Corp","customerEmail":"ops@acme.example",)"
         R"("appSlug":"my-app","channelID":"ch-1","channelName":"Stable","licenseSequence":12,)"
         R"("endpoint":"https://replicated.app","replicatedProxyDomain":"images.vendor.example",)"
         R"("isAirgapSupported":true,"isGitOpsSupported":true,"isIdentityServiceSupported":true,)"
         R"("isGeoaxisSupported":true,"isSnapshotSupported":true,)"
         R"("isDisasterRecoverySupported":true,"isSupportBundleUploadSupported":true,)"
         R"("isSemverRequired":true,"isEmbeddedClusterDownloadEnabled":true,)"
         R"("isEmbeddedClusterMultiNodeEnabled":true,)"
         R"("channels":[{"channelID":"ch-1","channelName":"Stable","channelSlug":"stable",)"
         R"("isDefault":true,"endpoint":"https://replicated.app",)"
         R"("replicatedProxyDomain":"images.vendor.example","isSemverRequired":true},)"
         R"({"channelID":"ch-2","channelName":"Beta","channelSlug":"beta","isDefault":false,)"
         R"("endpoint":"https://replicated.app","replicatedProxyDomain":"beta.vendor.example",)"
         R"("isSemverRequired":false}],)"
         R"("entitlements":{"expires_at":{"title":"Expiration","description":"License Expiration",)"
         R"("value":")" +
         expires_at +
         R"(","valueType":"String"},)"
         R"("seats":{"title":"Seats","description":"Seats","value":25,"valueType":"Integer"},)"
         R"("premium":{"title":"Premium","value":true,"valueType":"Boolean","isHidden":true},)"
         R"("notes":{"title":"Notes","value":"multi\nline text","valueType":"Text"},)"
         R"("unset":{"title":"Unset","valueType":"String"}}})";
}

LicenseOutcome VerifyYaml(std::string_view yaml) {
  return VerifyYaml(yaml, At("2026-01-01T00:00:00Z"));
}

LicenseOutcome VerifyYaml(std::string_view yaml, const Instant& now) {
  static const TrustedKeys keys = TestKeys();
  return VerifyLicenseText(yaml, keys, now);
}

LicenseError ErrorOf(const LicenseOutcome& outcome) {
  REQUIRE(std::holds_alternative<LicenseError>(outcome));
  return std::get<LicenseError>(outcome);
}

VerifiedLicense LicenseOf(const LicenseOutcome& outcome) {
  if (const auto* error = std::get_if<LicenseError>(&outcome)) FAIL(error->message);
  return std::get<VerifiedLicense>(outcome);
}

std::string Rewrapped(std::string_view yaml, const std::function<void(Layers&)>& edit) {
  const std::string_view key = "  signature: ";
  size_t at = yaml.rfind(key);
  REQUIRE(at != std::string_view::npos);
  std::string_view b64 = yaml.substr(at + key.size());
  b64 = b64.substr(0, b64.find('\n'));
  Layers l;
  Load(b64, &l.outer);
  Load(StringOf(l.outer["innerSignature"]), &l.inner);
  const char* keysig_name = l.inner.HasMember("keySignature") ? "keySignature" : "v2KeySignature";
  Load(StringOf(l.inner[keysig_name]), &l.keysig);
  edit(l);
  if (l.inner.IsObject()) Wrap(l.inner, keysig_name, l.keysig);
  if (l.outer.IsObject()) Wrap(l.outer, "innerSignature", l.inner);
  return std::string(yaml.substr(0, at)) + std::string(key) + Base64(JsonText(l.outer)) + "\n";
}

void EditBytes(rapidjson::Document& layer, const char* name,
               const std::function<void(std::string&)>& edit) {
  std::string bytes = Unwrapped(StringOf(layer[name]));
  edit(bytes);
  SetString(layer, name, Base64(bytes));
}

void SetString(rapidjson::Document& layer, const char* name, std::string_view value) {
  layer.RemoveMember(name);
  layer.AddMember(rapidjson::Value(name, layer.GetAllocator()),
                  rapidjson::Value(value.data(), static_cast<rapidjson::SizeType>(value.size()),
                                   layer.GetAllocator()),
                  layer.GetAllocator());
}

}  // namespace ppi::license::testing
