#include "function/plan/plan.h"

#include <algorithm>
#include <set>

#include "function/plan/proxied_name.h"
#include "krm/item.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

Owner OwnerOf(const Workloads& w, size_t item) {
  return Owner{w.items[item], w.info[item].ref, w.info[item].file};
}

krm::Result SiteResult(const Workloads& w, const ImageSite& site, krm::Severity severity,
                       const std::string& message) {
  const ItemInfo& info = w.info[site.item];
  krm::Result r = krm::ItemResult(info.ref, info.file, severity, site.field_path, message);
  r.field->current_value = site.image;
  return r;
}

// The result that reports a decision, at the first place the image is used.
krm::Result DecisionResult(const Decision& d, const ImageSite& first, const Workloads& w) {
  bool warn = d.action == Action::kUnclassified;
  std::string message = first.image + ": " + d.label + " (" + d.reason + ")";
  if (!d.to.empty()) message += "; rewritten to " + d.to;
  if (warn) {
    message +=
        "; left unchanged. Classify it with the private or public "
        "settings, a probe record, proxyAll, or probe: online";
  }
  krm::Result r =
      SiteResult(w, first, warn ? krm::Severity::kWarning : krm::Severity::kInfo, message);
  // It leads with the image, not with the resource as ItemResult writes it:
  // resourceRef and field already say where.
  r.message = message;
  if (!d.to.empty()) r.field->proposed_value = d.to;
  r.tags["image"] = first.image;
  r.tags["class"] = d.label;
  if (!d.to.empty()) r.tags["rewrittenTo"] = d.to;
  return r;
}

// The error a failed decision gives at each place the image is used.
krm::Result FailureResult(const Decision& d, const ImageSite& site, const Workloads& w) {
  std::string message =
      d.action == Action::kInvalid ? d.reason : site.image + ": " + d.label + " (" + d.reason + ")";
  return SiteResult(w, site, krm::Severity::kError, message);
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// A pull Secret for `ns`: the one already there, or a new one beside the
// first resource that needs it, after any item already in that file.
PullSecret SecretFor(const Workloads& w, const SecretSpec& spec, const std::string& ns,
                     size_t first_item) {
  PullSecret s;
  s.ns = ns;
  s.name = spec.name;
  s.dockerconfigjson = spec.dockerconfigjson;
  s.path = DirOf(w.info[first_item].file.path) + spec.name + (ns.empty() ? "" : "." + ns) + ".yaml";
  for (size_t i = 0; i < w.info.size(); ++i) {
    const ItemInfo& info = w.info[i];
    // an item there without an index annotation is taken to hold index 0
    if (info.file.path == s.path) s.index = std::max(s.index, std::max(info.file.index, 0) + 1);
    if (!s.existing && info.ref.kind == "Secret" && info.ref.name == spec.name &&
        info.ref.ns == ns && info.candidate) {
      s.existing = OwnerOf(w, i);
    }
  }
  return s;
}

// Checks a PodSpec's imagePullSecrets; true when the Secret must be added.
// Written but empty (null, as Helm often leaves it) counts as absent.
bool NeedsAttach(const Workloads& w, const PodSpecSite& ps, const std::string& secret_name,
                 std::vector<krm::Result>* results) {
  krm::Node list = ResourceList::Get(ps.pod_spec, "imagePullSecrets");
  if (!list.IsDefined() || list.IsNull()) return true;
  if (!list.IsSequence()) {
    const ItemInfo& info = w.info[ps.item];
    results->push_back(krm::ItemResult(info.ref, info.file, krm::Severity::kError,
                                       ps.path + ".imagePullSecrets", "must be a list"));
    return false;
  }
  for (krm::Node entry : krm::Elements(list)) {
    if (ResourceList::GetString(entry, "name") == secret_name) return false;
  }
  return true;
}

void PlanRecord(const std::vector<Decision>& decisions, const Workloads& w,
                const ProbeRecord& record, RewritePlan* plan) {
  RecordUpdate update;
  update.entries = record.entries;
  bool probed = false;
  for (const Decision& d : decisions) {
    if (!d.verdict || d.verdict->basis != Basis::kProbe) continue;
    const Verdict& v = *d.verdict;
    update.entries[d.key] = RecordEntry{d.key, v.visibility, v.reason, v.probed_at};
    probed = true;
  }
  if (!probed) return;
  if (record.present) update.existing = OwnerOf(w, record.item);
  plan->record = std::move(update);
}

void PlanSecrets(const Workloads& w, const std::vector<Decision>& decisions, const SecretSpec& spec,
                 RewritePlan* plan) {
  std::vector<bool> pod_needs(w.pod_specs.size(), false);
  std::map<std::string, size_t> namespaces;  // ns -> first item needing it
  for (const ImageSite& site : w.images) {
    Action action = decisions[site.distinct].action;
    bool needs = NeedsSecret(action);
    if (site.pod_spec != ImageSite::kNoPodSpec) {
      if (spec.attach == AttachPolicy::kAll && action != Action::kExclude) needs = true;
      if (needs) pod_needs[site.pod_spec] = true;
    }
    if (needs) namespaces.emplace(site.ns, site.item);
  }
  for (size_t i = 0; i < w.pod_specs.size(); ++i) {
    const PodSpecSite& ps = w.pod_specs[i];
    if (pod_needs[i] && NeedsAttach(w, ps, spec.name, &plan->results)) {
      krm::Node list = ResourceList::Get(ps.pod_spec, "imagePullSecrets");
      plan->attachments.push_back(
          Attachment{OwnerOf(w, ps.item), ps.pod_spec, ps.path, list, spec.name});
    }
  }
  for (const auto& [ns, item] : namespaces) {
    plan->secrets.push_back(SecretFor(w, spec, ns, item));
  }
}

// A rewrite to a name that runtimes refuse (SPEC §11) is not made: the
// image becomes an error result saying why, wherever it is used.
std::vector<Decision> RefuseInvalidRewrites(const std::vector<std::string>& images,
                                            std::vector<Decision> decisions) {
  for (size_t i = 0; i < decisions.size() && i < images.size(); ++i) {
    Decision& d = decisions[i];
    if (d.action != Action::kRewrite) continue;
    std::optional<std::string> why = RewriteRefusal(images[i], d.to);
    if (!why) continue;
    d.reason = images[i] + ": " + d.label + " (" + d.reason + "), but " + *why;
    d.action = Action::kInvalid;  // the rewrite is not a valid reference; reason is the message
    d.to.clear();
  }
  return decisions;
}

}  // namespace

