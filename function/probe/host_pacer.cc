#include "function/probe/host_pacer.h"

#include <algorithm>

namespace ppi {

int64_t HostPacer::Reserve(const std::string& origin, int64_t now_ms) {
  auto it = paced_.find(origin);
  if (it == paced_.end()) return 0;
  int64_t turn = std::max(now_ms, it->second.next_ms);
  if (turn - now_ms > max_wait_ms_) return -1;
  it->second.next_ms = turn + kIntervalMs;
  return turn - now_ms;
}

void HostPacer::OnRateLimited(const std::string& origin, int64_t now_ms, int64_t retry_after_ms) {
  Pace& pace = paced_[origin];
  int64_t earliest = now_ms + std::max<int64_t>(retry_after_ms, 0);
  pace.next_ms = std::max(pace.next_ms, earliest);
}

int64_t HostPacer::NextTurnIn(const std::string& origin, int64_t now_ms) const {
  auto it = paced_.find(origin);
  return it == paced_.end() ? 0 : std::max<int64_t>(it->second.next_ms - now_ms, 0);
}

}  // namespace ppi
