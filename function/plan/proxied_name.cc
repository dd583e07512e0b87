#include "function/plan/proxied_name.h"

#include <algorithm>
#include <variant>

#include "function/image/image_ref.h"

namespace ppi {
namespace {

bool HasUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

struct HostProblem {
  std::string fact;    // what keeps the host out of a path
  std::string advice;  // what the user can do
};

// What in a source registry's host keeps it out of a path, if anything.
std::optional<HostProblem> HostProblemOf(const std::string& domain) {
  if (!domain.empty() && domain.front() == '[') {
    return HostProblem{"an IPv6 registry address cannot be part of a proxied name",
                       "exclude the image, or host it on a registry with a host name"};
  }
  if (domain.find(':') != std::string::npos) {
    return HostProblem{"a registry port cannot be part of a proxied name",
                       "exclude the image, or host it on a registry without a port"};
  }
  if (HasUpper(domain)) {
    return HostProblem{"a registry host in upper case cannot be part of a proxied name",
                       "write the host in lower case"};
  }
  return std::nullopt;
}

// The reference after "<host>/proxy/<slug>/", when `image` has that shape.
std::optional<ImageRef> InnerReference(std::string_view image) {
  size_t host = image.find('/');
  if (host == std::string_view::npos || image.substr(host + 1, 6) != "proxy/") return std::nullopt;
  size_t slug = image.find('/', host + 7);
  if (slug == std::string_view::npos) return std::nullopt;
  auto inner = ParseImageRef(image.substr(slug + 1));
  if (const ImageRef* ref = std::get_if<ImageRef>(&inner)) return *ref;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> RewriteRefusal(std::string_view source, std::string_view rewritten) {
  auto parsed = ParseImageRef(rewritten);
  if (std::holds_alternative<ImageRef>(parsed)) return std::nullopt;
  auto from = ParseImageRef(source);
  if (const ImageRef* ref = std::get_if<ImageRef>(&from)) {
    if (std::optional<HostProblem> p = HostProblemOf(ref->domain))
      return p->fact + "; " + p->advice;
  }
  return "it cannot be rewritten: " + std::get<RefError>(parsed).message;
}

std::optional<std::string> KeptRefusal(std::string_view image) {
  auto parsed = ParseImageRef(image);
  if (std::holds_alternative<ImageRef>(parsed)) return std::nullopt;
  std::string why = std::get<RefError>(parsed).message;
  if (std::optional<ImageRef> inner = InnerReference(image)) {
    if (std::optional<HostProblem> p = HostProblemOf(inner->domain)) why = p->fact;
  }
  return "runtimes refuse this reference (" + why + "); it is left as written";
}

}  // namespace ppi
