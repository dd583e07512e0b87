#include "function/pipeline.h"

#include <optional>

#include "function/classify/probe_record.h"
#include "function/config/clock.h"
#include "function/config/identity.h"
#include "function/config/license_source.h"
#include "function/config/limits.h"
#include "function/config/setting_file.h"
#include "function/config/settings.h"
#include "function/decide/decide.h"
#include "function/emit/in_place.h"
#include "function/find/image_sites.h"
#include "function/plan/plan.h"
#include "function/secret/pull_secret.h"
#include "function/target/target.h"
#include "krm/execute.h"

namespace ppi {
namespace {

krm::Result Summary(const RewritePlan& plan) {
  size_t created = 0;
  for (const PullSecret& s : plan.secrets) created += s.existing ? 0 : 1;
  const PlanCounts& n = plan.counts;
  krm::Result r;
  r.message = "found " + std::to_string(n.images) + " images (" + std::to_string(n.distinct) +
              " distinct) in " + std::to_string(n.pod_specs) + " PodSpecs; rewrote " +
              std::to_string(plan.rewrites.size()) + "; attached the pull secret to " +
              std::to_string(plan.attachments.size()) +
              " PodSpecs; pull secrets: " + std::to_string(created) + " created, " +
              std::to_string(plan.secrets.size() - created) + " kept or updated";
  r.severity = krm::Severity::kInfo;
  return r;
}

krm::Result Error(const std::string& message) {
  krm::Result r;
  r.message = message;
  r.severity = krm::Severity::kError;
  return r;
}

template <typename T>
void Append(const std::vector<T>& more, std::vector<T>* to) {
  to->insert(to->end(), more.begin(), more.end());
}

// Stages 1 to 3: the settings, the clock, the License and who the run
// acts for.
void Identify(const krm::ResourceList& list, const RunOptions& options, Settings* settings,
              license::Instant* now, Identity* identity, std::vector<krm::Result>* results) {
  std::vector<krm::Node> license_items = LicenseItems(list.items());
  ParseSettings(list.function_config(), settings, results, !license_items.empty());
  std::string clock_error;
  if (!ReadClock(options.env, options.clock, now, &clock_error)) {
    results->push_back(Error(clock_error));
  }
  LicenseRead license = ReadLicense(license_items, *settings, *now, ReadSettingFile, results);
  if (settings->read && (!license.given || license.identity)) {
    ResolveIdentity(*settings, options.env, license.identity ? &*license.identity : nullptr,
                    identity, results);
  }
}

}  // namespace

void Transform(const krm::ResourceList& list, const RunOptions& options, krm::Editor* editor,
               std::vector<krm::Result>* results) {
  Settings settings;
  license::Instant now;
  Identity identity;
  Identify(list, options, &settings, &now, &identity, results);
  std::optional<Target> target;  // none without a valid configuration and License
  if (!krm::HasErrors(*results)) target = MakeProxyTarget(identity, settings);

  Workloads w = FindImages(list.items(), settings.image_fields);
  Append(w.problems, results);
  ProbeRecord record = ReadProbeRecord(w.items, results);
  if (!target) return;  // Find's and the record's problems are reported all the same

  std::unique_ptr<Prober> prober;
  if (settings.probe == ProbeMode::kOnline && options.make_prober && NeedsVisibility(*target)) {
    prober = options.make_prober(settings.probe_options);
  }
  std::vector<Decision> decisions =
      Decide(w.distinct, settings, *target, record, prober.get(), license::FormatRfc3339(now));
  SecretSpec secret{identity.pull_secret_name, DockerConfigJson(CredentialsOf(*target)),
                    settings.attach};
  RewritePlan plan = Plan(list.root(), w, decisions, secret, record);
  Append(plan.results, results);
  if (krm::HasErrors(*results)) return;

  Append(EmitInPlace(plan, editor), results);
  // what was written; a failed run writes nothing
  if (!krm::HasErrors(*results)) results->push_back(Summary(plan));
}

int Run(std::string input, const RunOptions& options, std::ostream& out, std::ostream& err) {
  krm::ExecuteOptions exec;
  exec.name = "proxy-private-images";
  exec.limits = options.limits;
  std::string limits_error;  // a bad value: the defaults apply, the run fails
  if (!ReadLimits(options.env, &exec.limits, &limits_error)) exec.limits = options.limits;
  if (!limits_error.empty()) exec.results.push_back(Error(limits_error));
  exec.finish = options.finish;
  auto process = [&options](const krm::ResourceList& list, krm::Editor* editor,
                            std::vector<krm::Result>* results) {
    Transform(list, options, editor, results);
  };
  return krm::Execute(std::move(input), exec, process, out, err);
}

}  // namespace ppi
