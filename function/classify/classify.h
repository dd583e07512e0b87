// Classification: the visibility of each image, from the first step that
// decides (README "Classification order", steps 3 to 7; exclusion and the
// target's own images come before, in function/decide/decide.h):
//   3. private patterns, then public patterns (an image matching both is
//      private)
//   4. the probe record: public and private decide; missing, unreachable
//      and rate-limited decide too, unless probing is online, which asks
//      again
//   5. proxyAll: private
//   6. the online probe (the only step that does I/O, through Prober)
//   7. nothing decided: undecided, saying why
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "function/classify/probe_record.h"
#include "function/classify/verdict.h"
#include "function/config/settings.h"
#include "function/image/image_ref.h"
#include "function/probe/prober.h"

namespace ppi {

struct Undecided {
  std::string reason;  // why nothing decided
};

using Classification = std::variant<Verdict, Undecided>;

// Classifies every reference (distinct images). `prober` may be null
// (probe: offline, or no network stage); `now` is when a probe made here
// happened.
std::vector<Classification> Classify(const std::vector<ImageRef>& refs, const Settings& settings,
                                     const ProbeRecord& record, Prober* prober,
                                     const std::string& now);

}  // namespace ppi
