#include "function/probe/retry.h"

#include <cctype>
#include <ctime>

namespace ppi {
namespace {

bool AllDigits(const std::string& text) {
  if (text.empty() || text.size() > 12) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" to seconds since the epoch, or -1.
int64_t ParseHttpDate(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return -1;
  return static_cast<int64_t>(timegm(&tm));
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

}  // namespace

int64_t BackoffDelayMs(int attempts_done, double random01, const RetryPolicy& policy) {
  int64_t delay = policy.base_delay_ms;
  for (int i = 1; i < attempts_done && delay < policy.max_delay_ms; ++i) {
    delay *= 2;
  }
  if (delay > policy.max_delay_ms) delay = policy.max_delay_ms;
  return delay / 2 + static_cast<int64_t>(random01 * static_cast<double>(delay / 2));
}

int64_t ParseRetryAfterMs(const std::string& raw, int64_t now_unix_seconds) {
  std::string value = Trim(raw);
  if (AllDigits(value)) return std::stoll(value) * 1000;
  int64_t date = ParseHttpDate(value);
  if (date < 0) return -1;
  return date <= now_unix_seconds ? 0 : (date - now_unix_seconds) * 1000;
}

bool IsRetryableStatus(long status) {
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

bool IsRetryableError(HttpError error) {
  return error == HttpError::kDns || error == HttpError::kConnect || error == HttpError::kTimeout ||
         error == HttpError::kOther;
}

RetryDecision DecideRetry(const HttpResponse& response, int attempts_done, int64_t remaining_ms,
                          double random01, int64_t now_unix_seconds, const RetryPolicy& policy) {
  RetryDecision decision;
  bool retryable = response.error == HttpError::kNone ? IsRetryableStatus(response.status)
                                                      : IsRetryableError(response.error);
  if (!retryable || attempts_done >= policy.max_attempts) return decision;
  int64_t delay = BackoffDelayMs(attempts_done, random01, policy);
  int64_t after = ParseRetryAfterMs(response.Header("retry-after"), now_unix_seconds);
  if (after > remaining_ms) {
    decision.why_not = "Retry-After " + std::to_string(after / 1000) + " s exceeds the time left";
    return decision;
  }
  if (after > delay) delay = after;
  if (delay >= remaining_ms) {
    decision.why_not = "no time left to retry";
    return decision;
  }
  decision.retry = true;
  decision.delay_ms = delay;
  return decision;
}

}  // namespace ppi
