#include "function/proxied_name.h"

#include <algorithm>
#include <variant>

#include "function/image_ref.h"

namespace ppi {
namespace {

bool HasUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// What in the source's registry host keeps it out of a path, if anything.
std::optional<std::string> HostProblem(const std::string& domain) {
  if (!domain.empty() && domain.front() == '[') {
    return "an IPv6 registry address cannot be part of a proxied name; exclude the image, or "
           "host it on a registry with a host name";
  }
  if (domain.find(':') != std::string::npos) {
    return "a registry port cannot be part of a proxied name; exclude the image, or host it on "
           "a registry without a port";
  }
  if (HasUpper(domain)) {
    return "a registry host in upper case cannot be part of a proxied name; write the host in "
           "lower case";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> RewriteRefusal(std::string_view source, std::string_view rewritten) {
  auto parsed = ParseImageRef(rewritten);
  if (std::holds_alternative<ImageRef>(parsed)) return std::nullopt;
  auto from = ParseImageRef(source);
  if (const ImageRef* ref = std::get_if<ImageRef>(&from)) {
    if (std::optional<std::string> why = HostProblem(ref->domain)) return why;
  }
  return "it cannot be rewritten: " + std::get<RefError>(parsed).message;
}

}  // namespace ppi
