// Who the run acts for: the application, its license, the hosts the
// license is good for and the pull Secret's name. The settings may name
// them; the license ID may come from the environment; a verified License
// (when the function reads one) supplies what it signs.
//
// Precedence, field by field:
//   appSlug       the License's; a configured appSlug must then equal it.
//                 Without a License: appSlug, required.
//   license ID    the License's; licenseID or licenseIDEnv set explicitly
//                 beside a License is an error (two answers to one
//                 question). Without a License: licenseID, else the
//                 variable named by licenseIDEnv (default LICENSE_ID).
//   proxyHost     proxyHost, else the License's, else proxy.replicated.com.
//   registryHost  registryHost, else the License's, else
//                 registry.replicated.com.
//   Secret name   pullSecretName, else <appSlug>-registry.
//   air gap       whether the License allows air-gap installs (for a
//                 local-registry target); unknown without a License.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "function/common/env.h"
#include "function/config/settings.h"
#include "krm/result.h"

namespace ppi {

inline constexpr const char* kDefaultProxyHost = "proxy.replicated.com";
inline constexpr const char* kDefaultRegistryHost = "registry.replicated.com";

// What a verified License contributes: every value from its signed data.
// An empty host means the License names none.
struct LicenseIdentity {
  std::string app_slug;
  std::string license_id;  // never printed
  std::string proxy_host;
  std::string registry_host;
  bool is_airgap_supported = false;
};

struct Identity {
  std::string app_slug;
  std::string license_id;  // never printed
  std::string proxy_host = kDefaultProxyHost;
  std::string registry_host = kDefaultRegistryHost;
  std::string pull_secret_name;
  std::string pull_secret_username = "LICENSE_ID";
  std::optional<bool> is_airgap_supported;  // nullopt: no License says
};

// Settles the identity. Problems are appended to `results` as errors naming
// the setting (never the license ID); returns false when there was any.
// `license` is null when no License was read.
bool ResolveIdentity(const Settings& settings, const EnvLookup& env, const LicenseIdentity* license,
                     Identity* identity, std::vector<krm::Result>* results);

}  // namespace ppi
