// Where the License comes from and what the run takes from it, on Licenses
// the tests sign themselves (function/license/test_signer.h) and files
// served by an in-memory reader that records what was read.
#include "function/config/license_source.h"

#include <catch2/catch.hpp>
#include <map>
#include <memory>

#include "function/license/test_licenses.h"
#include "krm/item.h"

namespace ppi {
namespace {

using license::testing::At;
using license::testing::FullSpec;
using license::testing::kLicenseId;
using license::testing::SignedLicenseYaml;
using license::testing::WithField;

constexpr const char* kLocalConfig =
    "metadata:\n  name: test\n  annotations:\n    config.kubernetes.io/local-config: \"true\"\n";

std::string Local(std::string yaml) {
  return yaml.replace(yaml.find("metadata:\n  name: test\n"), 23, kLocalConfig);
}

// The test global key as a key file.
std::string KeyFile() {
  return "globalKeyId: " + std::string(license::testing::kTestKeyId) + "\n" +
         license::testing::GlobalKey().public_pem;
}

struct FakeFiles {
  std::map<std::string, std::string> files;
  std::vector<std::string> reads;
  FileReader Reader() {
    return [this](const std::string& path, size_t max, std::string* text, std::string* error) {
      reads.push_back(path);
      auto it = files.find(path);
      if (it == files.end()) {
        *error = "cannot be opened: No such file or directory";
        return false;
      }
      if (it->second.size() > max) {
        *error = "is larger than the limit of " + std::to_string(max) + " bytes";
        return false;
      }
      *text = it->second;
      return true;
    };
  }
};

struct Run {
  LicenseRead read;
  std::vector<krm::Result> results;
  std::vector<std::string> messages;
  std::vector<std::string> reads;
};

// ReadLicense over License items written as YAML, with the ConfigMap
// `data` given (flow style, without braces) and `files` on "disk".
Run Read(const std::vector<std::string>& items, const std::string& data,
         std::map<std::string, std::string> files = {}, const char* now = "2026-01-01T00:00:00Z") {
  std::vector<std::unique_ptr<krm::Document>> docs;
  std::vector<krm::Node> nodes;
  for (const std::string& item : items) {
    docs.push_back(krm::Document::Load(item));
    nodes.push_back(docs.back()->root());
  }
  auto config = krm::Document::Load("kind: ConfigMap\nmetadata: {name: c}\ndata: {" + data + "}");
  Settings settings;
  Run run;
  ParseSettings(config->root(), &settings, &run.results);
  REQUIRE(run.results.empty());
  FakeFiles disk{std::move(files), {}};
  run.read = ReadLicense(nodes, settings, At(now), disk.Reader(), &run.results);
  for (const krm::Result& r : run.results) {
    run.messages.push_back(r.message);
    CHECK(r.message.find(kLicenseId) == std::string::npos);
    for (const auto& [k, v] : r.tags) CHECK(v.find(kLicenseId) == std::string::npos);
  }
  run.reads = disk.reads;
  return run;
}

const std::string& Signed() {
  static const std::string yaml = SignedLicenseYaml(FullSpec());
  return yaml;
}

TEST_CASE("a License item gives the signed app slug, license ID and hosts") {
  Run r = Read({Local(Signed())}, "licenseKeyFile: keys.pem", {{"keys.pem", KeyFile()}});
  REQUIRE(r.read.identity.has_value());
  CHECK(r.read.given);
  CHECK(r.read.identity->app_slug == "my-app");
  CHECK(r.read.identity->license_id == kLicenseId);
  CHECK(r.read.identity->proxy_host == "images.vendor.example");  // replicatedProxyDomain
  CHECK(r.read.identity->registry_host == "registry.replicated.com");
  CHECK(r.read.identity->is_airgap_supported);
  CHECK(r.reads == std::vector<std::string>{"keys.pem"});
  REQUIRE(r.results.size() == 1);
  const krm::Result& info = r.results[0];
  CHECK(info.severity == krm::Severity::kInfo);
  CHECK(info.message ==
        "License/test: license for app \"my-app\" verified: type \"paid\", expires "
        "2030-01-01T00:00:00Z, signed by an extra key of licenseKeyFile");
  CHECK(info.resource->kind == "License");
  CHECK(info.tags == std::map<std::string, std::string>{{"appSlug", "my-app"},
                                                        {"licenseType", "paid"},
                                                        {"expires", "2030-01-01T00:00:00Z"},
                                                        {"signingKey", "extra"}});
}

TEST_CASE("licenseFile gives the License from a file") {
  std::string never = WithField(FullSpec(), "entitlements.expires_at", "");
  Run r = Read({}, "licenseFile: lic.yaml, licenseKeyFile: keys.pem",
               {{"lic.yaml", SignedLicenseYaml(never)}, {"keys.pem", KeyFile()}});
  REQUIRE(r.read.identity.has_value());
  CHECK(r.read.identity->license_id == kLicenseId);
  CHECK(r.reads == std::vector<std::string>{"lic.yaml", "keys.pem"});
  CHECK(r.messages == std::vector<std::string>{
                          "licenseFile \"lic.yaml\": license for app \"my-app\" verified: type "
                          "\"paid\", never expires, signed by an extra key of licenseKeyFile"});
  CHECK(r.results[0].tags.at("expires") == "never");
}

TEST_CASE("without a License nothing is read and nothing is said") {
  Run r = Read({}, "appSlug: app");
  CHECK_FALSE(r.read.given);
  CHECK_FALSE(r.read.identity.has_value());
  CHECK(r.results.empty());
  CHECK(r.reads.empty());
  Run keys = Read({}, "licenseKeyFile: keys.pem", {{"keys.pem", KeyFile()}});
  CHECK(keys.messages == std::vector<std::string>{
                             "functionConfig data.licenseKeyFile: is set, but there is no License "
                             "to verify (a License item, or licenseFile)"});
  CHECK(keys.reads.empty());
}

TEST_CASE("a License item must be local configuration") {
  Run r = Read({Signed()}, "licenseKeyFile: keys.pem", {{"keys.pem", KeyFile()}});
  REQUIRE(r.results.size() == 2);
  CHECK(r.results[0].severity == krm::Severity::kError);
  CHECK(r.messages[0] ==
        "License/test: metadata.annotations: a License must not be applied to the cluster with "
        "the application: add the annotation config.kubernetes.io/local-config: \"true\"");
  CHECK(r.results[1].severity == krm::Severity::kInfo);  // verified all the same
}

TEST_CASE("two sources of a License are an error naming both, and neither is read") {
  std::string other = Local(Signed());
  other.replace(other.find("name: test"), 10, "name: second");
  Run two = Read({Local(Signed()), other}, "licenseKeyFile: keys.pem", {{"keys.pem", KeyFile()}});
  CHECK(two.read.given);
  CHECK_FALSE(two.read.identity.has_value());
  CHECK(two.messages == std::vector<std::string>{"License/second: a second License, beside "
                                                 "License/test: the input may hold one License; "
                                                 "keep one"});
  CHECK(two.reads.empty());
  Run both = Read({Local(Signed())}, "licenseFile: lic.yaml", {{"lic.yaml", Signed()}});
  CHECK_FALSE(both.read.identity.has_value());
  CHECK(both.messages == std::vector<std::string>{
                             "License/test: a License item and the setting licenseFile "
                             "(\"lic.yaml\", data.licenseFile) both give the License: keep one"});
  CHECK(both.reads.empty());
}

TEST_CASE("a refused License is an error on the item or on licenseFile") {
  std::string edited = Local(Signed());
  edited.replace(edited.find("https://replicated.app"), 22, "https://evil.example");
  Run item = Read({edited}, "licenseKeyFile: keys.pem", {{"keys.pem", KeyFile()}});
  CHECK_FALSE(item.read.identity.has_value());
  CHECK(item.read.given);
  CHECK(item.messages == std::vector<std::string>{"License/test: spec.endpoint: license field "
                                                  "\"endpoint\" differs from the signed data"});
  CHECK(item.results[0].field->path == "spec.endpoint");
  Run unknown = Read({}, "licenseFile: lic.yaml", {{"lic.yaml", Signed()}});
  CHECK(unknown.messages ==
        std::vector<std::string>{"functionConfig data.licenseFile: \"lic.yaml\": spec.signature: "
                                 "license is signed by unknown key \"test-global-key\" (not KOTS' "
                                 "Production, Staging or Dev key, nor an extra key)"});
  Run expired = Read({}, "licenseFile: lic.yaml, licenseKeyFile: keys.pem",
                     {{"lic.yaml", Signed()}, {"keys.pem", KeyFile()}}, "2030-01-01T00:00:01Z");
  CHECK(expired.messages ==
        std::vector<std::string>{"functionConfig data.licenseFile: \"lic.yaml\": "
                                 "spec.entitlements.expires_at.value: license for app \"my-app\" "
                                 "expired on 2030-01-01T00:00:00Z"});
  Run two_docs = Read({}, "licenseFile: lic.yaml, licenseKeyFile: keys.pem",
                      {{"lic.yaml", Signed() + "---\n" + Signed()}, {"keys.pem", KeyFile()}});
  CHECK(two_docs.messages ==
        std::vector<std::string>{"functionConfig data.licenseFile: \"lic.yaml\": license file "
                                 "holds more than one YAML document: it must hold the License "
                                 "alone"});
}

TEST_CASE("files that cannot be read or used are errors naming the setting") {
  Run absent = Read({}, "licenseFile: nowhere.yaml");
  CHECK(absent.messages == std::vector<std::string>{"functionConfig data.licenseFile: "
                                                    "\"nowhere.yaml\" cannot be opened: No such "
                                                    "file or directory"});
  CHECK(absent.read.given);
  Run big =
      Read({}, "licenseFile: big.yaml", {{"big.yaml", std::string(kMaxLicenseFileBytes + 1, '#')}});
  CHECK(big.messages == std::vector<std::string>{"functionConfig data.licenseFile: \"big.yaml\" "
                                                 "is larger than the limit of 1048576 bytes"});
  Run no_keys = Read({Local(Signed())}, "licenseKeyFile: keys.pem");
  CHECK(no_keys.messages == std::vector<std::string>{"functionConfig data.licenseKeyFile: "
                                                     "\"keys.pem\" cannot be opened: No such file "
                                                     "or directory"});
  Run not_keys = Read({Local(Signed())}, "licenseKeyFile: keys.pem", {{"keys.pem", "hello\n"}});
  CHECK(not_keys.messages ==
        std::vector<std::string>{"functionConfig data.licenseKeyFile: \"keys.pem\" cannot be "
                                 "used: license key file holds no PEM public key"});
}

TEST_CASE("signed values must have the forms configured ones must have") {
  auto signed_with = [](const char* path, const char* value) {
    return Local(SignedLicenseYaml(WithField(FullSpec(), path, value)));
  };
  std::map<std::string, std::string> keys = {{"keys.pem", KeyFile()}};
  Run slug = Read({signed_with("appSlug", "\"My App\"")}, "licenseKeyFile: keys.pem", keys);
  CHECK(slug.messages == std::vector<std::string>{"License/test: spec.appSlug: license app slug "
                                                  "\"My App\" must be lowercase letters, digits "
                                                  "and '-'"});
  CHECK_FALSE(slug.read.identity.has_value());
  std::string bad_proxy = signed_with("replicatedProxyDomain", "\"https://images.example/x\"");
  Run proxy = Read({bad_proxy}, "licenseKeyFile: keys.pem", keys);
  CHECK(proxy.messages ==
        std::vector<std::string>{"License/test: spec.replicatedProxyDomain: license proxy host "
                                 "\"https://images.example/x\" (from replicatedProxyDomain) is "
                                 "not a host name"});
  // A host the configuration overrides is not used, so not checked.
  Run overridden = Read({bad_proxy}, "licenseKeyFile: keys.pem, proxyHost: p.example", keys);
  REQUIRE(overridden.read.identity.has_value());
  // An endpoint whose okteto namespace makes a host no registry has.
  std::string okteto = Local(SignedLicenseYaml(
      WithField(WithField(FullSpec(), "replicatedProxyDomain", "\"\""), "endpoint",
                "\"https://replicated-app-a_b.okteto.repldev.com\"")));
  Run derived = Read({okteto}, "licenseKeyFile: keys.pem", keys);
  CHECK(derived.messages ==
        std::vector<std::string>{"License/test: spec.endpoint: license proxy host "
                                 "\"registry-proxy-a_b.okteto.repldev.com\" (from endpoint) is "
                                 "not a host name"});
}

TEST_CASE("with settings that were not read, only the items' own problems are said") {
  auto doc = krm::Document::Load(Signed());
  auto config = krm::Document::Load("kind: ConfigMap\nmetadata: {name: c}\ndata: {nope: x}");
  Settings settings;
  std::vector<krm::Result> results;
  CHECK_FALSE(ParseSettings(config->root(), &settings, &results));
  results.clear();
  FakeFiles disk;
  LicenseRead read =
      ReadLicense({doc->root()}, settings, At("2026-01-01T00:00:00Z"), disk.Reader(), &results);
  CHECK(read.given);
  CHECK_FALSE(read.identity.has_value());
  REQUIRE(results.size() == 1);
  CHECK(results[0].field->path == "metadata.annotations");
}

TEST_CASE("License items are kind License of kots.io, in input order") {
  auto doc = krm::Document::Load(
      "- {apiVersion: kots.io/v1beta2, kind: License, metadata: {name: a}}\n"
      "- {apiVersion: v1, kind: License, metadata: {name: other}}\n"
      "- [not, a, mapping]\n"
      "- {apiVersion: kots.io/v1beta1, kind: License, metadata: {name: b}}\n");
  std::vector<krm::Node> items = LicenseItems(doc->root());
  REQUIRE(items.size() == 2);
  CHECK(krm::RefOf(items[0]).name == "a");
  CHECK(krm::RefOf(items[1]).name == "b");
}

}  // namespace
}  // namespace ppi
