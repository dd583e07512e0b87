#include "function/config/identity.h"

namespace ppi {
namespace {

void AppSlug(const Settings& s, const LicenseIdentity* license, Identity* id,
             std::vector<krm::Result>* errors) {
  const krm::FunctionConfig& fc = s.source;
  const std::optional<std::string>& configured = s.identity.app_slug;
  if (license) {
    id->app_slug = license->app_slug;
    if (configured && *configured != license->app_slug) {
      errors->push_back(fc.Problem(
          fc.FieldOf("appSlug"),
          "\"" + *configured + "\" differs from the License's \"" + license->app_slug + "\""));
    }
  } else if (configured) {
    id->app_slug = *configured;
  } else {
    errors->push_back(fc.Problem("appSlug",
                                 "is required: the application slug used in proxied "
                                 "image names and the pull secret's name"));
  }
}

void LicenseId(const Settings& s, const EnvLookup& env, const LicenseIdentity* license,
               Identity* id, std::vector<krm::Result>* errors) {
  const krm::FunctionConfig& fc = s.source;
  const IdentitySettings& is = s.identity;
  if (license) {
    id->license_id = license->license_id;
    if (is.license_id || is.license_id_env_set) {
      const char* key = is.license_id ? "licenseID" : "licenseIDEnv";
      errors->push_back(fc.Problem(fc.FieldOf(key),
                                   "cannot be set beside a License, which holds the license ID"));
    }
    return;
  }
  if (is.license_id) {
    id->license_id = *is.license_id;
  } else if (const char* v = env ? env(is.license_id_env.c_str()) : nullptr) {
    id->license_id = v;
  }
  if (id->license_id.empty()) {
    errors->push_back(fc.Problem(fc.FieldOf("licenseID"),
                                 "no license ID: set licenseID, or set the environment variable " +
                                     is.license_id_env + " (named by licenseIDEnv)"));
  }
}

std::string FirstOf(const std::optional<std::string>& configured, const std::string& licensed,
                    const std::string& dflt) {
  if (configured) return *configured;
  return licensed.empty() ? dflt : licensed;
}

}  // namespace

bool ResolveIdentity(const Settings& s, const EnvLookup& env, const LicenseIdentity* license,
                     Identity* id, std::vector<krm::Result>* results) {
  std::vector<krm::Result> errors;
  AppSlug(s, license, id, &errors);
  LicenseId(s, env, license, id, &errors);
  id->proxy_host =
      FirstOf(s.identity.proxy_host, license ? license->proxy_host : "", kDefaultProxyHost);
  id->registry_host = FirstOf(s.identity.registry_host, license ? license->registry_host : "",
                              kDefaultRegistryHost);
  id->pull_secret_name = s.identity.pull_secret_name.value_or(id->app_slug + "-registry");
  id->pull_secret_username = s.identity.pull_secret_username;
  if (license) id->is_airgap_supported = license->is_airgap_supported;
  results->insert(results->end(), errors.begin(), errors.end());
  return errors.empty();
}

}  // namespace ppi
