// The pull Secret (SPEC §3): a kubernetes.io/dockerconfigjson Secret whose
// credentials come from the target (the license, for the proxy). The
// password goes into its data and nowhere else.
#pragma once

#include <string>
#include <string_view>

#include "function/plan/plan.h"
#include "function/target/action.h"
#include "krm/value.h"

namespace ppi {

inline constexpr const char* kDockerConfigJsonType = "kubernetes.io/dockerconfigjson";

std::string Base64(std::string_view data);

// {"auths":{"<host>":{"auth":base64(user:password)},…}}, one entry a host.
std::string DockerConfigJson(const RegistryCredentials& credentials);

// A new Secret resource, with kpt's path and index annotations so that
// `kpt fn render` writes it to its file.
krm::Value NewPullSecret(const PullSecret& secret);

}  // namespace ppi
