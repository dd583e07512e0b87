#include "function/probe/fetcher.h"

#include <memory>

#include "function/probe/url_policy.h"

namespace ppi {

struct Fetcher::State {
  FetchSpec spec;
  SharedDeadline deadline;
  Callback done;
  FetchResult result;
  Url url;
  std::string method;
  int hops = 0;
  AddressScope hop_scope = AddressScope::kPublic;  // see ScopeAllowed
};

namespace {

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The kind of non-public address the host answered from (by its literal,
// or by the address connected to when no proxy stood between), or kPublic.
AddressScope AnsweredFrom(const Url& url, const HttpResponse& response) {
  AddressScope literal = ClassifyAddress(url.host);
  if (IsNonPublic(literal)) return literal;
  if (response.via_proxy || response.primary_ip.empty()) {
    return AddressScope::kPublic;
  }
  AddressScope connected = ClassifyAddress(response.primary_ip);
  return IsNonPublic(connected) ? connected : AddressScope::kPublic;
}

}  // namespace

Fetcher::Fetcher(HttpClient& client, FetcherConfig config)
    : client_(client), config_(std::move(config)), pacer_(config_.max_pace_wait_ms) {}

void Fetcher::Fetch(FetchSpec spec, SharedDeadline deadline, Callback done) {
  auto state = std::make_shared<State>();
  state->url = spec.url;
  state->method = spec.method;
  state->hop_scope = spec.registry_scope;
  state->spec = std::move(spec);
  state->deadline = std::move(deadline);
  state->done = std::move(done);
  state->result.refused = state->spec.trust_first_hop
                              ? CheckUrl(state->url, config_.insecure_hosts, true)
                              : CheckUrl(state->url, config_.insecure_hosts, state->hop_scope);
  if (!state->result.refused.empty()) return Finish(state);
  Attempt(state);
}

// Waits for the origin's turn (host_pacer.h), then sends.
void Fetcher::Attempt(std::shared_ptr<State> state) {
  std::string origin = state->url.Origin();
  int64_t now = client_.NowMs();
  int64_t wait = pacer_.Reserve(origin, now);
  if (wait < 0) {
    FetchResult& result = state->result;
    if (result.attempts == 0) result.response.status = 429;
    result.retry_note = origin + " asked to slow down; its next turn is " +
                        std::to_string((pacer_.NextTurnIn(origin, now) + 999) / 1000) + " s away";
    return Finish(state);
  }
  if (wait == 0) return Send(state);
  state->deadline->at_ms += wait;
  client_.After(wait, [this, state] { Send(state); });
}

void Fetcher::Send(std::shared_ptr<State> state) {
  HttpRequest request;
  request.method = state->method;
  request.url = state->url.ToString();
  request.headers = state->spec.headers;
  if (!state->spec.bearer_token.empty() && state->url.Origin() == state->spec.token_origin) {
    request.headers.emplace_back("Authorization", "Bearer " + state->spec.bearer_token);
  }
  request.max_body_bytes = state->spec.max_body_bytes;
  request.timeout_ms = state->deadline->at_ms - client_.NowMs();
  request.allow_private_addresses = state->hops == 0 && state->spec.trust_first_hop;
  request.registry_scope = state->hop_scope;
  if (request.timeout_ms <= 0) {
    state->result.response.error = HttpError::kTimeout;
    state->result.response.error_text = "no time left for the request";
    return Finish(state);
  }
  client_.Start(std::move(request),
                [this, state](HttpResponse response) { OnResponse(state, std::move(response)); });
}

void Fetcher::OnResponse(std::shared_ptr<State> state, HttpResponse response) {
  FetchResult& result = state->result;
  ++result.attempts;
  if (state->hops == 0 && state->spec.trust_first_hop) {
    result.origin_scope = AnsweredFrom(state->url, response);
    state->hop_scope =
        IsNonPublic(result.origin_scope) ? result.origin_scope : state->spec.registry_scope;
  }
  result.response = std::move(response);
  result.final_url = state->url;
  int64_t retry_after =
      ParseRetryAfterMs(result.response.Header("retry-after"), config_.unix_now_seconds());
  if (result.response.error == HttpError::kNone && result.response.status == 429) {
    pacer_.OnRateLimited(state->url.Origin(), client_.NowMs(), retry_after);
  }
  RetryDecision retry =
      DecideRetry(result.response, result.attempts, state->deadline->at_ms - client_.NowMs(),
                  config_.random01(), config_.unix_now_seconds(), config_.retry);
  if (retry.retry) {
    client_.After(retry.delay_ms, [this, state] { Attempt(state); });
    return;
  }
  result.retry_note = retry.why_not;
  if (result.response.error == HttpError::kNone && IsRedirect(result.response.status) &&
      FollowRedirect(*state)) {
    return Attempt(state);
  }
  Finish(state);
}

// Moves `state` to the redirect target; false (with result.refused set when
// the redirect is bad) when the response is final.
bool Fetcher::FollowRedirect(State& state) {
  std::string location = state.result.response.Header("location");
  if (location.empty()) return false;
  Url next;
  if (!ResolveUrl(state.url, location, &next)) {
    state.result.refused = "redirect to an invalid URL";
    return false;
  }
  if (++state.hops > config_.max_redirects) {
    state.result.refused = "more than " + std::to_string(config_.max_redirects) + " redirects";
    return false;
  }
  state.result.refused = CheckUrl(next, config_.insecure_hosts, state.hop_scope);
  if (!state.result.refused.empty()) return false;
  if (state.result.response.status == 303) state.method = "GET";
  state.url = next;
  state.result.attempts = 0;
  return true;
}

// Callbacks always run from the client's loop, never inside Fetch().
void Fetcher::Finish(std::shared_ptr<State> state) {
  client_.After(0, [state] {
    Callback done = std::move(state->done);
    done(std::move(state->result));
  });
}

}  // namespace ppi
