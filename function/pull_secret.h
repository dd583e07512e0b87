// The pull secret (SPEC §3): a kubernetes.io/dockerconfigjson Secret whose
// credentials are the license. The license ID goes into its data and
// nowhere else.
#pragma once

#include <string>
#include <string_view>

#include "function/config.h"
#include "krm/value.h"

namespace ppi {

std::string Base64(std::string_view data);

// {"auths":{"<proxyHost>":{"auth":…},"<registryHost>":{"auth":…}}}
std::string DockerConfigJson(const Config& config);

// The Secret resource for one namespace ("" for none), with kpt's path and
// index annotations so `kpt fn render` writes it to `path`.
krm::Value NewPullSecret(const Config& config, const std::string& ns, const std::string& path,
                         int index);

}  // namespace ppi
