// Instants in time, read from RFC 3339 text as Go's time.Parse(time.RFC3339)
// reads a License's expires_at: "2030-07-27T00:00:00Z",
// "2022-04-02T20:56:05.5+02:00". The same reader serves a clock pinned by
// the user, so a License and the clock agree on what a time means.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ppi::license {

// Seconds and nanoseconds since 1970-01-01T00:00:00Z, an absolute instant:
// the zone it was written in plays no part in comparisons.
struct Instant {
  int64_t seconds = 0;
  int32_t nanos = 0;  // 0 to 999,999,999

  friend bool operator<(const Instant& a, const Instant& b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos;
  }
  friend bool operator==(const Instant& a, const Instant& b) {
    return a.seconds == b.seconds && a.nanos == b.nanos;
  }
};

// YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 9 digits, then "Z" or
// ±HH:MM. Fields are range-checked (day within its month, leap years,
// seconds 0-59, offset hours 0-23). nullopt for anything else.
std::optional<Instant> ParseRfc3339(std::string_view text);

// The instant in UTC, "2030-07-27T00:00:00Z", with as many fraction digits
// as the nanoseconds need ("…05.5Z"); ParseRfc3339 reads it back. Years
// outside 0000-9999 are not representable and give "".
std::string FormatRfc3339(const Instant& at);

}  // namespace ppi::license
