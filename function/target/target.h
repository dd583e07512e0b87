// Targets: where the images a run rewrites go, and with which credentials.
// Classification says whether an image is public or private; the target
// says what to write for it. Each target has the same four members:
//
//   std::optional<OwnImage> Own(image, ref)  an image the target made or
//       serves itself, decided without classification (idempotence: a
//       second run must find its own output and leave it);
//   bool NeedsVisibility()  whether Act needs a verdict at all (a local
//       registry takes every image, public or not);
//   TargetAction Act(ref, verdict)  rewrite, keep, or fail;
//   const RegistryCredentials& Credentials()  what the pull Secret holds.
//
// Today there is one, ProxyTarget (target/proxy_target.h). A local
// registry (air-gap) target joins the variant as a second alternative;
// the functions below dispatch with std::visit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "function/classify/verdict.h"
#include "function/image/image_ref.h"
#include "function/target/proxy_target.h"

namespace ppi {

using Target = std::variant<ProxyTarget>;

inline std::optional<OwnImage> OwnImageOf(const Target& t, std::string_view image,
                                          const ImageRef* ref) {
  return std::visit([&](const auto& target) { return target.Own(image, ref); }, t);
}

inline bool NeedsVisibility(const Target& t) {
  return std::visit([](const auto& target) { return target.NeedsVisibility(); }, t);
}

// `verdict` is null when nothing classified the image and NeedsVisibility
// is false.
inline TargetAction ActOn(const Target& t, const ImageRef& ref, const Verdict* verdict) {
  return std::visit([&](const auto& target) { return target.Act(ref, verdict); }, t);
}

inline const RegistryCredentials& CredentialsOf(const Target& t) {
  return std::visit(
      [](const auto& target) -> const RegistryCredentials& { return target.Credentials(); }, t);
}

}  // namespace ppi
