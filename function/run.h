// The pipeline: read -> configure -> find images -> classify -> plan ->
// apply -> write. It always writes a complete ResourceList.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

#include "function/config.h"
#include "function/probe/prober.h"
#include "krm/resource_list.h"

namespace ppi {

struct RunOptions {
  krm::Limits limits;
  EnvLookup env;
  // Makes the prober for probe: online; null means probing is unavailable.
  std::function<std::unique_ptr<Prober>(const ProbeOptions&)> make_prober;
  std::function<std::string()> now;  // RFC 3339 time for the probe record
  // Called with the exit code once the output is written, while the parsed
  // input still exists. The command line ends the process there: freeing a
  // tree of hundreds of MB is work a filter need not do (a fifth of the run
  // at 5,000 workloads).
  std::function<void(int)> finish;
};

// Runs the function on `input`, writing the ResourceList to `out` and
// messages for people to `err`. Returns the exit code.
int Run(std::string input, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ppi
