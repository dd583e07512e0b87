#include "function/config/identity.h"

#include <catch2/catch.hpp>

namespace ppi {
namespace {

struct Resolved {
  bool ok;
  Identity id;
  std::vector<std::string> messages;
};

Resolved Resolve(const std::string& data, const LicenseIdentity* license,
                 const char* env_value = nullptr) {
  auto doc = krm::Document::Load("kind: ConfigMap\nmetadata: {name: c}\ndata: {" + data + "}");
  Settings s;
  std::vector<krm::Result> results;
  REQUIRE(ParseSettings(doc->root(), &s, &results));
  EnvLookup env = [env_value](const char* name) -> const char* {
    return std::string(name) == "LICENSE_ID" ? env_value : nullptr;
  };
  Resolved r;
  r.ok = ResolveIdentity(s, env, license, &r.id, &results);
  for (const krm::Result& result : results) r.messages.push_back(result.message);
  return r;
}

LicenseIdentity License() {
  return LicenseIdentity{"licensed-app", "signed-lic-1", "proxy.licensed.example", "", true};
}

TEST_CASE("without a License: appSlug and a license ID are required") {
  Resolved r = Resolve("licenseIDEnv: NOPE", nullptr);
  CHECK_FALSE(r.ok);
  CHECK(r.messages ==
        std::vector<std::string>{
            "functionConfig appSlug: is required: the application slug used in proxied image "
            "names and the pull secret's name",
            "functionConfig licenseID: no license ID: set licenseID, or set the environment "
            "variable NOPE (named by licenseIDEnv)"});
  Resolved env = Resolve("appSlug: app", nullptr, "from-env");
  CHECK(env.ok);
  CHECK(env.id.license_id == "from-env");
  CHECK_FALSE(env.id.is_airgap_supported.has_value());  // no License says
  Resolved given = Resolve("appSlug: app, licenseID: given", nullptr, "from-env");
  CHECK(given.id.license_id == "given");
}

TEST_CASE("a License supplies the app slug, the license ID and its hosts") {
  LicenseIdentity license = License();
  Resolved r = Resolve("", &license);
  REQUIRE(r.ok);
  CHECK(r.id.app_slug == "licensed-app");
  CHECK(r.id.license_id == "signed-lic-1");
  CHECK(r.id.proxy_host == "proxy.licensed.example");
  CHECK(r.id.registry_host == "registry.replicated.com");  // the License names none
  CHECK(r.id.pull_secret_name == "licensed-app-registry");
  CHECK(r.id.is_airgap_supported == std::optional<bool>(true));
  // explicit hosts win over the License
  Resolved hosts = Resolve("proxyHost: p.example, registryHost: r.example", &license);
  CHECK(hosts.id.proxy_host == "p.example");
  CHECK(hosts.id.registry_host == "r.example");
}

TEST_CASE("a License beside a conflicting appSlug or license ID setting is an error") {
  LicenseIdentity license = License();
  Resolved slug = Resolve("appSlug: other", &license);
  CHECK(slug.messages == std::vector<std::string>{"functionConfig data.appSlug: \"other\" "
                                                  "differs from the License's \"licensed-app\""});
  CHECK(Resolve("appSlug: licensed-app", &license).ok);
  Resolved id = Resolve("licenseID: typed-in", &license);
  CHECK(id.messages == std::vector<std::string>{"functionConfig data.licenseID: cannot be set "
                                                "beside a License, which holds the license ID"});
  CHECK_FALSE(Resolve("licenseIDEnv: MY_LICENSE", &license).ok);
  for (const std::string& m : id.messages) CHECK(m.find("typed-in") == std::string::npos);
}

}  // namespace
}  // namespace ppi
