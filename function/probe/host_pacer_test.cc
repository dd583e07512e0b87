#include "function/probe/host_pacer.h"

#include <catch2/catch.hpp>

using ppi::HostPacer;

TEST_CASE("host pacer: the rules of host_pacer.h", "[host_pacer]") {
  HostPacer pacer(5000);
  SECTION("1. unpaced until a 429") {
    for (int i = 0; i < 5; ++i) CHECK(pacer.Reserve("https://a", 100) == 0);
    CHECK(pacer.NextTurnIn("https://a", 100) == 0);
  }
  SECTION("2. a 429 spaces the origin's requests a second apart") {
    pacer.OnRateLimited("https://a", 100, -1);
    CHECK(pacer.Reserve("https://a", 100) == 0);
    CHECK(pacer.Reserve("https://a", 100) == 1000);
    CHECK(pacer.Reserve("https://a", 600) == 1500);
    CHECK(pacer.Reserve("https://a", 10000) == 0);  // turns do not pile up while idle
    CHECK(pacer.Reserve("https://other", 100) == 0);
  }
  SECTION("2. Retry-After holds every request back until then") {
    pacer.OnRateLimited("https://a", 100, 3000);
    CHECK(pacer.NextTurnIn("https://a", 100) == 3000);
    CHECK(pacer.Reserve("https://a", 100) == 3000);
    CHECK(pacer.Reserve("https://a", 100) == 4000);
  }
  SECTION("4. a turn too far away is not reserved") {
    pacer.OnRateLimited("https://a", 0, 60000);
    CHECK(pacer.Reserve("https://a", 0) == -1);
    CHECK(pacer.NextTurnIn("https://a", 0) == 60000);
    CHECK(pacer.Reserve("https://a", 56000) == 4000);
  }
}
