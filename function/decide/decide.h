// Deciding what happens to each distinct image. The order, first match
// wins (README "Classification order"):
//   0. not a valid reference, nor the target's own output: an error
//   1. exclude patterns: left alone, no pull Secret
//   2. the target's own images (function/target/): for the proxy, already
//      under <proxyHost>/proxy/ or on registryHost (kept, Secret attached),
//      or on registry.replicated.com while a custom registryHost is set
//      (host replaced, Secret attached)
//   3.-7. classification (function/classify/classify.h) gives the image's
//      visibility, or nothing (left alone, with a warning); the target
//      turns a visibility into an action (rewrite, keep, fail)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "function/classify/probe_record.h"
#include "function/classify/verdict.h"
#include "function/config/settings.h"
#include "function/probe/prober.h"
#include "function/target/target.h"

namespace ppi {

enum class Action {
  kRewrite,       // written as Decision::to, pull Secret needed
  kKeep,          // unchanged, no Secret
  kAttach,        // unchanged, pull Secret needed
  kExclude,       // unchanged, never touched
  kUnclassified,  // unchanged, with a warning
  kFail,          // an error result (a policy set to fail)
  kInvalid,       // an error result: not a valid reference
};

struct Decision {
  Action action = Action::kUnclassified;
  // The class results show: a visibility, "proxied-all", "proxied",
  // "registry", "excluded" or "unclassified" ("" for kInvalid).
  std::string label;
  std::string reason;              // why, as results show it; for kInvalid the error
  std::string to;                  // kRewrite: the new image text
  std::string key;                 // ImageRef::Normalized() ("" when not a valid reference)
  std::optional<Verdict> verdict;  // when classification decided
};

bool NeedsSecret(Action a);

// Decides every image of `images` (distinct, as written); the result is
// parallel to it. `prober` may be null; `now` stamps a probe made here.
std::vector<Decision> Decide(const std::vector<std::string>& images, const Settings& settings,
                             const Target& target, const ProbeRecord& record, Prober* prober,
                             const std::string& now);

}  // namespace ppi
