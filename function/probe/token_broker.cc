#include "function/probe/token_broker.h"

#include "function/probe/classification.h"
#include "function/probe/token_response.h"

namespace ppi {
namespace {

constexpr std::size_t kMaxTokenBody = 1024 * 1024;
constexpr int64_t kExpiryMarginMs = 5000;

}  // namespace

std::string TokenUrl(const TokenScope& s) {
  std::string url = s.realm;
  char separator = url.find('?') == std::string::npos ? '?' : '&';
  if (!s.service.empty()) {
    url += separator + std::string("service=") + QueryEscape(s.service);
    separator = '&';
  }
  return url + separator + "scope=" + QueryEscape(s.scope);
}

void TokenBroker::Get(const TokenScope& scope, AddressScope registry_scope, SharedDeadline deadline,
                      Callback done) {
  std::string key = scope.realm + '\n' + scope.service + '\n' + scope.scope;
  Entry& entry = cache_[key];
  HttpClient& client = fetcher_.client();
  if (!entry.pending && !entry.token.empty() && entry.expires_ms > client.NowMs()) {
    TokenOutcome outcome{true, entry.token, {}};
    client.After(0, [done, outcome] { done(outcome); });
    return;
  }
  entry.waiters.push_back(std::move(done));
  if (entry.pending) return;
  entry.pending = true;
  entry.denied_once = false;
  entry.deadline = std::move(deadline);
  entry.spec = FetchSpec();
  entry.spec.headers = {{"Accept", "application/json"}};
  entry.spec.max_body_bytes = kMaxTokenBody;
  entry.spec.registry_scope = registry_scope;
  if (!ParseUrl(TokenUrl(scope), &entry.spec.url)) {
    FetchResult invalid;
    invalid.refused = "realm is not a valid URL: " + scope.realm;
    client.After(0, [this, key, invalid] { OnFetched(key, invalid); });
    return;
  }
  Send(key);
}

void TokenBroker::Send(const std::string& key) {
  Entry& entry = cache_[key];
  ++fetches_;
  fetcher_.Fetch(entry.spec, entry.deadline, [this, key](FetchResult r) { OnFetched(key, r); });
}

// A first 403 that a registry sent is asked again after kDenialRetryMs, if
// the probe has the time; true when it was.
bool TokenBroker::AskAgainAfterDenial(const std::string& key, const FetchResult& r) {
  Entry& entry = cache_[key];
  HttpClient& client = fetcher_.client();
  bool denied = r.refused.empty() && r.response.error == HttpError::kNone &&
                r.response.status == 403 && DecideTokenFailure(r, "").klass == ProbeClass::kPrivate;
  if (!denied || entry.denied_once || entry.deadline->at_ms - client.NowMs() < 2 * kDenialRetryMs) {
    return false;
  }
  entry.denied_once = true;
  client.After(kDenialRetryMs, [this, key] { Send(key); });
  return true;
}

void TokenBroker::OnFetched(const std::string& key, const FetchResult& r) {
  if (AskAgainAfterDenial(key, r)) return;
  TokenOutcome outcome;
  TokenResponse parsed;
  std::string error;
  bool ok2xx = r.refused.empty() && r.response.error == HttpError::kNone &&
               r.response.status >= 200 && r.response.status < 300;
  if (ok2xx && r.response.body_truncated) {
    error = "token response larger than 1 MiB";
  } else if (ok2xx && ParseTokenResponse(r.response.body, &parsed, &error)) {
    outcome.ok = true;
    outcome.token = parsed.token;
  }
  Entry& entry = cache_[key];
  if (!outcome.ok) outcome.verdict = DecideTokenFailure(r, error);
  if (!outcome.ok && entry.denied_once && r.response.status == 403) {
    outcome.verdict.reason += ", again after " + std::to_string(kDenialRetryMs / 1000) + " s";
  }
  entry.pending = false;
  entry.token = outcome.token;
  entry.expires_ms =
      fetcher_.client().NowMs() + parsed.expires_in_seconds * int64_t{1000} - kExpiryMarginMs;
  std::vector<Callback> waiters = std::move(entry.waiters);
  entry.waiters.clear();
  for (auto& waiter : waiters) waiter(outcome);
}

}  // namespace ppi
