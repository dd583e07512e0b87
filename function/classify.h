// Classification: what happens to each distinct image. The order, first
// match wins (README "Classification order"):
//   1. exclude patterns                 -> left alone, no pull secret
//   2. already under <proxyHost>/proxy/ -> kept, pull secret attached
//      on registryHost                  -> kept, pull secret attached
//      on registry.replicated.com while a custom registryHost is set
//                                       -> host replaced, secret attached
//   3. private patterns, then public patterns
//   4. the probe record (public / private; other classes follow the
//      policies unless probing is online, which asks again)
//   5. proxyAll                         -> proxied
//   6. the online probe (public / private; missing, unreachable and
//      rate-limited follow onMissing / onUnreachable / onRateLimited)
//   7. nothing decided                  -> left alone, with a warning
#pragma once

#include <map>
#include <string>
#include <vector>

#include "function/config.h"
#include "function/image_ref.h"
#include "function/probe/prober.h"
#include "function/probe_record.h"

namespace ppi {

enum class Action {
  kProxy,         // rewritten to <proxyHost>/proxy/<slug>/…, secret needed
  kKeep,          // unchanged, no secret
  kAttach,        // unchanged, secret needed
  kRehost,        // registry.replicated.com -> registryHost, secret needed
  kExclude,       // unchanged, never touched
  kUnclassified,  // unchanged, warning
  kFail,          // an error result (invalid reference, or policy "fail")
};

struct Decision {
  Action action = Action::kUnclassified;
  std::string klass;      // "private", "public", "proxied", "registry", "missing", …
  std::string reason;     // why, e.g. `matches private pattern "quay.io/my-org/*"`
  std::string rewritten;  // the new image text (kProxy, kRehost)
  bool probed = false;    // decided by a probe made in this run
  ProbeVerdict verdict;   // when probed
  std::string key;        // ImageRef::Normalized() ("" for invalid refs)
};

bool NeedsSecret(Action a);

// Decides every image in `images` (distinct written strings). `prober` may
// be null (probe: offline, or no network stage).
std::map<std::string, Decision> Classify(const std::vector<std::string>& images,
                                         const Config& config, const ProbeRecord& record,
                                         Prober* prober);

// The proxied name of `ref` (SPEC §2).
std::string ProxiedName(const ImageRef& ref, const Config& config);

}  // namespace ppi
