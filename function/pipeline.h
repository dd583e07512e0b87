// The function, stage by stage. Each stage takes values and returns
// values; only the probe and the License's files (licenseFile,
// licenseKeyFile, through a FileReader) do I/O, and only the emitter
// touches text.
//
//   krm::Execute        read the ResourceList, check the envelope; at the
//   (krm/execute.h)     end write it back, always (items unchanged when any
//                       result is an error)
//   1. Settings         ParseSettings (config/settings.h): the
//                       functionConfig, typed; no environment. The clock
//                       (config/clock.h): the system's, or PPI_NOW
//   2. License          ReadLicense (config/license_source.h): a License
//                       item or licenseFile, verified (license/verify.h);
//                       its signed app slug, license ID and hosts
//   3. Identity         ResolveIdentity (config/identity.h): appSlug,
//                       license ID, hosts, Secret name, from the settings,
//                       the environment and the License
//   4. Target           MakeProxyTarget (target/proxy_target.h): what a
//                       private image becomes, which images are the
//                       target's own, the Secret's credentials
//   5. Find             FindImages (find/image_sites.h): every image in
//                       every PodSpec and configured field; the probe record
//   6. Decide           Decide (decide/decide.h): exclude, the target's own
//                       images, then Classify (classify/classify.h: rules,
//                       record, proxyAll, the probe) for a visibility that
//                       the target turns into an action
//   7. Plan             Plan (plan/plan.h): every change, each with its
//                       node, owner and field; the results
//   8. Emit             EmitInPlace (emit/in_place.h): the plan as edits of
//                       the input text
//
// Every stage runs whose inputs are valid, so that one run reports every
// problem it can: a bad configuration or a refused License stops 4, 6, 7
// and 8 (they need it), but Find still reports bad images and the probe
// record's bad entries; the License items' own problems (two of them, one
// not local configuration) are reported even with a bad configuration;
// Decide and Plan run over the images found even when some were bad. Emit
// runs only on a run without errors (a failed run writes nothing).
//
// Seams for what comes next:
//   - A local-registry (air-gap) mode: a LocalRegistryTarget joins the
//     Target variant (target/target.h) with the same four members; it
//     needs no visibility (NeedsVisibility false: no probe), recognises its
//     own host in Own, and brings its own credentials. Identity says
//     whether the License allows air-gap installs (is_airgap_supported).
//   - A midstream overlay: a second emitter over the same RewritePlan; each
//     rewrite has its node, owner, field path, from and to; each attachment
//     its PodSpec, path and owner; each Secret its namespace, name,
//     dockerconfigjson and existing item; the record update its entries.
//   - A rewritten reference a runtime would refuse (a registry port in a
//     proxied name): the target's Act (or Own, for a rehost) answers kFail
//     with the reason, and Decide and Plan report it as for any failed
//     image, naming resource and field.
//   - Refreshing old probe record entries by age: the record's step in
//     Classify (classify/classify.cc, DecideLocally) is where an entry's
//     probedAt is weighed; `now` reaches it already.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "function/common/env.h"
#include "function/config/clock.h"
#include "function/probe/prober.h"
#include "krm/editor.h"
#include "krm/resource_list.h"
#include "krm/result.h"

namespace ppi {

struct RunOptions {
  krm::Limits limits;
  EnvLookup env;
  // Makes the prober for probe: online; null means probing is unavailable.
  std::function<std::unique_ptr<Prober>(const ProbeOptions&)> make_prober;
  // The system clock (null: SystemNow); PPI_NOW in `env` pins it. One
  // instant a run, for a License's expiry and the probe record's times.
  Clock clock;
  // Called with the exit code once the output is written, while the parsed
  // input still exists. The command line ends the process there: freeing a
  // tree of hundreds of MB is work a filter need not do (a fifth of the run
  // at 5,000 workloads).
  std::function<void(int)> finish;
};

// Stages 1 to 8 on a list that passed the envelope check: the processor
// Run hands to krm::Execute.
void Transform(const krm::ResourceList& list, const RunOptions& options, krm::Editor* editor,
               std::vector<krm::Result>* results);

// Runs the function on `input`, writing the ResourceList to `out` and
// messages for people to `err`. Returns the exit code.
int Run(std::string input, const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ppi
