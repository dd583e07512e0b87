#include "function/probe/retry.h"

#include <catch2/catch.hpp>

using ppi::DecideRetry;
using ppi::HttpError;
using ppi::HttpResponse;
using ppi::RetryPolicy;

namespace {

HttpResponse Status(long status, const char* retry_after = nullptr) {
  HttpResponse r;
  r.status = status;
  if (retry_after != nullptr) r.headers.emplace_back("retry-after", retry_after);
  return r;
}

HttpResponse Error(HttpError e) {
  HttpResponse r;
  r.error = e;
  return r;
}

}  // namespace

TEST_CASE("backoff doubles, is capped, and jitters into [d/2, d)", "[retry]") {
  RetryPolicy p;  // 250 ms base, 4000 ms cap
  struct Case {
    int attempts;
    double random;
    int64_t delay;
  };
  const Case cases[] = {{1, 0.0, 125},  {1, 0.999, 249}, {2, 0.0, 250},  {3, 0.5, 750},
                        {5, 0.0, 2000}, {9, 0.0, 2000},  {60, 0.0, 2000}};
  for (const Case& c : cases) {
    CAPTURE(c.attempts, c.random);
    CHECK(ppi::BackoffDelayMs(c.attempts, c.random, p) == c.delay);
  }
}

TEST_CASE("Retry-After", "[retry]") {
  const int64_t now = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(ppi::ParseRetryAfterMs("120", now) == 120000);
  CHECK(ppi::ParseRetryAfterMs(" 0 ", now) == 0);
  CHECK(ppi::ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:47 GMT", now) == 10000);
  CHECK(ppi::ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:00 GMT", now) == 0);
  CHECK(ppi::ParseRetryAfterMs("", now) == -1);
  CHECK(ppi::ParseRetryAfterMs("soon", now) == -1);
  CHECK(ppi::ParseRetryAfterMs("-5", now) == -1);
  CHECK(ppi::ParseRetryAfterMs("1.5", now) == -1);
  CHECK(ppi::ParseRetryAfterMs("99999999999999999999", now) == -1);
}

TEST_CASE("what is retried", "[retry]") {
  RetryPolicy p;
  struct Case {
    HttpResponse response;
    bool retry;
  };
  const Case cases[] = {
      {Status(408), true},
      {Status(429), true},
      {Status(500), true},
      {Status(503), true},
      {Status(599), true},
      {Status(200), false},
      {Status(401), false},
      {Status(403), false},
      {Status(404), false},
      {Status(400), false},
      {Error(HttpError::kDns), true},
      {Error(HttpError::kConnect), true},
      {Error(HttpError::kTimeout), true},
      {Error(HttpError::kOther), true},
      {Error(HttpError::kTls), false},
      {Error(HttpError::kForbiddenAddress), false},
      {Error(HttpError::kProtocol), false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.response.status, static_cast<int>(c.response.error));
    CHECK(DecideRetry(c.response, 1, 10000, 0, 0, p).retry == c.retry);
  }
}

TEST_CASE("retries stop at max attempts and at the deadline", "[retry]") {
  RetryPolicy p;
  CHECK(DecideRetry(Status(503), 2, 10000, 0, 0, p).retry);
  auto last = DecideRetry(Status(503), 3, 10000, 0, 0, p);
  CHECK_FALSE(last.retry);
  CHECK(last.why_not.empty());
  auto late = DecideRetry(Status(503), 1, 100, 0, 0, p);
  CHECK_FALSE(late.retry);
  CHECK(late.why_not == "no time left to retry");
}

TEST_CASE("Retry-After is honoured and capped by the time left", "[retry]") {
  RetryPolicy p;
  auto wait = DecideRetry(Status(429, "2"), 1, 10000, 0, 0, p);
  CHECK(wait.retry);
  CHECK(wait.delay_ms == 2000);
  auto shorter = DecideRetry(Status(429, "0"), 2, 10000, 0, 0, p);
  CHECK(shorter.delay_ms == 250);  // the backoff when it is longer
  auto too_long = DecideRetry(Status(429, "120"), 1, 10000, 0, 0, p);
  CHECK_FALSE(too_long.retry);
  CHECK(too_long.why_not == "Retry-After 120 s exceeds the time left");
}
