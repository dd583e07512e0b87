// Pacing per origin, learnt from 429 answers. ECR Public allows anonymous
// clients about one request a second and says so only by answering 429,
// without Retry-After (REGISTRIES.md §7); probing many of its images at
// once must slow down rather than end "rate-limited". The rules:
//
//  1. An origin starts unpaced: its requests go out as soon as they can.
//  2. A 429 from it paces it for the rest of the run: its requests start at
//     least kIntervalMs apart, and, when the 429 carried Retry-After, none
//     before that time.
//  3. A request to a paced origin waits for its turn; the probe's deadline
//     moves later by the time waited (the wait is not the registry's time).
//  4. A turn further away than `max_wait_ms` is not waited for: the request
//     is not sent, and ends as the 429 it would most likely get.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace ppi {

class HostPacer {
 public:
  static constexpr int64_t kIntervalMs = 1000;

  explicit HostPacer(int64_t max_wait_ms) : max_wait_ms_(max_wait_ms) {}

  // The wait before a request to `origin` may start at `now_ms` (0: at
  // once), with that turn reserved; -1 when the turn is further away than
  // max_wait_ms (nothing is reserved).
  int64_t Reserve(const std::string& origin, int64_t now_ms);

  // Rule 2. `retry_after_ms` < 0 when the answer had none.
  void OnRateLimited(const std::string& origin, int64_t now_ms, int64_t retry_after_ms);

  // The milliseconds until `origin`'s next free turn (0 when unpaced).
  int64_t NextTurnIn(const std::string& origin, int64_t now_ms) const;

 private:
  struct Pace {
    int64_t next_ms = 0;  // the next free turn
  };
  int64_t max_wait_ms_;
  std::map<std::string, Pace> paced_;
};

}  // namespace ppi
