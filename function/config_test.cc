#include "function/config.h"

#include <catch2/catch.hpp>

namespace ppi {
namespace {

struct Parsed {
  bool ok;
  Config config;
  std::vector<krm::Result> results;
};

Parsed ParseText(const std::string& yaml, const char* env_value = nullptr) {
  Parsed p;
  EnvLookup env = [env_value](const char* name) -> const char* {
    return std::string(name) == "LICENSE_ID" ? env_value : nullptr;
  };
  auto doc = krm::Document::Load(yaml);
  p.ok = ParseConfig(doc->root(), env, &p.config, &p.results);
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
    const Config& c = p->config;
    CHECK(c.app_slug == "app");
    CHECK(c.license_id == "lic");
    CHECK(c.pull_secret_name == "app-registry");
    CHECK(c.private_patterns.patterns() == std::vector<std::string>{"quay.io/a/*", "ghcr.io/b/*"});
    CHECK(c.proxy_all);
    CHECK(c.attach == AttachPolicy::kAll);
    CHECK(c.hub_names == HubNames::kNormalized);
    CHECK(c.probe == ProbeMode::kOffline);
    CHECK(c.probe_options.timeout_seconds == 5);
    CHECK(c.probe_options.insecure_registries == std::vector<std::string>{"localhost:5000"});
    CHECK(c.on_missing == Policy::kFail);
    REQUIRE(c.image_fields.size() == 1);
    CHECK(c.image_fields[0].kind == "P");
    CHECK(c.image_fields[0].path == std::vector<std::string>{"spec", "image"});
  }
}

TEST_CASE("defaults") {
  Parsed p = ParseText("kind: ConfigMap\ndata: {appSlug: app}", "from-env");
  REQUIRE(p.ok);
  CHECK(p.config.license_id == "from-env");
  CHECK(p.config.proxy_host == "proxy.replicated.com");
  CHECK(p.config.registry_host == "registry.replicated.com");
  CHECK(p.config.pull_secret_username == "LICENSE_ID");
  CHECK(p.config.attach == AttachPolicy::kNeeded);
  CHECK(p.config.probe == ProbeMode::kOnline);
  CHECK(p.config.on_missing == Policy::kProxy);
  CHECK(p.config.on_unreachable == Policy::kFail);
  CHECK(p.config.on_rate_limited == Policy::kProxy);
  CHECK(p.config.probe_options.timeout_seconds == 10);
  CHECK(p.config.probe_options.concurrency == 64);
}

TEST_CASE("errors name the field and never the license") {
  Parsed p = ParseText(
      "kind: ConfigMap\nmetadata: {name: c}\ndata: {appSlug: App_1, licenseID: secret-lic-9, "
      "privat: x, imageFields: 'nocolon', pullSecretName: 'Bad Name'}");
  CHECK_FALSE(p.ok);
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

TEST_CASE("a missing license or appSlug is an error") {
  Parsed p = ParseText("kind: ConfigMap\ndata: {licenseIDEnv: NOPE}");
  CHECK(Messages(p) ==
        std::vector<std::string>{
            "functionConfig appSlug: is required: the application slug used in proxied image "
            "names and the pull secret's name",
            "functionConfig licenseID: no license ID: set licenseID, or set the environment "
            "variable NOPE (named by licenseIDEnv)"});
}

}  // namespace
}  // namespace ppi
