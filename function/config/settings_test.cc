#include "function/config/settings.h"

#include <catch2/catch.hpp>

#include "function/config/identity.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

struct Parsed {
  bool ok;
  Settings settings;
  Identity identity;
  std::vector<krm::Result> results;
};

// ParseSettings, then (when the settings were read) ResolveIdentity, as
// the pipeline runs them.
Parsed ParseText(const std::string& yaml, const char* env_value = nullptr) {
  Parsed p;
  EnvLookup env = [env_value](const char* name) -> const char* {
    return std::string(name) == "LICENSE_ID" ? env_value : nullptr;
  };
  auto doc = krm::Document::Load(yaml);
  p.ok = ParseSettings(doc->root(), &p.settings, &p.results);
  if (p.settings.read) {
    p.ok = ResolveIdentity(p.settings, env, nullptr, &p.identity, &p.results) && p.ok;
  }
  return p;
}

std::vector<std::string> Messages(const Parsed& p) {
  std::vector<std::string> out;
  for (const auto& r : p.results) out.push_back(r.message);
  return out;
}

TEST_CASE("ConfigMap and ProxyPrivateImages forms mean the same") {
  Parsed a = ParseText(
      "kind: ConfigMap\nmetadata: {name: c}\ndata: {appSlug: app, licenseID: lic, "
      "private: 'quay.io/a/*, ghcr.io/b/*', proxyAll: 'true', attachPullSecret: all, "
      "dockerHubNames: normalized, probe: offline, probeTimeoutSeconds: '5', "
      "insecureRegistries: 'localhost:5000', onMissing: fail, imageFields: 'P:spec.image'}");
  Parsed b = ParseText(
      "apiVersion: fn.proxy-private-images.io/v1alpha1\nkind: ProxyPrivateImages\n"
      "metadata: {name: c}\nspec:\n  appSlug: app\n  licenseID: lic\n"
      "  private: [quay.io/a/*, ghcr.io/b/*]\n  proxyAll: true\n  attachPullSecret: all\n"
      "  dockerHubNames: normalized\n  probe: offline\n  probeTimeoutSeconds: 5\n"
      "  insecureRegistries: [localhost:5000]\n  onMissing: fail\n  imageFields: [P:spec.image]\n");
  for (const Parsed* p : {&a, &b}) {
    INFO(Messages(*p).size());
    REQUIRE(p->ok);
    const Settings& s = p->settings;
    CHECK(s.identity.app_slug == std::optional<std::string>("app"));
    CHECK(p->identity.app_slug == "app");
    CHECK(p->identity.license_id == "lic");
    CHECK(p->identity.pull_secret_name == "app-registry");
    CHECK(s.private_patterns.patterns() == std::vector<std::string>{"quay.io/a/*", "ghcr.io/b/*"});
    CHECK(s.proxy_all);
    CHECK(s.attach == AttachPolicy::kAll);
    CHECK(s.hub_names == HubNames::kNormalized);
    CHECK(s.probe == ProbeMode::kOffline);
    CHECK(s.probe_options.timeout_seconds == 5);
    CHECK(s.probe_options.insecure_registries == std::vector<std::string>{"localhost:5000"});
    CHECK(s.policies.on_missing == Policy::kFail);
    REQUIRE(s.image_fields.size() == 1);
    CHECK(s.image_fields[0].kind == "P");
    CHECK(s.image_fields[0].path == std::vector<std::string>{"spec", "image"});
  }
}

TEST_CASE("defaults") {
  Parsed p = ParseText("kind: ConfigMap\ndata: {appSlug: app}", "from-env");
  REQUIRE(p.ok);
  CHECK(p.identity.license_id == "from-env");
  CHECK(p.identity.proxy_host == "proxy.replicated.com");
  CHECK(p.identity.registry_host == "registry.replicated.com");
  CHECK(p.identity.pull_secret_username == "LICENSE_ID");
  CHECK(p.settings.attach == AttachPolicy::kNeeded);
  CHECK(p.settings.probe == ProbeMode::kOnline);
  CHECK(p.settings.policies.on_missing == Policy::kProxy);
  CHECK(p.settings.policies.on_unreachable == Policy::kFail);
  CHECK(p.settings.policies.on_rate_limited == Policy::kProxy);
  CHECK(p.settings.probe_options.timeout_seconds == 10);
  CHECK(p.settings.probe_options.concurrency == 64);
}

