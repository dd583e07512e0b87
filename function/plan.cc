#include "function/plan.h"

#include <set>

#include "function/proxied_name.h"
#include "krm/item_result.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

krm::Result SiteResult(const Workloads& w, const ImageSite& site, krm::Severity severity,
                       const std::string& message) {
  const ItemInfo& info = w.info[site.item];
  krm::Result r = krm::ItemResult(info.ref, info.file, severity, site.field_path, message);
  r.field->current_value = site.image;
  return r;
}

krm::Result DecisionResult(const std::string& image, const Decision& d, const ImageSite& first,
                           const Workloads& w) {
  bool warn = d.action == Action::kUnclassified;
  std::string message = image + ": " + d.klass + " (" + d.reason + ")";
  if (!d.rewritten.empty()) message += "; rewritten to " + d.rewritten;
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
  if (!d.rewritten.empty()) r.field->proposed_value = d.rewritten;
  r.tags["image"] = image;
  r.tags["class"] = d.klass;
  if (!d.rewritten.empty()) r.tags["rewrittenTo"] = d.rewritten;
  return r;
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// Where a new Secret for `ns` goes: beside the first resource that needs it,
// after any item already in that file.
SecretPlan PlaceSecret(const Workloads& w, const Config& c, const std::string& ns,
                       size_t first_item) {
  SecretPlan s;
  s.ns = ns;
  std::string dir = DirOf(w.info[first_item].file.path);
  s.path = dir + c.pull_secret_name + (ns.empty() ? "" : "." + ns) + ".yaml";
  for (const ItemInfo& info : w.info) {
    // an item there without an index annotation is taken to hold index 0
    if (info.file.path == s.path) s.index = std::max(s.index, std::max(info.file.index, 0) + 1);
  }
  return s;
}

std::optional<size_t> FindSecret(const Workloads& w, const Config& c, const std::string& ns) {
  for (size_t i = 0; i < w.info.size(); ++i) {
    const ItemInfo& info = w.info[i];
    if (info.ref.kind == "Secret" && info.ref.name == c.pull_secret_name && info.ref.ns == ns &&
        info.candidate) {
      return i;
    }
  }
  return std::nullopt;
}

// Checks a PodSpec's imagePullSecrets; true when the secret must be added.
bool NeedsAttach(const Workloads& w, const PodSpecSite& ps, const Config& c,
                 std::vector<krm::Result>* results) {
  krm::Node list = ResourceList::Get(ps.pod_spec, "imagePullSecrets");
  if (!list.IsDefined()) return true;
  if (!list.IsSequence()) {
    const ItemInfo& info = w.info[ps.item];
    results->push_back(krm::ItemResult(info.ref, info.file, krm::Severity::kError,
                                       ps.path + ".imagePullSecrets", "must be a list"));
    return false;
  }
  for (krm::Node entry : krm::Elements(list)) {
    if (ResourceList::GetString(entry, "name") == c.pull_secret_name) return false;
  }
  return true;
}

void PlanRecord(const std::map<std::string, Decision>& decisions, const ProbeRecord& record,
                const std::string& now, RewritePlan* plan) {
  plan->record = record.entries;
  for (const auto& [image, d] : decisions) {
    if (!d.probed) continue;
    plan->record[d.key] = RecordEntry{d.key, d.verdict.klass, d.verdict.reason, now};
    plan->write_record = true;
  }
}

void PlanSecrets(const Workloads& w, const std::map<std::string, Decision>& decisions,
                 const Config& c, RewritePlan* plan) {
  std::vector<bool> pod_needs(w.pod_specs.size(), false);
  std::map<std::string, size_t> namespaces;  // ns -> first item needing it
  for (const ImageSite& site : w.images) {
    auto d = decisions.find(site.image);
    bool needs = d != decisions.end() && NeedsSecret(d->second.action);
    if (site.pod_spec != ImageSite::kNoPodSpec) {
      if (c.attach == AttachPolicy::kAll && d != decisions.end() &&
          d->second.action != Action::kExclude) {
        needs = true;
      }
      if (needs) pod_needs[site.pod_spec] = true;
    }
    if (needs) namespaces.emplace(site.ns, site.item);
  }
  for (size_t i = 0; i < w.pod_specs.size(); ++i) {
    if (pod_needs[i] && NeedsAttach(w, w.pod_specs[i], c, &plan->results)) {
      plan->attach.push_back(i);
    }
  }
  for (const auto& [ns, item] : namespaces) {
    SecretPlan s = PlaceSecret(w, c, ns, item);
    s.existing_item = FindSecret(w, c, ns);
    plan->secrets.push_back(s);
  }
}

// A rewrite to a name that runtimes refuse (SPEC §11) is not made: the
// image becomes an error result saying why, wherever it is used.
std::map<std::string, Decision> RefuseInvalidRewrites(std::map<std::string, Decision> decisions) {
  for (auto& [image, d] : decisions) {
    if (d.rewritten.empty()) continue;
    std::optional<std::string> why = RewriteRefusal(image, d.rewritten);
    if (!why) continue;
    d.reason = image + ": " + d.klass + " (" + d.reason + "), but " + *why;
    d.klass = "invalid";  // the reason is the whole message
    d.action = Action::kFail;
    d.rewritten.clear();
  }
  return decisions;
}

}  // namespace

RewritePlan Plan(const Workloads& w, const std::map<std::string, Decision>& classified,
                 const Config& c, const ProbeRecord& record, const std::string& now) {
  std::map<std::string, Decision> decisions = RefuseInvalidRewrites(classified);
  RewritePlan plan;
  std::set<std::string> reported;
  for (const ImageSite& site : w.images) {
    const Decision& d = decisions.at(site.image);
    if (d.action == Action::kFail) {
      std::string message =
          d.klass == "invalid" ? d.reason : site.image + ": " + d.klass + " (" + d.reason + ")";
      plan.results.push_back(SiteResult(w, site, krm::Severity::kError, message));
      continue;
    }
    if (reported.insert(site.image).second) {
      plan.results.push_back(DecisionResult(site.image, d, site, w));
    }
    if (!d.rewritten.empty() && d.rewritten != site.image) {
      plan.images.push_back(ImageChange{site.holder, site.key, d.rewritten});
    }
  }
  PlanSecrets(w, decisions, c, &plan);
  PlanRecord(decisions, record, now, &plan);
  return plan;
}

}  // namespace ppi
