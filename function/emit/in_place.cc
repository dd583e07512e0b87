#include "function/emit/in_place.h"

#include "function/classify/probe_record.h"
#include "function/secret/pull_secret.h"
#include "krm/item.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

krm::Result EditProblem(const Owner& owner, const std::string& field, const std::string& what,
                        const std::string& error) {
  return krm::ItemResult(owner.ref, owner.file, krm::Severity::kError, field,
                         "cannot " + what + ": " + error);
}

Owner ListOwner(const RewritePlan& plan) {
  return Owner{plan.root, krm::RefOf(plan.root), krm::FileOf(plan.root)};
}

void Rewrite(const ImageRewrite& r, krm::Editor* e, std::vector<krm::Result>* problems) {
  std::string error;
  if (e->SetScalar(r.holder, r.key, r.to, &error)) return;
  krm::Result p = EditProblem(r.owner, r.field_path,
                              "rewrite image \"" + r.from + "\" to \"" + r.to + "\"", error);
  p.field->current_value = r.from;
  p.field->proposed_value = r.to;
  problems->push_back(std::move(p));
}

void Attach(const Attachment& a, krm::Editor* e, std::vector<krm::Result>* problems) {
  krm::Value entry = krm::Value::Map();
  entry.Set("name", a.secret_name);
  krm::Value list = krm::Value::List().Push(entry);
  std::string error;
  bool ok = !a.list.IsDefined() ? e->AddToMap(a.pod_spec, "imagePullSecrets", list, &error)
            : a.list.IsNull()   ? e->ReplaceValue(a.pod_spec, "imagePullSecrets", list, &error)
                                : e->AppendToSequence(a.list, entry, &error);
  if (!ok) problems->push_back(EditProblem(a.owner, "", "add imagePullSecrets", error));
}

// Brings an existing Secret of the pull secret's name up to date.
bool UpdateSecret(const krm::Node& secret, const std::string& b64, krm::Editor* e,
                  std::string* error) {
  const char* type = kDockerConfigJsonType;
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

void EmitSecret(const RewritePlan& plan, const PullSecret& s, krm::Editor* e,
                std::vector<krm::Result>* problems) {
  std::string error;
  if (s.existing) {
    if (!UpdateSecret(s.existing->item, Base64(s.dockerconfigjson), e, &error)) {
      problems->push_back(EditProblem(*s.existing, "", "update the pull secret", error));
    }
  } else if (!e->AppendToSequence(plan.items, NewPullSecret(s), &error)) {
    problems->push_back(EditProblem(ListOwner(plan), "", "add the pull secret", error));
  }
}

void EmitRecord(const RewritePlan& plan, krm::Editor* e, std::vector<krm::Result>* problems) {
  if (!plan.record) return;
  const RecordUpdate& r = *plan.record;
  std::string error;
  if (!r.existing) {
    if (!e->AppendToSequence(plan.items, NewRecord(r.entries), &error)) {
      problems->push_back(EditProblem(ListOwner(plan), "", "add the probe record", error));
    }
    return;
  }
  krm::Node spec = ResourceList::Get(r.existing->item, "spec");
  bool ok = spec.IsMap() && ResourceList::Get(spec, "images").IsDefined()
                ? e->ReplaceValue(spec, "images", RecordImages(r.entries), &error)
                : e->AddToMap(spec, "images", RecordImages(r.entries), &error);
  if (!ok) problems->push_back(EditProblem(*r.existing, "", "update the probe record", error));
}

}  // namespace

std::vector<krm::Result> EmitInPlace(const RewritePlan& plan, krm::Editor* e) {
  std::vector<krm::Result> problems;
  for (const ImageRewrite& r : plan.rewrites) Rewrite(r, e, &problems);
  for (const Attachment& a : plan.attachments) Attach(a, e, &problems);
  for (const PullSecret& s : plan.secrets) EmitSecret(plan, s, e, &problems);
  EmitRecord(plan, e, &problems);
  return problems;
}

}  // namespace ppi
