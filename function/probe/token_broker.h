// Anonymous Bearer tokens: one GET per (realm, service, scope), no
// credentials, cached for expires_in, and shared by every probe that asks
// for the same scope while the fetch is in flight. A 403 is asked once more
// after kDenialRetryMs before it counts: GHCR denies public packages for a
// while now and then (REGISTRIES.md §2.3); a denial that outlasts it cannot
// be told from a private package.
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
  static constexpr int64_t kDenialRetryMs = 1000;

  void Get(const TokenScope& scope, AddressScope registry_scope, SharedDeadline deadline,
           Callback done);
  int fetches() const { return fetches_; }

 private:
  struct Entry {
    std::string token;
    int64_t expires_ms = 0;
    bool pending = false;
    bool denied_once = false;  // the fetch in flight is the second after a 403
    std::vector<Callback> waiters;
    FetchSpec spec;           // of the fetch in flight
    SharedDeadline deadline;  // of the first probe that asked
  };
  void Send(const std::string& key);
  void OnFetched(const std::string& key, const FetchResult& result);
  bool AskAgainAfterDenial(const std::string& key, const FetchResult& result);

  Fetcher& fetcher_;
  std::map<std::string, Entry> cache_;
  int fetches_ = 0;
};

}  // namespace ppi
