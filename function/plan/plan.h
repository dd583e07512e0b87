// Planning: from the images found and the decisions made, every change to
// make — image values, imagePullSecrets entries, pull Secrets, the probe
// record — and the results that report them. Pure: no text is touched.
//
// The plan is complete on its own: each change names its node, its owner
// resource and its field, so that an emitter needs nothing else (the
// in-place emitter in function/emit/ edits the input's text; an overlay
// emitter can write the same plan as kustomize images entries, Secrets
// and patches).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "function/classify/probe_record.h"
#include "function/config/settings.h"
#include "function/decide/decide.h"
#include "function/find/image_sites.h"
#include "krm/document.h"
#include "krm/result.h"

namespace ppi {

// The resource a change belongs to.
struct Owner {
  krm::Node item;
  krm::ResourceRef ref;
  krm::FileRef file;
};

struct ImageRewrite {
  Owner owner;
  krm::Node holder;        // the mapping holding the image key
  std::string key;         // "image", or the last segment of an imageFields path
  krm::Node node;          // the image scalar
  std::string field_path;  // spec.template.spec.containers[0].image
  std::string from;        // as written
  std::string to;
};

// An imagePullSecrets entry to add to a PodSpec.
struct Attachment {
  Owner owner;
  krm::Node pod_spec;
  std::string path;  // of the PodSpec: spec.template.spec
  // imagePullSecrets as found: a list, null (written but empty), or
  // undefined (absent).
  krm::Node list;
  std::string secret_name;
};

struct PullSecret {
  std::string ns;  // "" for a resource without a namespace
  std::string name;
  std::string dockerconfigjson;   // holds the license: only ever in the Secret
  std::optional<Owner> existing;  // a Secret of that name and namespace, updated
  std::string path;               // the file of a new Secret
  int index = 0;                  // and its place in that file
};

struct RecordUpdate {
  std::optional<Owner> existing;               // the record item, when there is one
  std::map<std::string, RecordEntry> entries;  // the whole record to write
};

// What the summary counts.
struct PlanCounts {
  size_t images = 0, distinct = 0, pod_specs = 0;
};

struct RewritePlan {
  krm::Node root;   // the ResourceList
  krm::Node items;  // where new items join
  std::vector<ImageRewrite> rewrites;
  std::vector<Attachment> attachments;
  std::vector<PullSecret> secrets;
  std::optional<RecordUpdate> record;
  std::vector<krm::Result> results;  // one per distinct image, and errors
  PlanCounts counts;
};

// What goes into every pull Secret.
struct SecretSpec {
  std::string name;
  std::string dockerconfigjson;
  AttachPolicy attach = AttachPolicy::kNeeded;
};

// `decisions` is parallel to `workloads.distinct`.
RewritePlan Plan(const krm::Node& root, const Workloads& workloads,
                 const std::vector<Decision>& decisions, const SecretSpec& secret,
                 const ProbeRecord& record);

}  // namespace ppi
