// The run's clock: one instant, read once, for a License's expiry and for
// the time the probe record stamps on a probe made in this run. The
// environment variable PPI_NOW (RFC 3339, e.g. 2025-01-01T00:00:00Z) pins
// it, for tests and reproducible runs; otherwise it is the system clock.
#pragma once

#include <functional>
#include <string>

#include "function/common/env.h"
#include "function/license/instant.h"

namespace ppi {

using Clock = std::function<license::Instant()>;

// The system clock, to the second.
license::Instant SystemNow();

// PPI_NOW when set, else `system` (SystemNow when null). On a bad value
// returns false with a message naming the variable; `now` is then the
// system's.
bool ReadClock(const EnvLookup& env, const Clock& system, license::Instant* now,
               std::string* error);

}  // namespace ppi
