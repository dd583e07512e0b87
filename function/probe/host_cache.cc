#include "function/probe/host_cache.h"

namespace ppi {

void HostCache::WhenKnown(const std::string& origin, Ready ready) {
  Entry& entry = hosts_[origin];
  if (entry.known) return ready(&entry.info);
  if (entry.asking) return entry.waiters.push_back(std::move(ready));
  entry.asking = true;
  ready(nullptr);
}

void HostCache::Learn(const std::string& origin, const HostInfo& info) {
  Entry& entry = hosts_[origin];
  entry.known = true;
  entry.asking = false;
  entry.info = info;
  std::vector<Ready> waiters = std::move(entry.waiters);
  entry.waiters.clear();
  for (Ready& waiter : waiters) waiter(&hosts_[origin].info);
}

const HostInfo* HostCache::Known(const std::string& origin) const {
  auto it = hosts_.find(origin);
  return it != hosts_.end() && it->second.known ? &it->second.info : nullptr;
}

}  // namespace ppi
