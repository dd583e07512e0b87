#include "function/config/clock.h"

#include <catch2/catch.hpp>
#include <map>

namespace ppi {
namespace {

struct Read {
  bool ok;
  license::Instant now;
  std::string error;
};

Read With(const std::map<std::string, std::string>& vars) {
  EnvLookup env = [&vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
  Clock system = [] { return license::Instant{1700000000, 0}; };
  Read r;
  r.ok = ReadClock(env, system, &r.now, &r.error);
  return r;
}

TEST_CASE("the clock is the system's unless PPI_NOW pins it") {
  Read system = With({});
  CHECK(system.ok);
  CHECK(system.now == license::Instant{1700000000, 0});
  Read pinned = With({{"PPI_NOW", "2025-01-01T00:00:00Z"}});
  CHECK(pinned.ok);
  CHECK(license::FormatRfc3339(pinned.now) == "2025-01-01T00:00:00Z");
  Read zoned = With({{"PPI_NOW", "2025-01-01T02:00:00.25+02:00"}});
  CHECK(license::FormatRfc3339(zoned.now) == "2025-01-01T00:00:00.25Z");
}

TEST_CASE("a PPI_NOW that is not RFC 3339 is an error naming the variable") {
  for (const char* bad : {"", "yesterday", "2025-01-01", "2025-01-01 00:00:00Z",
                          "2025-02-30T00:00:00Z", "1735689600"}) {
    INFO(bad);
    Read r = With({{"PPI_NOW", bad}});
    CHECK_FALSE(r.ok);
    CHECK(r.error == std::string("environment variable PPI_NOW: \"") + bad +
                         "\" is not an RFC 3339 time (e.g. 2025-01-01T00:00:00Z)");
    CHECK(r.now == license::Instant{1700000000, 0});
  }
}

TEST_CASE("the system clock is now, to the second") {
  license::Instant a = SystemNow();
  CHECK(a.nanos == 0);
  CHECK(a.seconds > 1700000000);  // after November 2023
}

}  // namespace
}  // namespace ppi
