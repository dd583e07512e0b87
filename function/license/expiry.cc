#include "function/license/expiry.h"

namespace ppi::license {
namespace {

constexpr const char* kField = "spec.entitlements.expires_at.value";

LicenseError BadExpiry(const std::string& why) {
  return Error(ErrorKind::kBadExpiry, kField, "license entitlement \"expires_at\" " + why);
}

}  // namespace

std::variant<Expiry, LicenseError> ReadExpiry(const SpecView& signed_spec) {
  const EntitlementView* e = signed_spec.Entitlement("expires_at");
  if (e == nullptr) return Expiry{};
  const Typed value_type = e->Field("valueType");
  if (value_type.text != "" && value_type.text != "String") {
    return BadExpiry("has valueType " + Quote(value_type.text) + ", not String");
  }
  if (!e->value.is(Typed::Kind::kString)) return BadExpiry("is not a string");
  if (e->value.text.empty()) return Expiry{};
  std::optional<Instant> at = ParseRfc3339(e->value.text);
  if (!at) return BadExpiry(Quote(e->value.text) + " is not an RFC 3339 time");
  return Expiry{at, e->value.text};
}

}  // namespace ppi::license