TEST_CASE("settings are read without the environment") {
  auto doc = krm::Document::Load("kind: ConfigMap\ndata: {}");
  Settings s;
  std::vector<krm::Result> results;
  CHECK(ParseSettings(doc->root(), &s, &results));  // appSlug is the identity's to require
  CHECK(results.empty());
  CHECK(s.read);
  CHECK_FALSE(s.identity.app_slug);
  CHECK_FALSE(s.identity.license_id);
}

TEST_CASE("licenseFile and licenseKeyFile name files") {
  Parsed p = ParseText(
      "apiVersion: fn.proxy-private-images.io/v1alpha1\nkind: ProxyPrivateImages\n"
      "spec: {licenseFile: lic/license.yaml, licenseKeyFile: /keys/vendor.pem}");
  CHECK(p.settings.identity.license_file == std::optional<std::string>("lic/license.yaml"));
  CHECK(p.settings.identity.license_key_file == std::optional<std::string>("/keys/vendor.pem"));
  Parsed empty = ParseText(
      "kind: ConfigMap\ndata: {appSlug: a, licenseID: l, licenseFile: '', licenseKeyFile: ''}");
  CHECK(Messages(empty) ==
        std::vector<std::string>{"functionConfig data.licenseFile: \"\" must name a file",
                                 "functionConfig data.licenseKeyFile: \"\" must name a file"});
}

TEST_CASE("a functionConfig may be left out only when the caller says a License answers") {
  auto doc = krm::Document::Load("items: []");
  krm::Node absent = krm::ResourceList::Get(doc->root(), "functionConfig");
  Settings s;
  std::vector<krm::Result> results;
  CHECK(ParseSettings(absent, &s, &results, true));
  CHECK(s.read);
  CHECK(results.empty());
  Settings t;
  CHECK_FALSE(ParseSettings(absent, &t, &results));
  REQUIRE(results.size() == 1);
  CHECK(results[0].message.find("functionConfig: is missing: ") == 0);
}

TEST_CASE("errors name the field and never the license") {
  Parsed p = ParseText(
      "kind: ConfigMap\nmetadata: {name: c}\ndata: {appSlug: App_1, licenseID: secret-lic-9, "
      "privat: x, imageFields: 'nocolon', pullSecretName: 'Bad Name'}");
  CHECK_FALSE(p.ok);
  CHECK_FALSE(p.settings.read);
  CHECK(
      Messages(p) ==
      std::vector<std::string>{
          "functionConfig data.privat: unknown setting \"privat\" (see --help for the settings)"});
  Parsed q = ParseText(
      "kind: ConfigMap\nmetadata: {name: c}\ndata: {appSlug: App_1, licenseID: secret-lic-9, "
      "imageFields: 'nocolon', pullSecretName: 'Bad Name'}");
  CHECK(Messages(q) ==
        std::vector<std::string>{
            "functionConfig data.appSlug: \"App_1\" must be lowercase letters, digits and '-'",
            "functionConfig data.pullSecretName: \"Bad Name\" is not a valid Secret name",
            "functionConfig data.imageFields: \"nocolon\" is not Kind:path (e.g. "
            "Prometheus:spec.image)"});
  for (const auto& r : q.results) {
    CHECK(r.message.find("secret-lic-9") == std::string::npos);
    CHECK(r.severity == krm::Severity::kError);
    REQUIRE(r.field);
  }
}

TEST_CASE("the probe's limits keep to their ranges") {
  Parsed p = ParseText(
      "kind: ConfigMap\ndata: {appSlug: app, licenseID: l, probeTimeoutSeconds: '601', "
      "probeConcurrency: '0'}");
  CHECK(Messages(p) == std::vector<std::string>{
                           "functionConfig data.probeTimeoutSeconds: \"601\" must be a whole "
                           "number from 1 to 600",
                           "functionConfig data.probeConcurrency: \"0\" must be a whole number "
                           "from 1 to 256"});
}

}  // namespace
}  // namespace ppi
