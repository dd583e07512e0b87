// The probe of one image. The protocol (SPEC §5), written down once:
//
//  1. The registry URL is https://<api_host>/v2/<path>/manifests/<reference>
//     (http:// only when api_host is listed in insecure_registries).
//  2. Ask the host cache about the registry's origin. The first probe of an
//     origin goes ahead; the others wait for its first answer.
//  3. If the origin is known to answer 401 Bearer, fetch the token for
//     repository:<path>:pull first (step 5), so one HEAD is enough.
//  4. HEAD the manifest with Accept listing the OCI index, Docker manifest
//     list, OCI manifest and Docker manifest v2 types, and
//     "Authorization: Bearer <token>" only to the origin that issued the
//     challenge. The Fetcher follows redirects (never carrying Authorization
//     to another origin, refusing non-http(s) schemes, plain http to hosts
//     not listed as insecure, and non-public addresses unless the registry
//     is on one of the same kind: a loopback registry may use loopback, never
//     169.254.169.254) and retries 408/429/5xx/network errors with backoff.
//  5. On 401 Bearer with no token sent yet: GET <realm>?service=<service>&
//     scope=<scope> with no credentials (the challenge's scope as given, else
//     repository:<path>:pull), read `token` or `access_token`, then repeat 4.
//     Tokens are cached per (realm, service, scope) for expires_in.
//  6. On 405 or 400 to the HEAD: repeat 4 once as GET (body capped).
//  7. Classify the last answer with DecideManifest (classification.h).
//
// Everything runs within ProbeOptions::timeout_seconds from the start.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

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

 private:
  void OnHostKnown(const HostInfo* info);
  void FetchToken(const AuthChallenge& challenge, const std::string& scope,
                  const std::string& origin);
  void RequestManifest();
  void OnManifest(FetchResult result);
  void Finish(ProbeVerdict verdict);

  ProbeContext ctx_;
  ProbeTarget target_;
  Callback done_;
  Url url_;
  int64_t deadline_ms_ = 0;
  bool first_for_host_ = false;
  AddressScope registry_scope_ = AddressScope::kPublic;
  std::string method_ = "HEAD";
  std::string token_;
  std::string token_origin_;
  int token_fetches_ = 0;
};

}  // namespace ppi
