// `proxy-private-images probe [options] IMAGE...`: shows what probing
// decides for each image, and can write the probe record for kustomize
// users (who then run the function with probe: offline).
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "function/probe/prober.h"

namespace ppi {

struct ProbeCommandEnv {
  std::function<std::unique_ptr<Prober>(const ProbeOptions&)> make_prober;
  std::function<std::string()> now;
};

// args are the words after "probe". Exit code: 0 when every image was
// classified public or private, 1 when any was not (or was invalid), 2 for
// a usage error.
int RunProbeCommand(const std::vector<std::string>& args, const ProbeCommandEnv& env,
                    std::ostream& out, std::ostream& err);

}  // namespace ppi
