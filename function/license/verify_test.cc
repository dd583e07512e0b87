// The verification chain on Licenses the tests sign themselves.
#include "function/license/verify.h"

#include <catch2/catch.hpp>

#include "function/license/test_licenses.h"

namespace ppi::license {
namespace {

using testing::ErrorOf;
using testing::FullSpec;
using testing::LicenseOf;
using testing::LicenseOptions;
using testing::SignedLicenseYaml;
using testing::VerifyYaml;
using testing::WithField;

LicenseOptions Options(Version v, bool entitlements = false, bool blocks = false) {
  LicenseOptions o;
  o.version = v;
  o.sign_entitlements = entitlements;
  o.block_scalars = blocks;
  return o;
}

TEST_CASE("self-signed Licenses verify, v1beta1 and v1beta2, with every signature style") {
  for (Version v : {Version::kV1Beta1, Version::kV1Beta2}) {
    for (bool entitlements : {false, true}) {
      for (bool blocks : {false, true}) {
        INFO("v1beta" << (v == Version::kV1Beta1 ? 1 : 2) << " entitlement signatures "
                      << entitlements << " block scalars " << blocks);
        std::string yaml = SignedLicenseYaml(FullSpec(), Options(v, entitlements, blocks));
        CHECK((yaml.find("signature: |\n") != std::string::npos) == blocks);
        CHECK((yaml.find(v == Version::kV1Beta1 ? "\"v1\":" : "\"v2\":") != std::string::npos) ==
              entitlements);
        const VerifiedLicense l = LicenseOf(VerifyYaml(yaml));
        CHECK(l.version == v);
        CHECK(l.app_slug == "my-app");
        CHECK(l.license_id == testing::kLicenseId);
        CHECK(l.license_type == "paid");
        CHECK(l.customer_name == "Acme Corp");
        CHECK(l.license_sequence == 12);
        CHECK(l.signing_key == "extra");
        CHECK(l.global_key_id == testing::kTestKeyId);
        CHECK(l.expiry.text == "2030-01-01T00:00:00Z");
        CHECK(l.proxy_host == "images.vendor.example");
        CHECK(l.proxy_host_signed);
        CHECK(l.registry_host == "registry.replicated.com");
        CHECK(l.is_airgap_supported);
      }
    }
  }
}

TEST_CASE("the server's salt, the digest's length and no salt all verify") {
  for (int salt : {RSA_PSS_SALTLEN_MAX, RSA_PSS_SALTLEN_DIGEST, 0}) {
    for (Version v : {Version::kV1Beta1, Version::kV1Beta2}) {
      LicenseOptions o = Options(v, true);
      o.salt_length = salt;
      INFO("salt " << salt);
      CHECK(LicenseOf(VerifyYaml(SignedLicenseYaml(FullSpec(), o))).app_slug == "my-app");
    }
  }
}

TEST_CASE("a signature over the wrong digest does not verify") {
  LicenseOptions v1 = Options(Version::kV1Beta1);
  v1.digest = Digest::kSha256;
  LicenseError e1 = ErrorOf(VerifyYaml(SignedLicenseYaml(FullSpec(), v1)));
  CHECK(e1.kind == ErrorKind::kBadSignature);
  CHECK(e1.message ==
        "license signature does not verify: the app key is not signed by the global key "
        "\"test-global-key\" (extra)");
  LicenseOptions v2 = Options(Version::kV1Beta2);
  v2.digest = Digest::kMd5;
  CHECK(ErrorOf(VerifyYaml(SignedLicenseYaml(FullSpec(), v2))).kind == ErrorKind::kBadSignature);
}

TEST_CASE("the global key must be trusted, and must have signed the app key") {
  LicenseOptions o = Options(Version::kV1Beta2);
  o.global_key_id = "vendor-key-9";
  LicenseError unknown = ErrorOf(VerifyYaml(SignedLicenseYaml(FullSpec(), o)));
  CHECK(unknown.kind == ErrorKind::kUnknownKey);
  CHECK(unknown.message ==
        "license is signed by unknown key \"vendor-key-9\" (not KOTS' Production, Staging or Dev "
        "key, nor an extra key)");
  CHECK(unknown.field == "spec.signature");

  // A stranger signs the app key and claims a trusted id.
  o.global = &testing::StrangerKey();
  for (const char* id : {testing::kTestKeyId, "bdee56560cfb43c9b28bf98eacafa646"}) {
    o.global_key_id = id;
    LicenseError forged = ErrorOf(VerifyYaml(SignedLicenseYaml(FullSpec(), o)));
    CHECK(forged.kind == ErrorKind::kBadSignature);
    CHECK(forged.message.find("the app key is not signed by the global key \"" + std::string(id)) !=
          std::string::npos);
  }
  CHECK(ErrorOf(VerifyYaml(SignedLicenseYaml(FullSpec(), o))).message ==
        "license signature does not verify: the app key is not signed by the global key "
        "\"bdee56560cfb43c9b28bf98eacafa646\" (Production)");

  // The stranger's own app key, vouched for by the trusted key, cannot
  // sign for another app key's license.
  LicenseOptions swapped = Options(Version::kV1Beta1);
  std::string yaml = SignedLicenseYaml(FullSpec(), swapped);
  std::string other = SignedLicenseYaml(WithField(FullSpec(), "appSlug", R"("other")"), swapped);
  std::string mixed = testing::Rewrapped(yaml, [&](testing::Layers& mine) {
    testing::Rewrapped(other, [&](testing::Layers& theirs) {
      mine.outer["licenseData"].SetString(theirs.outer["licenseData"].GetString(),
                                          mine.outer.GetAllocator());
    });
  });
  CHECK(ErrorOf(VerifyYaml(mixed)).message ==
        "license signature does not verify: the app key did not sign licenseData");
}

TEST_CASE("the app key's signature is over the exact text of publicKey") {
  std::string yaml = SignedLicenseYaml(FullSpec(), Options(Version::kV1Beta1));
  std::string trimmed = testing::Rewrapped(yaml, [](testing::Layers& l) {
    std::string pem = l.inner["publicKey"].GetString();
    pem.pop_back();  // the trailing newline, still a valid PEM key
    testing::SetString(l.inner, "publicKey", pem);
  });
  CHECK(ErrorOf(VerifyYaml(trimmed)).kind == ErrorKind::kBadSignature);
}

TEST_CASE("a signature whose length is not the key size is invalid") {
  std::string yaml = SignedLicenseYaml(FullSpec(), Options(Version::kV1Beta2));
  auto broken = [&](const char* layer, const char* name, std::function<void(std::string&)> edit) {
    return VerifyYaml(testing::Rewrapped(yaml, [&](testing::Layers& l) {
      testing::EditBytes(std::string(layer) == "inner" ? l.inner : l.keysig, name, edit);
    }));
  };
  for (auto edit : std::vector<std::function<void(std::string&)>>{
           [](std::string& s) { s.pop_back(); }, [](std::string& s) { s.push_back('\0'); },
           [](std::string& s) { s.insert(0, 1, '\0'); }}) {
    CHECK(ErrorOf(broken("inner", "v2LicenseSignature", edit)).message ==
          "license signature does not verify: the app key did not sign licenseData");
    CHECK(ErrorOf(broken("keysig", "signature", edit)).kind == ErrorKind::kBadSignature);
  }
  CHECK(LicenseOf(broken("inner", "v2LicenseSignature", [](std::string&) {})).app_slug == "my-app");
}

TEST_CASE("a signature without its parts is refused, saying which") {
  std::string v1 = SignedLicenseYaml(FullSpec(), Options(Version::kV1Beta1));
  std::string v2 = SignedLicenseYaml(FullSpec(), Options(Version::kV1Beta2));
  auto message = [](const std::string& yaml, const std::function<void(testing::Layers&)>& edit) {
    return ErrorOf(VerifyYaml(testing::Rewrapped(yaml, edit))).message;
  };
  CHECK(message(v1, [](auto& l) { l.inner.RemoveMember("licenseSignature"); }) ==
        "license signature has no licenseSignature");
  CHECK(message(v2, [](auto& l) { l.inner.RemoveMember("v2LicenseSignature"); }) ==
        "license signature has no v2LicenseSignature");
  CHECK(message(v1, [](auto& l) { l.keysig.SetNull(); }) ==
        "license signature has no keySignature");
  CHECK(message(v2, [](auto& l) { l.keysig.SetNull(); }) ==
        "license signature has no v2KeySignature");
  CHECK(message(v1, [](auto& l) { l.inner.SetNull(); }) ==
        "license signature is in the format from before licenseData (no innerSignature), which "
        "KOTS no longer reads");
  CHECK(message(v1, [](auto& l) { l.outer.RemoveMember("licenseData"); }) ==
        "license signature has no licenseData");
  CHECK(message(v1, [](auto& l) { testing::SetString(l.inner, "publicKey", "not a key"); }) ==
        "license spec.signature.innerSignature.publicKey is not a PEM RSA public key");
  CHECK(message(v1, [](auto& l) { l.inner["publicKey"].SetInt(5); }) ==
        "license spec.signature.innerSignature.publicKey is not a string");
  CHECK(message(v1, [](auto& l) { l.keysig["signature"].SetBool(true); }) ==
        "license spec.signature.innerSignature.keySignature.signature is not a base64 string");
  CHECK(message(v1, [](auto& l) { testing::SetString(l.keysig, "signature", "abc"); }) ==
        "license is not valid base64 at byte 0 of "
        "spec.signature.innerSignature.keySignature.signature");
  CHECK(message(v1, [](auto& l) { testing::SetString(l.outer, "licenseData", "e30=\n!"); }) ==
        "license is not valid base64 at byte 5 of spec.signature.licenseData");
  // A v1beta2 License read as v1beta1 has no v1 signatures (the key
  // signature is looked for first, as KOTS does).
  std::string as_v1 = v2;
  as_v1.replace(as_v1.find("kots.io/v1beta2"), 15, "kots.io/v1beta1");
  CHECK(ErrorOf(VerifyYaml(as_v1)).message == "license signature has no keySignature");
}

TEST_CASE("keys in the signature objects match as Go matches them") {
  std::string yaml = SignedLicenseYaml(FullSpec(), Options(Version::kV1Beta1));
  // Case-insensitive names, the last duplicate winning, unknown keys ignored.
  std::string renamed = testing::Rewrapped(yaml, [](testing::Layers& l) {
    std::string sig = l.inner["licenseSignature"].GetString();
    l.inner.RemoveMember("licenseSignature");
    testing::SetString(l.inner, "LICENSESIGNATURE", "broken");
    testing::SetString(l.inner, "licensesignature", sig);
    testing::SetString(l.inner, "somethingNew", "ignored");
    testing::SetString(l.keysig, "GlobalKeyID", testing::kTestKeyId);
  });
  CHECK(LicenseOf(VerifyYaml(renamed)).app_slug == "my-app");
}

TEST_CASE("spec.signature decodes only as base64 with line breaks") {
  std::string yaml = SignedLicenseYaml(FullSpec(), Options(Version::kV1Beta2));
  size_t at = yaml.rfind("  signature: ") + 13;
  // A plain scalar over two lines: YAML folds the break into a space.
  std::string folded = yaml;
  folded.insert(at + 76, "\n    ");
  LicenseError e = ErrorOf(VerifyYaml(folded));
  CHECK(e.kind == ErrorKind::kBadEncoding);
  CHECK(e.message == "license is not valid base64 at byte 76 of spec.signature");
  CHECK(e.field == "spec.signature");
  std::string cut = yaml.substr(0, yaml.size() - 3) + "\n";
  CHECK(ErrorOf(VerifyYaml(cut)).message.find("license is not valid base64 at byte ") == 0);
  std::string not_json = yaml.substr(0, at) + testing::Base64("{\"licenseData\":") + "\n";
  CHECK(ErrorOf(VerifyYaml(not_json)).message ==
        "license spec.signature is not valid JSON at byte 15");
  std::string list = yaml.substr(0, at) + testing::Base64("[]") + "\n";
  CHECK(ErrorOf(VerifyYaml(list)).message == "license spec.signature is not a JSON object");
}

TEST_CASE("entitlement signatures are checked over the value as Go prints it") {
  for (Version v : {Version::kV1Beta1, Version::kV1Beta2}) {
    const char* key = v == Version::kV1Beta1 ? "v1" : "v2";
    // "unset" has no value: v1beta1 prints <nil>, v1beta2 prints 0.
    const char* printed = v == Version::kV1Beta1 ? "<nil>" : "0";
    const char* wrong = v == Version::kV1Beta1 ? "0" : "<nil>";
    auto signed_over = [&](const std::string& text) {
      testing::SignOptions how;
      how.digest = DigestOf(v);
      std::string sig = testing::Base64(testing::Sign(testing::AppKey(), text, how));
      std::string outer = WithField(FullSpec(), "entitlements.unset.signature",
                                    "{\"" + std::string(key) + "\":\"" + sig + "\"}");
      return VerifyYaml(SignedLicenseYaml(FullSpec(), Options(v), outer));
    };
    INFO(key);
    CHECK(LicenseOf(signed_over(printed)).app_slug == "my-app");
    for (std::string other : {std::string(wrong), std::string(""), std::string("null")}) {
      LicenseError e = ErrorOf(signed_over(other));
      CHECK(e.message ==
            "license signature does not verify: the app key did not sign "
            "entitlement \"unset\"");
    }
  }
}

TEST_CASE("a broken entitlement signature is refused, also in the signed data") {
  std::string spec = FullSpec();
  std::string bad = WithField(spec, "entitlements.seats.signature", R"({"v2":"AAAA"})");
  LicenseError outer =
      ErrorOf(VerifyYaml(SignedLicenseYaml(spec, Options(Version::kV1Beta2), bad)));
  CHECK(outer.message ==
        "license signature does not verify: the app key did not sign entitlement \"seats\"");
  LicenseError inside =
      ErrorOf(VerifyYaml(SignedLicenseYaml(bad, Options(Version::kV1Beta2), spec)));
  CHECK(inside.message == outer.message);
  std::string not_b64 = WithField(spec, "entitlements.seats.signature", R"({"v2":"A A"})");
  LicenseError e =
      ErrorOf(VerifyYaml(SignedLicenseYaml(spec, Options(Version::kV1Beta2), not_b64)));
  CHECK(e.message ==
        "license is not valid base64 at byte 1 of spec.entitlements.seats.signature.v2");
  CHECK(e.field == "spec.entitlements.seats.signature.v2");
  // Empty signatures are skipped (old licenses have none); a v1 signature
  // in a v1beta2 License is not its signature.
  for (const char* skipped :
       {R"({})", R"({"v2":""})", R"({"v2":null})", R"(null)", R"({"v1":"AAAA"})"}) {
    std::string outer_spec = WithField(spec, "entitlements.seats.signature", skipped);
    INFO(skipped);
    CHECK(LicenseOf(VerifyYaml(SignedLicenseYaml(spec, Options(Version::kV1Beta2), outer_spec)))
              .app_slug == "my-app");
  }
  std::string not_map = WithField(spec, "entitlements.seats.signature", R"("AAAA")");
  CHECK(ErrorOf(VerifyYaml(SignedLicenseYaml(not_map, Options(Version::kV1Beta2)))).message ==
        "license signed data is malformed: \"entitlements.seats.signature\" is not a mapping of "
        "base64 strings");
}

TEST_CASE("signed data of the wrong shape is refused") {
  auto message = [](const std::string& spec) {
    return ErrorOf(VerifyYaml(SignedLicenseYaml(spec))).message;
  };
  CHECK(message(WithField(FullSpec(), "licenseSequence", R"("12")")) ==
        "license signed data is malformed: \"licenseSequence\" is not an integer");
  CHECK(message(WithField(FullSpec(), "appSlug", "7")) ==
        "license signed data is malformed: \"appSlug\" is not a string");
  CHECK(message(WithField(FullSpec(), "isAirgapSupported", R"("true")")) ==
        "license signed data is malformed: \"isAirgapSupported\" is not a boolean");
  CHECK(message(WithField(FullSpec(), "entitlements.seats.value", "1.5")) ==
        "license signed data is malformed: \"entitlements.seats.value\" is not a string, an "
        "integer or a boolean");
  CHECK(message(WithField(FullSpec(), "entitlements.seats.value", "null")) ==
        "license signed data is malformed: \"entitlements.seats.value\" is not a string, an "
        "integer or a boolean");
  CHECK(message(WithField(FullSpec(), "channels", "{}")) ==
        "license signed data is malformed: \"channels\" is not a list");
  CHECK(message(WithField(FullSpec(), "channels.1.isDefault", "0")) ==
        "license signed data is malformed: \"channels[1].isDefault\" is not a boolean");
  CHECK(message(WithField(FullSpec(), "entitlements", "[]")) ==
        "license signed data is malformed: \"entitlements\" is not a mapping");
  CHECK(message(WithField(FullSpec(), "appSlug", R"("")")) == "license signed data has no appSlug");
  CHECK(message(WithField(FullSpec(), "licenseID", "")) == "license signed data has no licenseID");
}

}  // namespace
}  // namespace ppi::license
