// What a registry's answer means (SPEC §5). The table, in the order the
// checks run:
//
//   answer to the manifest request                      class / next step
//   1. URL refused (policy, redirects)                  unreachable
//   2. DNS, connect, TLS, timeout (after retries)       unreachable
//   3. 2xx (directly or with an anonymous token)        public
//   4. 401 Bearer with a realm, no token sent yet       fetch a token
//   5. 401 Bearer after an anonymous token              private
//      ("401 insufficient_scope after anonymous token")
//   6. 401 Basic or any other challenge                 private
//   7. 403                                              private
//   8. 404                                              missing
//   9. 405 or 400 to HEAD                               retry once as GET
//  10. 429 after retries honouring Retry-After          rate-limited
//  11. 408, 5xx after retries                           unreachable
//  12. anything else                                    unreachable
//
//   answer of the token endpoint
//  13. 401 or 403                                       private
//  14. 429 after retries                                rate-limited
//  15. refused, transport error, 5xx, other status,
//      200 without a usable token                       unreachable
#pragma once

#include <string>

#include "function/probe/fetcher.h"
#include "function/probe/prober.h"
#include "function/probe/www_authenticate.h"

namespace ppi {

enum class ManifestStep { kVerdict, kFetchToken, kRetryWithGet };

struct ManifestDecision {
  ManifestStep step = ManifestStep::kVerdict;
  ProbeVerdict verdict;     // when step == kVerdict
  AuthChallenge challenge;  // when step == kFetchToken
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
