#include "function/license/instant.h"

#include <catch2/catch.hpp>
#include <ctime>
#include <random>

namespace ppi::license {
namespace {

int64_t Seconds(std::string_view text) {
  std::optional<Instant> at = ParseRfc3339(text);
  REQUIRE(at.has_value());
  return at->seconds;
}

TEST_CASE("RFC 3339 times are absolute instants") {
  CHECK(Seconds("1970-01-01T00:00:00Z") == 0);
  CHECK(Seconds("2030-07-27T00:00:00Z") == 1911340800);
  CHECK(Seconds("2025-12-31T23:59:59Z") == 1767225599);
  CHECK(Seconds("2026-01-01T00:00:00+01:00") == Seconds("2025-12-31T23:00:00Z"));
  CHECK(Seconds("2025-12-31T18:59:59-05:00") == Seconds("2025-12-31T23:59:59Z"));
  CHECK(Seconds("1969-12-31T23:59:59Z") == -1);
  CHECK(Seconds("2000-02-29T00:00:00Z") == 951782400);
  CHECK(Seconds("0001-01-01T00:00:00Z") == -62135596800);
  CHECK(Seconds("9999-12-31T23:59:59Z") == 253402300799);
}

TEST_CASE("RFC 3339 fractions of a second count") {
  std::optional<Instant> a = ParseRfc3339("2022-04-02T20:56:05.5Z");
  REQUIRE(a);
  CHECK(a->nanos == 500000000);
  std::optional<Instant> b = ParseRfc3339("2022-04-02T20:56:05.000000001Z");
  REQUIRE(b);
  CHECK(b->nanos == 1);
  CHECK(*ParseRfc3339("2022-04-02T20:56:05Z") < *b);
  CHECK(*b < *a);
}

TEST_CASE("RFC 3339 refuses what Go's time.RFC3339 refuses") {
  for (const char* bad : {"",
                          "2030-07-27",
                          "2030-07-27T00:00:00",
                          "2030-07-27 00:00:00Z",
                          "2030-07-27t00:00:00Z",
                          "2030-07-27T00:00:00z",
                          "2030-7-27T00:00:00Z",
                          "2030-13-01T00:00:00Z",
                          "2030-00-01T00:00:00Z",
                          "2030-02-29T00:00:00Z",
                          "1900-02-29T00:00:00Z",
                          "2030-04-31T00:00:00Z",
                          "2030-07-27T24:00:00Z",
                          "2030-07-27T00:60:00Z",
                          "2030-07-27T00:00:60Z",
                          "2030-07-27T00:00:00.Z",
                          "2030-07-27T00:00:00.1234567891Z",
                          "2030-07-27T00:00:00+0100",
                          "2030-07-27T00:00:00+24:00",
                          "2030-07-27T00:00:00+01:60",
                          "2030-07-27T00:00:00Z ",
                          " 2030-07-27T00:00:00Z",
                          "+2030-07-27T00:00:00Z",
                          "2030-07-27T00:00:00UTC"}) {
    INFO(bad);
    CHECK(!ParseRfc3339(bad).has_value());
  }
}

TEST_CASE("RFC 3339 agrees with timegm on random dates") {
  std::mt19937 random(3);
  for (int i = 0; i < 2000; ++i) {
    std::tm tm{};
    tm.tm_year = static_cast<int>(random() % 8000) + 1000 - 1900;
    tm.tm_mon = static_cast<int>(random() % 12);
    tm.tm_mday = static_cast<int>(random() % 28) + 1;
    tm.tm_hour = static_cast<int>(random() % 24);
    tm.tm_min = static_cast<int>(random() % 60);
    tm.tm_sec = static_cast<int>(random() % 60);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    INFO(text);
    CHECK(Seconds(text) == static_cast<int64_t>(timegm(&tm)));
  }
}

TEST_CASE("instants are written in UTC and read back") {
  CHECK(FormatRfc3339(Instant{0, 0}) == "1970-01-01T00:00:00Z");
  CHECK(FormatRfc3339(Instant{1911340800, 0}) == "2030-07-27T00:00:00Z");
  CHECK(FormatRfc3339(Instant{-1, 0}) == "1969-12-31T23:59:59Z");
  CHECK(FormatRfc3339(Instant{951782400, 500000000}) == "2000-02-29T00:00:00.5Z");
  CHECK(FormatRfc3339(Instant{951782400, 1}) == "2000-02-29T00:00:00.000000001Z");
  CHECK(FormatRfc3339(*ParseRfc3339("2026-01-01T00:00:00+01:00")) == "2025-12-31T23:00:00Z");
  CHECK(FormatRfc3339(Instant{253402300800, 0}) == "");
  std::mt19937_64 random(9);
  for (int i = 0; i < 2000; ++i) {
    Instant at{static_cast<int64_t>(random() % 315537897600ULL) - 62135596800LL,
               static_cast<int32_t>(random() % 1000000000)};
    std::string text = FormatRfc3339(at);
    INFO(text);
    std::optional<Instant> back = ParseRfc3339(text);
    REQUIRE(back.has_value());
    CHECK(*back == at);
  }
}

}  // namespace
}  // namespace ppi::license
