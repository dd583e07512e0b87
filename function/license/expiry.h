// A License's expiry: the signed entitlement expires_at, read as KOTS'
// LicenseIsExpired reads it (KOTS-LICENSE.md §7):
//   1. Absent, or a value of "", never expires.
//   2. Its valueType is "" or String, and its value a string; else an error.
//   3. The value is RFC 3339 (instant.h); else an error.
//   4. The License is expired when that instant is before now; at the very
//      instant it is not yet expired.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "function/license/instant.h"
#include "function/license/license_error.h"
#include "function/license/license_spec.h"

namespace ppi::license {

struct Expiry {
  std::optional<Instant> at;  // nullopt: never expires
  std::string text;           // as signed, e.g. "2030-07-27T00:00:00Z"; "" for never
};

// Steps 1 to 3, from the signed spec.
std::variant<Expiry, LicenseError> ReadExpiry(const SpecView& signed_spec);

// Step 4.
inline bool IsExpired(const Expiry& expiry, const Instant& now) {
  return expiry.at.has_value() && *expiry.at < now;
}

}  // namespace ppi::license
