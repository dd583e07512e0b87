// Anonymous Bearer tokens: one GET per (realm, service, scope), no
// credentials, cached for expires_in, and shared by every probe that asks
// for the same scope while the fetch is in flight.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "function/probe/fetcher.h"
#include "function/probe/prober.h"

namespace ppi {

struct TokenScope {
  std::string realm;
  std::string service;  // may be empty
  std::string scope;    // e.g. "repository:library/nginx:pull"
};

// realm?service=…&scope=… (parameters escaped; service left out if empty).
std::string TokenUrl(const TokenScope& scope);

struct TokenOutcome {
  bool ok = false;
  std::string token;     // when ok
  ProbeVerdict verdict;  // when !ok: why there is no token
};

class TokenBroker {
 public:
  using Callback = std::function<void(TokenOutcome)>;
  explicit TokenBroker(Fetcher& fetcher) : fetcher_(fetcher) {}
  // `registry_scope`: the kind of address the registry is on; the realm
  // may be on a non-public address of that kind only (ScopeAllowed).
  void Get(const TokenScope& scope, AddressScope registry_scope, int64_t deadline_ms,
           Callback done);
  int fetches() const { return fetches_; }

 private:
  struct Entry {
    std::string token;
    int64_t expires_ms = 0;
    bool pending = false;
    std::vector<Callback> waiters;
  };
  void OnFetched(const std::string& key, const FetchResult& result);

  Fetcher& fetcher_;
  std::map<std::string, Entry> cache_;
  int fetches_ = 0;
};

}  // namespace ppi
