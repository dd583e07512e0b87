// When to try a request again: only on 408, 429, 5xx and network errors, at
// most max_attempts times, after an exponential backoff with jitter or the
// server's Retry-After if longer, and never past the probe's deadline.
#pragma once

#include <cstdint>
#include <string>

#include "function/probe/http_client.h"

namespace ppi {

struct RetryPolicy {
  int max_attempts = 3;
  int64_t base_delay_ms = 250;
  int64_t max_delay_ms = 4000;
};

// The backoff before the next attempt after `attempts_done` attempts:
// base * 2^(attempts_done - 1), capped, then scaled into [d/2, d) by
// `random01` in [0, 1).
int64_t BackoffDelayMs(int attempts_done, double random01, const RetryPolicy& policy);

// Retry-After as delta-seconds or an IMF-fixdate, in milliseconds from
// `now_unix_seconds`; -1 when absent or unparseable; 0 for dates passed.
int64_t ParseRetryAfterMs(const std::string& value, int64_t now_unix_seconds);

// 408, 429 and 5xx.
bool IsRetryableStatus(long status);

// Network failures that may heal: DNS, connect, timeout, other transport
// errors. Not TLS verification, refused addresses or protocol errors.
bool IsRetryableError(HttpError error);

struct RetryDecision {
  bool retry = false;
  int64_t delay_ms = 0;
  std::string why_not;  // set when the response was retryable but time or
                        // attempts ran out, e.g. "Retry-After 120 s exceeds
                        // the time left"
};

RetryDecision DecideRetry(const HttpResponse& response, int attempts_done, int64_t remaining_ms,
                          double random01, int64_t now_unix_seconds, const RetryPolicy& policy);

}  // namespace ppi
