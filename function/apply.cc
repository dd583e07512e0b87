#include "function/apply.h"

#include "function/pull_secret.h"
#include "krm/item_result.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

krm::Result EditProblem(const krm::Node& item, const std::string& what, const std::string& error) {
  return krm::ItemResult(item, krm::Severity::kError, "", "cannot " + what + ": " + error);
}

krm::Value SecretRef(const Config& c) {
  krm::Value ref = krm::Value::Map();
  ref.Set("name", c.pull_secret_name);
  return ref;
}

// Brings an existing Secret of the pull secret's name up to date.
bool UpdateSecret(const krm::Node& secret, const Config& c, krm::Editor* e, std::string* error) {
  std::string b64 = Base64(DockerConfigJson(c));
  const char* type = "kubernetes.io/dockerconfigjson";
  krm::Node t = ResourceList::Get(secret, "type");
  if (!t.IsDefined()) {
    if (!e->AddToMap(secret, "type", type, error)) return false;
  } else if (!t.IsScalar() || t.Scalar() != type) {
    if (!e->SetScalar(secret, "type", type, error)) return false;
  }
  krm::Node data = ResourceList::Get(secret, "data");
  if (!data.IsDefined()) {
    krm::Value v = krm::Value::Map();
    v.Set(".dockerconfigjson", b64);
    return e->AddToMap(secret, "data", v, error);
  }
  if (!data.IsMap()) {
    *error = "data is not a mapping";
    return false;
  }
  krm::Node current = ResourceList::Get(data, ".dockerconfigjson");
  if (!current.IsDefined()) return e->AddToMap(data, ".dockerconfigjson", b64, error);
  if (current.IsScalar() && current.Scalar() == b64) return true;
  return e->SetScalar(data, ".dockerconfigjson", b64, error);
}

void ApplyRecord(const RewritePlan& plan, const ProbeRecord& record, const krm::ResourceList& list,
                 krm::Editor* e, std::vector<krm::Result>* results) {
  if (!plan.write_record) return;
  std::string error;
  if (!record.present) {
    if (!e->AppendToSequence(list.items(), NewRecord(plan.record), &error)) {
      results->push_back(EditProblem(list.root(), "add the probe record", error));
    }
    return;
  }
  krm::Node item = list.items()[record.item];
  krm::Node spec = ResourceList::Get(item, "spec");
  bool ok = spec.IsMap() && ResourceList::Get(spec, "images").IsDefined()
                ? e->ReplaceValue(spec, "images", RecordImages(plan.record), &error)
                : e->AddToMap(spec, "images", RecordImages(plan.record), &error);
  if (!ok) results->push_back(EditProblem(item, "update the probe record", error));
}

}  // namespace

void Apply(const RewritePlan& plan, const Workloads& w, const Config& c, const ProbeRecord& record,
           const krm::ResourceList& list, krm::Editor* e, std::vector<krm::Result>* results) {
  std::string error;
  for (const ImageChange& change : plan.images) {
    if (!e->SetScalar(change.holder, change.key, change.value, &error)) {
      krm::Result r;
      r.message = "cannot rewrite image: " + error;
      r.severity = krm::Severity::kError;
      results->push_back(r);
    }
  }
  for (size_t index : plan.attach) {
    const PodSpecSite& ps = w.pod_specs[index];
    krm::Node list_node = ResourceList::Get(ps.pod_spec, "imagePullSecrets");
    krm::Value entry = SecretRef(c);
    bool ok = list_node.IsDefined() ? e->AppendToSequence(list_node, entry, &error)
                                    : e->AddToMap(ps.pod_spec, "imagePullSecrets",
                                                  krm::Value::List().Push(entry), &error);
    if (!ok) results->push_back(EditProblem(w.items[ps.item], "add imagePullSecrets", error));
  }
  for (const SecretPlan& s : plan.secrets) {
    if (s.existing_item) {
      const krm::Node& item = w.items[*s.existing_item];
      if (!UpdateSecret(item, c, e, &error)) {
        results->push_back(EditProblem(item, "update the pull secret", error));
      }
    } else if (!e->AppendToSequence(list.items(), NewPullSecret(c, s.ns, s.path, s.index),
                                    &error)) {
      results->push_back(EditProblem(list.root(), "add the pull secret", error));
    }
  }
  ApplyRecord(plan, record, list, e, results);
}

}  // namespace ppi
