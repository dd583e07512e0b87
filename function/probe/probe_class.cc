#include "function/probe/prober.h"

namespace ppi {

const char* ProbeClassName(ProbeClass c) {
  switch (c) {
    case ProbeClass::kPublic:
      return "public";
    case ProbeClass::kPrivate:
      return "private";
    case ProbeClass::kMissing:
      return "missing";
    case ProbeClass::kUnreachable:
      return "unreachable";
    case ProbeClass::kRateLimited:
      return "rate-limited";
  }
  return "unreachable";
}

}  // namespace ppi
