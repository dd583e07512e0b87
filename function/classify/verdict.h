// What classification says of an image: whether anyone may pull it
// (its visibility), what said so, and when a registry was asked. It says
// nothing of what to write: that is the target's (function/target/).
#pragma once

#include <string>

#include "function/probe/prober.h"

namespace ppi {

// public, private, missing, unreachable, rate-limited: the probe's classes
// are the visibilities, whatever decided them.
using Visibility = ProbeClass;
inline const char* VisibilityName(Visibility v) { return ProbeClassName(v); }

// What decided, in the order classification asks (classify.h).
enum class Basis { kPrivatePattern, kPublicPattern, kRecord, kProxyAll, kProbe };

struct Verdict {
  Visibility visibility = Visibility::kPrivate;
  Basis basis = Basis::kProxyAll;
  // kPrivatePattern, kPublicPattern: `matches private pattern "…"`;
  // kRecord, kProbe: the registry's answer ("401 insufficient_scope after
  // anonymous token"); kProxyAll: "proxyAll is true".
  std::string reason;
  std::string probed_at;  // kRecord: as recorded ("" when not); kProbe: now
};

// The class results show: the visibility's name, or "proxied-all".
std::string VerdictLabel(const Verdict& v);
// The reason results show: the probe's answer says where it came from,
// "404 (probe record of 2026-01-01T00:00:00Z)", "401 … (probed)".
std::string VerdictReason(const Verdict& v);

}  // namespace ppi
