#include "function/probe/probe_run.h"

#include "function/probe/classification.h"
#include "function/probe/url_policy.h"

namespace ppi {

const char kManifestAccept[] =
    "application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.v1+prettyjws, "
    "application/vnd.docker.distribution.manifest.v1+json";

namespace {

constexpr std::size_t kMaxManifestBody = 64 * 1024;
constexpr int kMaxTokenFetches = 2;

std::string PullScope(const std::string& path) { return "repository:" + path + ":pull"; }

// The repository path named by a /v2/<path>/manifests/<ref> URL, or
// `fallback` when the URL has another shape.
std::string PathOf(const Url& url, const std::string& fallback) {
  const std::string& p = url.path_query;
  size_t end = p.rfind("/manifests/");
  if (p.compare(0, 4, "/v2/") != 0 || end == std::string::npos || end <= 4) {
    return fallback;
  }
  return p.substr(4, end - 4);
}

SharedDeadline NewDeadline(const ProbeContext& ctx) {
  auto deadline = std::make_shared<Deadline>();
  deadline->at_ms = ctx.fetcher.client().NowMs() + int64_t{1000} * ctx.options.timeout_seconds;
  return deadline;
}

}  // namespace

ProbeRun::ProbeRun(ProbeContext context, ProbeTarget target, Callback done)
    : ctx_(context), target_(std::move(target)), done_(std::move(done)) {}

// Step 1 of the protocol; false when api_host is no valid address.
bool ProbeRun::BuildUrl() {
  if (!url_.host.empty()) return true;
  Url host;
  bool ok = ParseUrl("https://" + target_.api_host, &host) && host.path_query == "/";
  if (ok && IsInsecureHost(host, ctx_.options.insecure_registries)) {
    host.scheme = "http";
  }
  return ok && ParseUrl(host.scheme + "://" + host.Authority() + "/v2/" + target_.path +
                            "/manifests/" + target_.reference,
                        &url_);
}

void ProbeRun::Start() {
  deadline_ = NewDeadline(ctx_);
  if (!BuildUrl()) {
    return Finish(
        {ProbeClass::kUnreachable, "invalid registry address \"" + target_.api_host + "\""});
  }
  ctx_.hosts.WhenKnown(url_.Origin(), [this](const HostInfo* info) { OnHostKnown(info); });
}

// Step 3: a challenge scope that names no repository ("aws": ECR Public) is
// the registry's one scope for every repository; otherwise this one's.
std::string ProbeRun::ScopeFor(const HostInfo& info) const {
  std::string scope = info.challenge.Param("scope");
  if (scope.empty() || scope.compare(0, 11, "repository:") == 0) {
    scope = PullScope(target_.path);
  }
  return scope;
}

// Fetches this probe's token before it starts, if its host is known to want
// one; the probe then finds it in the token cache (or joins the fetch).
void ProbeRun::PrefetchToken() {
  if (!BuildUrl()) return;
  const HostInfo* info = ctx_.hosts.Known(url_.Origin());
  if (info == nullptr || !info->bearer) return;
  TokenScope s{info->challenge.Param("realm"), info->challenge.Param("service"), ScopeFor(*info)};
  ctx_.tokens.Get(s, info->address_scope, NewDeadline(ctx_), [](const TokenOutcome&) {});
}

void ProbeRun::OnHostKnown(const HostInfo* info) {
  first_for_host_ = info == nullptr;
  if (info != nullptr) registry_scope_ = info->address_scope;
  if (info != nullptr && info->bearer) {
    return FetchToken(info->challenge, ScopeFor(*info), url_.Origin());
  }
  RequestManifest();
}

void ProbeRun::FetchToken(const AuthChallenge& challenge, const std::string& scope,
                          const std::string& origin) {
  ++token_fetches_;
  token_scope_ = scope;
  TokenScope s{challenge.Param("realm"), challenge.Param("service"), scope};
  ctx_.tokens.Get(s, registry_scope_, deadline_, [this, origin](TokenOutcome outcome) {
    if (!outcome.ok) return Finish(outcome.verdict);
    token_ = outcome.token;
    token_origin_ = origin;
    RequestManifest();
  });
  if (successor_ != nullptr && !asked_successor_) {
    asked_successor_ = true;
    successor_->PrefetchToken();
  }
}

void ProbeRun::RequestManifest() {
  FetchSpec spec;
  spec.method = method_;
  spec.url = url_;
  spec.headers = {{"Accept", kManifestAccept}};
  spec.bearer_token = token_;
  spec.token_origin = token_origin_;
  spec.max_body_bytes = kMaxManifestBody;
  spec.registry_scope = registry_scope_;
  spec.trust_first_hop = true;
  ctx_.fetcher.Fetch(std::move(spec), deadline_,
                     [this](FetchResult r) { OnManifest(std::move(r)); });
}

void ProbeRun::OnManifest(FetchResult r) {
  registry_scope_ = r.origin_scope;
  bool sent_token = !token_.empty() && r.final_url.Origin() == token_origin_;
  ManifestDecision d = DecideManifest(r, {sent_token, method_ == "GET"});
  bool from_registry = r.final_url.Origin() == url_.Origin();
  if (first_for_host_ || (from_registry && d.step == ManifestStep::kFetchToken)) {
    HostInfo info{from_registry && d.step == ManifestStep::kFetchToken, d.challenge,
                  registry_scope_};
    first_for_host_ = false;
    ctx_.hosts.Learn(url_.Origin(), info);
  }
  if (d.step == ManifestStep::kRetryWithGet) {
    method_ = "GET";
    return RequestManifest();
  }
  if (d.step == ManifestStep::kTokenRefused) return OnTokenRefused(d, r.final_url);
  if (d.step == ManifestStep::kFetchToken && token_fetches_ < kMaxTokenFetches) {
    std::string scope = d.challenge.Param("scope");
    if (scope.empty()) scope = PullScope(PathOf(r.final_url, target_.path));
    return FetchToken(d.challenge, scope, r.final_url.Origin());
  }
  if (d.step == ManifestStep::kFetchToken) {
    return Finish({ProbeClass::kPrivate, "401 after anonymous token"});
  }
  Finish(d.verdict);
}

// Row 5 of classification.h: a 401 Bearer although a token was sent.
void ProbeRun::OnTokenRefused(const ManifestDecision& d, const Url& answered_by) {
  std::string scope = d.challenge.Param("scope");
  if (scope.empty() && method_ == "HEAD") {
    method_ = "GET";  // Artifactory names the scope to GET only
    return RequestManifest();
  }
  if (!scope.empty() && scope != token_scope_ && token_fetches_ < kMaxTokenFetches) {
    return FetchToken(d.challenge, scope, answered_by.Origin());
  }
  Finish(d.verdict);
}

void ProbeRun::Finish(ProbeVerdict verdict) {
  Callback done = std::move(done_);
  done(std::move(verdict));
}

}  // namespace ppi
