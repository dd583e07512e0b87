#include "function/run.h"

#include <algorithm>
#include <ostream>
#include <set>
#include <sstream>

#include "function/apply.h"
#include "function/classify.h"
#include "function/image_sites.h"
#include "function/limits.h"
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
  const krm::Node& root = list.root();
  std::string api = ResourceList::GetString(root, "apiVersion");
  std::string kind = ResourceList::GetString(root, "kind");
  if (kind != "ResourceList") {
    results->push_back(Error("input is not a ResourceList (kind is \"" + kind + "\")", "kind"));
  } else if (api != "config.kubernetes.io/v1" && api != "config.kubernetes.io/v1beta1") {
    results->push_back(
        Error("ResourceList apiVersion \"" + api + "\" is not config.kubernetes.io/v1 or v1beta1",
              "apiVersion"));
  }
  krm::Node items = list.items();
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
  r.message = "found " + std::to_string(w.images.size()) + " images (" + std::to_string(distinct) +
              " distinct) in " + std::to_string(w.pod_specs.size()) + " PodSpecs; rewrote " +
              std::to_string(plan.images.size()) + "; attached the pull secret to " +
              std::to_string(plan.attach.size()) +
              " PodSpecs; pull secrets: " + std::to_string(created) + " created, " +
              std::to_string(plan.secrets.size() - created) + " kept or updated";
  r.severity = krm::Severity::kInfo;
  return r;
}

// Everything after the envelope check; appends to `results`.
void Transform(const ResourceList& list, const RunOptions& options, krm::Editor* editor,
               std::vector<krm::Result>* results) {
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

// Whether `text` reads back as a mapping with `results` results.
bool ReadsBack(const std::string& text, size_t results, std::string* error) {
  krm::Limits loose;
  loose.max_input_bytes = std::max(loose.max_input_bytes, text.size());
  loose.max_depth = 499;
  ResourceList list;
  std::string why;
  if (ResourceList::Parse(text, loose, &list, &why)) {
    krm::Node written = ResourceList::Get(list.root(), "results");
    if (written.IsSequence() && written.size() == results) return true;
    why = "its results are not where they were written";
  }
  *error = "it would not read back (" + why + ")";
  return false;
}

// Writes the input with its edits and results. The output is read back
// first when the run failed (its input with results: yaml-cpp accepts some
// text the editor cannot extend safely, and the error must reach the user)
// and when an edit was placed by scanning flow text, whose corners the scan
// may miss. When the text cannot take the results, they go out on their
// own, as for input that could not be read.
int WriteOutput(krm::Editor* editor, std::vector<krm::Result>* results, std::ostream& out,
                std::ostream& err) {
  std::string error;
  bool set = editor->SetResults(krm::ResultsValue(*results), &error);
  bool check = krm::HasErrors(*results) || editor->scanned_flow();
  std::ostringstream text;
  // Write fails before it writes anything, or not at all.
  if (set && (check ? editor->Write(text, &error) && ReadsBack(text.str(), results->size(), &error)
                    : editor->Write(out, &error))) {
    if (check) out << text.str();
    return krm::ExitCode(*results);
  }
  results->push_back(Error("cannot write the results into the input: " + error));
  err << "proxy-private-images: " << results->back().message << "\n";
  out << krm::FallbackOutput(*results);
  return 1;
}

}  // namespace

int Run(std::string input, const RunOptions& options, std::ostream& out, std::ostream& err) {
  ResourceList list;
  std::string error;
  std::vector<krm::Result> results;
  krm::Limits limits = options.limits;
  std::string limits_error;  // a bad value: the defaults apply, the run fails
  if (!ReadLimits(options.env, &limits, &limits_error)) limits = options.limits;
  if (!limits_error.empty()) results.push_back(Error(limits_error));
  if (!ResourceList::Parse(std::move(input), limits, &list, &error)) {
    results.push_back(Error(error));
    for (const krm::Result& r : results) err << "proxy-private-images: " << r.message << "\n";
    out << krm::FallbackOutput(results);
    return 1;
  }
  krm::Editor editor(list);
  if (!list.root().IsMap()) {
    results.push_back(Error("input is not a ResourceList (not a mapping)"));
    err << "proxy-private-images: input is not a ResourceList\n";
    out << krm::FallbackOutput(results);
    return 1;
  }
  results.insert(results.end(), list.problems().begin(), list.problems().end());
  if (!krm::HasErrors(results) && CheckEnvelope(list, &results)) {
    Transform(list, options, &editor, &results);
  }
  if (krm::HasErrors(results)) {
    editor.Clear();
    for (const krm::Result& r : results) {
      if (r.severity == krm::Severity::kError) err << "proxy-private-images: " << r.message << "\n";
    }
  }
  int code = WriteOutput(&editor, &results, out, err);
  if (options.finish) options.finish(code);
  return code;
}

}  // namespace ppi
