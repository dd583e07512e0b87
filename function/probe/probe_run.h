// The probe of one image. The protocol (SPEC §5), written down once:
//
//  1. The registry URL is https://<api_host>/v2/<path>/manifests/<reference>
//     (http:// only when api_host is listed in insecure_registries).
//  2. Ask the host cache about the registry's origin. The first probe of an
//     origin goes ahead; the others wait for its first answer.
//  3. If the origin is known to answer 401 Bearer, fetch the token first
//     (step 5), so one HEAD is enough: for repository:<path>:pull, or for
//     the challenge's own scope when that names no repository (ECR Public's
//     "aws": one token for every repository).
//  4. HEAD the manifest with Accept listing the OCI index, Docker manifest
//     list, OCI manifest, Docker manifest v2 and Docker schema 1 types, and
//     "Authorization: Bearer <token>" only to the origin that issued the
//     challenge. The Fetcher follows redirects (never carrying Authorization
//     to another origin, refusing non-http(s) schemes, plain http to hosts
//     not listed as insecure, and non-public addresses unless the registry
//     is on one of the same kind: a loopback registry may use loopback, never
//     169.254.169.254), retries 408/429/5xx/network errors with backoff, and
//     paces requests to an origin once it answered 429 (host_pacer.h).
//  5. On 401 Bearer with no token sent yet: GET <realm>?service=<service>&
//     scope=<scope> with no credentials (the challenge's scope as given, else
//     repository:<path>:pull), read `token` or `access_token`, then repeat 4.
//     Tokens are cached per (realm, service, scope) for expires_in.
//  6. On 401 Bearer although a token was sent: if the challenge names
//     another scope than the token's, fetch that one (at most two token
//     fetches per probe) and repeat 4; if it names none and the request was
//     HEAD, repeat 4 as GET (Artifactory names the scope to GET only).
//  7. On 400, 403, 404 or 405 to the HEAD, or a 401 without a challenge that
//     is no registry's answer: repeat 4 once as GET (body capped), whose body
//     says what happened.
//  8. Classify the last answer with DecideManifest (classification.h).
//
// Everything runs within ProbeOptions::timeout_seconds from the start, plus
// the time spent waiting for a paced origin.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "function/probe/classification.h"
#include "function/probe/fetcher.h"
#include "function/probe/host_cache.h"
#include "function/probe/prober.h"
#include "function/probe/token_broker.h"

namespace ppi {

// The manifest media types a probe accepts, comma-separated.
extern const char kManifestAccept[];

// What every probe shares.
struct ProbeContext {
  Fetcher& fetcher;
  TokenBroker& tokens;
  HostCache& hosts;
  const ProbeOptions& options;
};

class ProbeRun {
 public:
  using Callback = std::function<void(ProbeVerdict)>;
  ProbeRun(ProbeContext context, ProbeTarget target, Callback done);
  void Start();
  // The probe that starts when this one ends (ProbeEngine runs `concurrency`
  // at a time): once this one knows its host wants tokens, that one's token
  // is fetched meanwhile, so that it starts with one round trip, not two.
  void SetSuccessor(ProbeRun* successor) { successor_ = successor; }

 private:
  bool BuildUrl();
  std::string ScopeFor(const HostInfo& info) const;
  void PrefetchToken();
  void OnHostKnown(const HostInfo* info);
  void FetchToken(const AuthChallenge& challenge, const std::string& scope,
                  const std::string& origin);
  void RequestManifest();
  void OnManifest(FetchResult result);
  void OnTokenRefused(const ManifestDecision& decision, const Url& answered_by);
  void Finish(ProbeVerdict verdict);

  ProbeContext ctx_;
  ProbeTarget target_;
  Callback done_;
  Url url_;
  SharedDeadline deadline_;
  bool first_for_host_ = false;
  AddressScope registry_scope_ = AddressScope::kPublic;
  std::string method_ = "HEAD";
  std::string token_;
  std::string token_origin_;
  std::string token_scope_;  // the scope the token was asked for
  int token_fetches_ = 0;
  ProbeRun* successor_ = nullptr;
  bool asked_successor_ = false;
};

}  // namespace ppi
