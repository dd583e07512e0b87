// One logical request: checks every URL against the URL policy, follows
// redirects itself (at most 10; Authorization only ever goes to the origin
// the token belongs to), retries per retry.h until the deadline, and waits
// for its turn at an origin that answered 429 (host_pacer.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "function/probe/host_pacer.h"
#include "function/probe/http_client.h"
#include "function/probe/retry.h"
#include "function/probe/url.h"
#include "function/probe/url_policy.h"

namespace ppi {

// A probe's time limit, shared by all its requests: waiting for a paced
// origin moves it later by the time waited.
struct Deadline {
  int64_t at_ms = 0;
};
using SharedDeadline = std::shared_ptr<Deadline>;

struct FetchSpec {
  std::string method = "GET";
  Url url;
  HttpHeaders headers;
  std::string bearer_token;  // sent as Authorization only to token_origin
  std::string token_origin;  // Url::Origin() the token was issued for
  std::size_t max_body_bytes = 64 * 1024;
  // The kind of address the registry is on: hops may go to loopback,
  // link-local or private addresses of that same kind only (url_policy.h,
  // ScopeAllowed). kPublic: to none.
  AddressScope registry_scope = AddressScope::kPublic;
  // The first hop is the registry the user named: it may be on any address,
  // and if it is on a non-public one, the hops after it may go to addresses
  // of that kind.
  bool trust_first_hop = false;
};

struct FetchResult {
  HttpResponse response;   // the last response (empty when refused)
  Url final_url;           // the URL that gave it
  int attempts = 0;        // attempts at the last hop
  std::string refused;     // set when a URL was refused or redirects failed
  std::string retry_note;  // why a retryable answer was not retried
  // The kind of address the first hop answered from (trust_first_hop
  // only): kPublic, or the non-public scope it is on.
  AddressScope origin_scope = AddressScope::kPublic;
};

struct FetcherConfig {
  std::vector<std::string> insecure_hosts;
  RetryPolicy retry;
  int max_redirects = 10;
  std::function<double()> random01;           // jitter source in [0, 1)
  std::function<int64_t()> unix_now_seconds;  // for Retry-After dates
  int64_t max_pace_wait_ms = 30000;           // HostPacer's max_wait_ms
};

class Fetcher {
 public:
  using Callback = std::function<void(FetchResult)>;
  Fetcher(HttpClient& client, FetcherConfig config);
  void Fetch(FetchSpec spec, SharedDeadline deadline, Callback done);
  HttpClient& client() { return client_; }

 private:
  struct State;
  void Attempt(std::shared_ptr<State> state);
  void Send(std::shared_ptr<State> state);
  void OnResponse(std::shared_ptr<State> state, HttpResponse response);
  bool FollowRedirect(State& state);
  void Finish(std::shared_ptr<State> state);

  HttpClient& client_;
  FetcherConfig config_;
  HostPacer pacer_;
};

}  // namespace ppi
