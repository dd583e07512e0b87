// A rewritten image must itself be a reference that runtimes accept
// (SPEC §11). containerd and the kubelet read names by the distribution
// grammar (function/image/image_ref.h); a name under the proxy carries the
// source registry inside its path, where a port (":5000"), an IPv6 address
// or upper case cannot stand, so such an image cannot be proxied.
// Replicated documents the proxied form as
// <proxy>/proxy/<app slug>/<upstream registry hostname>/….
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ppi {

// Why `rewritten`, the name the image `source` would be rewritten to, is not
// a reference a runtime accepts, with what the user can do; nullopt when it
// is one.
std::optional<std::string> RewriteRefusal(std::string_view source, std::string_view rewritten);

// Why `image`, which the run leaves as the user wrote it (a name under the
// proxy that KOTS wrote with a registry port, kept as the proxy's own or
// excluded), is a reference runtimes refuse; nullopt when they accept it.
std::optional<std::string> KeptRefusal(std::string_view image);

}  // namespace ppi
