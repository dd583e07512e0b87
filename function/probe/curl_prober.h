// The prober the function uses: ProbeEngine over libcurl.
#pragma once

#include <memory>

#include "function/probe/prober.h"

namespace ppi {

// Never fails: when the client cannot start (for example an unreadable
// ca_file), every target gets an "unreachable" verdict saying why.
std::unique_ptr<Prober> NewCurlProber(const ProbeOptions& options);

}  // namespace ppi
