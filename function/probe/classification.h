// What a registry's answer means (SPEC §5, and REGISTRIES.md §17 for how
// real registries bend it). The table, in the order the checks run; "a
// registry's answer" is defined in answer_text.h:
//
//   answer to the manifest request                      class / next step
//   1. URL refused (policy, redirects)                  unreachable
//   2. DNS, connect, TLS, timeout (after retries)       unreachable
//   3. 2xx (directly or with an anonymous token)        public
//   4. 401 Bearer with a realm, no token sent yet       fetch a token
//   5. 401 Bearer after an anonymous token              private ("401
//      insufficient_scope after anonymous token"), unless the challenge
//      names another scope than the token's (fetch that one, once) or, to
//      HEAD, names none (ask again as GET, which names it: Artifactory)
//   6. 401 Basic or another challenge                   private ("… after
//      anonymous token" when a token was sent: Harbor answers Basic then)
//   7. 401 with no challenge: a registry's answer       private; to HEAD
//      that is no registry's answer: ask again as GET
//   8. 400, 403, 404, 405 to HEAD                       ask again as GET: the
//      body says what happened (HEAD has none)
//   9. 403 that is no registry's answer (Google's HTML  unreachable ("blocked:
//      page, an S3 error)                               HTTP 403 with text/html
//                                                       \"Error 403 …\" …")
//  10. 403 "client with IP … is not allowed access"     unreachable ("blocked:
//      (ACR firewall: a network policy, not privacy)    403 denied: …")
//  11. 403                                              private
//  12. 404 "… found, but Accept header does not         public: a manifest
//      support …" (GHCR, ACR)                           exists and was readable
//  13. 404 that is no registry's answer                 unreachable
//  14. 404                                              missing ("404 manifest
//                                                       unknown", "404 name
//                                                       unknown", …)
//  15. 429 after retries honouring Retry-After          rate-limited
//  16. 408, 5xx after retries                           unreachable
//  17. anything else (400/405 to GET too, 3xx without   unreachable
//      Location, other statuses)
//
//   answer of the token endpoint
//  18. 401                                              private
//  19. 403: a registry's answer (asked twice, 1 s       private ("token endpoint
//      apart: GHCR denies public packages for a while)  answered 403 denied, …")
//  20. 403 that is no registry's answer                 unreachable (blocked)
//  21. 400 or 405 DENIED (Quay: namespace disabled)     private
//  22. 429 after retries                                rate-limited
//  23. refused, transport error, 5xx, other status
//      (404 UNAVAILABLE: registry disabled; 405
//      UNSUPPORTED: not an image repository),
//      200 without a usable token                       unreachable
//
// Cannot be told apart anonymously, and so "private": a private repository
// and one that does not exist; a public GHCR package during a denial that
// outlasts the second token request.
//
// Decisions on the answers of REGISTRIES.md §17, each a case of the lab's
// table test (tests/registries):
//  F1  Google's HTML 403 (Artifact Registry, gcr.io, registry.k8s.io's
//      redirect target): rows 8, 9: unreachable, "blocked".
//  F2  GHCR's transient token 403 for public packages: row 19.
//  F3  ACR firewall 403: row 10: unreachable, "blocked".
//  F4  404 for lack of Accept: Accept lists Docker schema 1 (probe_run.h)
//      and row 12.
//  F5  Artifactory's scope without the repository key, and its HEAD
//      challenge without scope: row 5.
//  F6  Harbor's Basic and empty challenges after the token: rows 6, 7, with
//      "after anonymous token" in the reason.
//  F7  Nexus realm http://host:443: the realm is refused (url_policy.h);
//      the reason names it.
//  F8  ECR Public's one request a second: pacing (host_pacer.h), and one
//      token for its scope "aws" (probe_run.h, step 3).
//  F9  Docker Hub's anti-abuse 429 (LF-only lines, Retry-After 60): row 15.
//  F10 Quay's token 405 DENIED / UNSUPPORTED, 400 NAME_INVALID: rows 21, 23.
#pragma once

#include <string>

#include "function/probe/fetcher.h"
#include "function/probe/prober.h"
#include "function/probe/www_authenticate.h"

namespace ppi {

enum class ManifestStep {
  kVerdict,       // `verdict` is final
  kFetchToken,    // fetch a token for `challenge` and ask again
  kRetryWithGet,  // ask again as GET
  kTokenRefused,  // the token sent did not open it: `verdict` (private) unless
                  // `challenge` asks for another scope (row 5)
};

struct ManifestDecision {
  ManifestStep step = ManifestStep::kVerdict;
  ProbeVerdict verdict;     // when kVerdict or kTokenRefused
  AuthChallenge challenge;  // when kFetchToken or kTokenRefused
};

struct ManifestContext {
  bool sent_token = false;  // the final request carried a Bearer token
  bool was_get = false;     // the request was the GET fallback
};

ManifestDecision DecideManifest(const FetchResult& result, const ManifestContext& context);

// Why the token endpoint gave no token. `parse_error` is set when it
// answered 2xx with a body that held no usable token.
ProbeVerdict DecideTokenFailure(const FetchResult& result, const std::string& parse_error);

}  // namespace ppi