RewritePlan Plan(const krm::Node& root, const Workloads& w, const std::vector<Decision>& decided,
                 const SecretSpec& spec, const ProbeRecord& record) {
  std::vector<Decision> decisions = RefuseInvalidRewrites(w.distinct, decided);
  RewritePlan plan;
  plan.root = root;
  plan.items = ResourceList::Get(root, "items");
  plan.counts = PlanCounts{w.images.size(), w.distinct.size(), w.pod_specs.size()};
  if (decisions.size() != w.distinct.size()) {  // not the workloads' decisions
    krm::Result r;
    r.message = "internal error: " + std::to_string(decisions.size()) + " decisions for " +
                std::to_string(w.distinct.size()) + " images";
    r.severity = krm::Severity::kError;
    plan.results.push_back(r);
    return plan;
  }
  std::set<size_t> reported;
  for (const ImageSite& site : w.images) {
    const Decision& d = decisions[site.distinct];
    if (d.action == Action::kFail || d.action == Action::kInvalid) {
      plan.results.push_back(FailureResult(d, site, w));
      continue;
    }
    if (reported.insert(site.distinct).second) {
      plan.results.push_back(DecisionResult(d, site, w));
    }
    // No key: not a valid reference, yet decided (the proxy's own, or excluded).
    if (d.key.empty() && d.action != Action::kRewrite) {
      if (std::optional<std::string> why = KeptRefusal(site.image)) {
        plan.results.push_back(
            SiteResult(w, site, krm::Severity::kWarning, site.image + ": " + *why));
      }
    }
    if (d.action == Action::kRewrite && d.to != site.image) {
      krm::Node node = ResourceList::Get(site.holder, site.key);
      plan.rewrites.push_back(ImageRewrite{OwnerOf(w, site.item), site.holder, site.key, node,
                                           site.field_path, site.image, d.to});
    }
  }
  PlanSecrets(w, decisions, spec, &plan);
  PlanRecord(decisions, w, record, &plan);
  return plan;
}

}  // namespace ppi
