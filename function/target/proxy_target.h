// The license-aware pull-through proxy (SPEC §2): what a private image is
// rewritten to, and which images are the proxy's own.
//
//   already under <proxyHost>/proxy/  kept, pull Secret attached
//   on registryHost                   kept, pull Secret attached
//   on registry.replicated.com while a custom registryHost is set
//                                     host replaced, pull Secret attached
//   public                            kept
//   private                           <proxyHost>/proxy/<appSlug>/<name><suffix>, the
//                                     name as written (or normalised: dockerHubNames),
//                                     tag and digest exactly as written
//   missing, unreachable, rate-limited  onMissing, onUnreachable, onRateLimited
//
// The pull Secret holds LICENSE_ID:<license ID> (pullSecretUsername) for
// the proxy host and the registry host.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "function/classify/verdict.h"
#include "function/config/identity.h"
#include "function/config/settings.h"
#include "function/image/image_ref.h"
#include "function/target/action.h"

namespace ppi {

struct ProxyTarget {
  std::string proxy_host = kDefaultProxyHost;
  std::string registry_host = kDefaultRegistryHost;
  std::string app_slug;
  HubNames hub_names = HubNames::kAsWritten;
  Policies policies;
  RegistryCredentials credentials;

  // `ref` is the parsed image, or null when `image` is not a valid
  // reference (a proxied name may hold a registry port: registry:5000/…).
  std::optional<OwnImage> Own(std::string_view image, const ImageRef* ref) const;
  bool NeedsVisibility() const { return true; }
  TargetAction Act(const ImageRef& ref, const Verdict* verdict) const;
  const RegistryCredentials& Credentials() const { return credentials; }

  // "<proxyHost>/proxy/<appSlug>/<name><tag/digest as written>".
  std::string ProxiedName(const ImageRef& ref) const;
};

ProxyTarget MakeProxyTarget(const Identity& identity, const Settings& settings);

}  // namespace ppi
