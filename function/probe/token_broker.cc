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

void TokenBroker::Get(const TokenScope& scope, AddressScope registry_scope, int64_t deadline_ms,
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
  FetchSpec spec;
  spec.headers = {{"Accept", "application/json"}};
  spec.max_body_bytes = kMaxTokenBody;
  spec.registry_scope = registry_scope;
  if (!ParseUrl(TokenUrl(scope), &spec.url)) {
    FetchResult invalid;
    invalid.refused = "realm is not a valid URL: " + scope.realm;
    client.After(0, [this, key, invalid] { OnFetched(key, invalid); });
    return;
  }
  ++fetches_;
  fetcher_.Fetch(std::move(spec), deadline_ms, [this, key](FetchResult r) { OnFetched(key, r); });
}

void TokenBroker::OnFetched(const std::string& key, const FetchResult& r) {
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
  if (!outcome.ok) outcome.verdict = DecideTokenFailure(r, error);
  Entry& entry = cache_[key];
  entry.pending = false;
  entry.token = outcome.token;
  entry.expires_ms =
      fetcher_.client().NowMs() + parsed.expires_in_seconds * int64_t{1000} - kExpiryMarginMs;
  std::vector<Callback> waiters = std::move(entry.waiters);
  entry.waiters.clear();
  for (auto& waiter : waiters) waiter(outcome);
}

}  // namespace ppi
