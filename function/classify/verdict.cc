#include "function/classify/verdict.h"

namespace ppi {

std::string VerdictLabel(const Verdict& v) {
  return v.basis == Basis::kProxyAll ? "proxied-all" : VisibilityName(v.visibility);
}

std::string VerdictReason(const Verdict& v) {
  switch (v.basis) {
    case Basis::kRecord:
      return v.reason + " (probe record" + (v.probed_at.empty() ? "" : " of " + v.probed_at) + ")";
    case Basis::kProbe:
      return v.reason + " (probed)";
    default:
      return v.reason;
  }
}

}  // namespace ppi
