#include "function/config/clock.h"

#include <ctime>

namespace ppi {

license::Instant SystemNow() {
  license::Instant now;
  now.seconds = static_cast<int64_t>(std::time(nullptr));
  return now;
}

bool ReadClock(const EnvLookup& env, const Clock& system, license::Instant* now,
               std::string* error) {
  *now = system ? system() : SystemNow();
  const char* pinned = env ? env("PPI_NOW") : nullptr;
  if (pinned == nullptr) return true;
  std::optional<license::Instant> at = license::ParseRfc3339(pinned);
  if (!at) {
    *error = std::string("environment variable PPI_NOW: \"") + pinned +
             "\" is not an RFC 3339 time (e.g. 2025-01-01T00:00:00Z)";
    return false;
  }
  *now = *at;
  return true;
}

}  // namespace ppi
