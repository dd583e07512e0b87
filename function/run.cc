#include "function/run.h"

#include <ostream>
#include <set>

#include "function/apply.h"
#include "function/classify.h"
#include "function/image_sites.h"
#include "function/plan.h"
#include "function/probe_record.h"
#include "krm/editor.h"

namespace ppi {
namespace {

using krm::ResourceList;

krm::Result Error(const std::string& message, const std::string& field = "") {
  krm::Result r;
  r.message = message;
  r.severity = krm::Severity::kError;
  if (!field.empty()) r.field = krm::FieldRef{field, std::nullopt, std::nullopt};
  return r;
}

// The envelope: kind, apiVersion and items must be those of a ResourceList.
bool CheckEnvelope(const ResourceList& list, std::vector<krm::Result>* results) {
  const YAML::Node& root = list.root();
  std::string api = ResourceList::GetString(root, "apiVersion");
  std::string kind = ResourceList::GetString(root, "kind");
  if (kind != "ResourceList") {
    results->push_back(Error("input is not a ResourceList (kind is \"" + kind + "\")", "kind"));
  } else if (api != "config.kubernetes.io/v1" && api != "config.kubernetes.io/v1beta1") {
    results->push_back(Error("ResourceList apiVersion \"" + api +
                             "\" is not config.kubernetes.io/v1 or v1beta1", "apiVersion"));
  }
  YAML::Node items = list.items();
  if (!items.IsDefined()) {
    results->push_back(Error("ResourceList has no items", "items"));
  } else if (!items.IsSequence()) {
    results->push_back(Error("ResourceList items is not a list", "items"));
  }
  return !krm::HasErrors(*results);
}

std::vector<std::string> DistinctImages(const Workloads& w) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const ImageSite& site : w.images) {
    if (seen.insert(site.image).second) out.push_back(site.image);
  }
  return out;
}

krm::Result Summary(const RewritePlan& plan, const Workloads& w, size_t distinct) {
  size_t created = 0;
  for (const SecretPlan& s : plan.secrets) created += s.existing_item ? 0 : 1;
  krm::Result r;
  r.message = "found " + std::to_string(w.images.size()) + " images (" +
              std::to_string(distinct) + " distinct) in " +
              std::to_string(w.pod_specs.size()) + " PodSpecs; rewrote " +
              std::to_string(plan.images.size()) + "; attached the pull secret to " +
              std::to_string(plan.attach.size()) + " PodSpecs; pull secrets: " +
              std::to_string(created) + " created, " +
              std::to_string(plan.secrets.size() - created) + " kept or updated";
  r.severity = krm::Severity::kInfo;
  return r;
}

// Everything after the envelope check; appends to `results`.
void Transform(const ResourceList& list, const RunOptions& options,
               krm::Editor* editor, std::vector<krm::Result>* results) {
  Config config;
  if (!ParseConfig(list.function_config(), options.env, &config, results)) return;
  Workloads w = FindImages(list.items(), config);
  results->insert(results->end(), w.problems.begin(), w.problems.end());
  ProbeRecord record = ReadProbeRecord(w.items, results);
  if (krm::HasErrors(*results)) return;
  std::unique_ptr<Prober> prober;
  std::vector<std::string> images = DistinctImages(w);
  if (config.probe == ProbeMode::kOnline && options.make_prober) {
    prober = options.make_prober(config.probe_options);
  }
  auto decisions = Classify(images, config, record, prober.get());
  RewritePlan plan = Plan(w, decisions, config, record, options.now ? options.now() : "");
  results->insert(results->end(), plan.results.begin(), plan.results.end());
  if (krm::HasErrors(*results)) return;
  Apply(plan, w, config, record, list, editor, results);
  results->push_back(Summary(plan, w, images.size()));
}

}  // namespace

int Run(std::string input, const RunOptions& options, std::ostream& out,
        std::ostream& err) {
  ResourceList list;
  std::string error;
  std::vector<krm::Result> results;
  if (!ResourceList::Parse(std::move(input), options.limits, &list, &error)) {
    err << "proxy-private-images: " << error << "\n";
    out << krm::FallbackOutput({Error(error)});
    return 1;
  }
  krm::Editor editor(list);
  if (!list.root().IsMap()) {
    results.push_back(Error("input is not a ResourceList (not a mapping)"));
    err << "proxy-private-images: input is not a ResourceList\n";
    out << krm::FallbackOutput(results);
    return 1;
  }
  if (CheckEnvelope(list, &results)) Transform(list, options, &editor, &results);
  if (krm::HasErrors(results)) {
    editor.Clear();
    for (const krm::Result& r : results) {
      if (r.severity == krm::Severity::kError) err << "proxy-private-images: " << r.message << "\n";
    }
  }
  if (!editor.SetResults(krm::ResultsValue(results), &error) ||
      !editor.Write(out, &error)) {
    // The text could not take the results: fall back to the input as it was.
    err << "proxy-private-images: " << error << "\n";
    out << list.text();
    return 1;
  }
  return krm::ExitCode(results);
}

}  // namespace ppi
