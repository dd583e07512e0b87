#include "function/find/image_sites.h"

#include <map>

#include "krm/item.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

const char* const kContainerLists[] = {"containers", "initContainers", "ephemeralContainers"};

krm::Result Problem(const Workloads& w, size_t item, const std::string& path,
                    const std::string& message) {
  const ItemInfo& info = w.info[item];
  return krm::ItemResult(info.ref, info.file, krm::Severity::kError, path, message);
}

krm::Node At(const krm::Node& node, const std::vector<const char*>& path) {
  krm::Node cur = node;
  for (const char* key : path) {
    cur = ResourceList::Get(cur, key);
    if (!cur.IsMap()) return krm::Node();
  }
  return cur;
}

bool LooksLikePodSpec(const krm::Node& spec) {
  if (!spec.IsMap()) return false;
  for (const char* list : kContainerLists) {
    if (ResourceList::Get(spec, list).IsDefined()) return true;
  }
  return false;
}

// Records one image value found at holder[key].
void AddImage(Workloads* w, size_t item, size_t pod_spec, const krm::Node& holder,
              const std::string& key, const std::string& path, const std::string& ns) {
  krm::Node value = ResourceList::Get(holder, key);
  if (!value.IsScalar()) {
    std::string what = value.IsMap() ? "a mapping" : value.IsSequence() ? "a list" : "empty";
    w->problems.push_back(Problem(*w, item, path, "image must be a string, found " + what));
    return;
  }
  std::string type = value.Tag() == "?" ? krm::PlainScalarType(value.Scalar()) : "";
  if (!type.empty()) {
    w->problems.push_back(Problem(*w, item, path,
                                  "image must be a string, found " +
                                      (type == "null"  ? "empty"
                                       : type == "int" ? "an int"
                                                       : "a " + type) +
                                      " (" + std::string(value.Scalar()) + ")"));
    return;
  }
  w->images.push_back(
      ImageSite{item, pod_spec, holder, key, path, std::string(value.Scalar()), ns});
}

void AddPodSpec(Workloads* w, size_t item, const krm::Node& spec, const std::string& path,
                const std::string& ns) {
  size_t index = w->pod_specs.size();
  w->pod_specs.push_back(PodSpecSite{item, spec, path, ns});
  for (const char* list_name : kContainerLists) {
    krm::Node list = ResourceList::Get(spec, list_name);
    std::string list_path = path + "." + list_name;
    if (!list.IsDefined() || list.IsNull()) continue;
    if (!list.IsSequence()) {
      w->problems.push_back(Problem(*w, item, list_path, "must be a list of containers"));
      continue;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      krm::Node container = list[i];
      std::string cpath = list_path + "[" + std::to_string(i) + "]";
      if (!container.IsMap()) {
        w->problems.push_back(Problem(*w, item, cpath, "a container must be a mapping"));
        continue;
      }
      if (!ResourceList::Get(container, "image").IsDefined()) continue;
      AddImage(w, item, index, container, "image", cpath + ".image", ns);
    }
  }
}

void FindPodSpecs(Workloads* w, size_t item, const std::string& ns) {
  const krm::Node& node = w->items[item];
  struct Shape {
    std::vector<const char*> path;
    const char* text;
    bool pod_only;
  };
  static const Shape kShapes[] = {
      {{"spec"}, "spec", true},
      {{"spec", "template", "spec"}, "spec.template.spec", false},
      {{"spec", "jobTemplate", "spec", "template", "spec"},
       "spec.jobTemplate.spec.template.spec",
       false},
      {{"template", "spec"}, "template.spec", false},
  };
  bool is_pod = ResourceList::GetString(node, "kind") == "Pod";
  for (const Shape& shape : kShapes) {
    if (shape.pod_only && !is_pod) continue;
    krm::Node spec = At(node, shape.path);
    if (LooksLikePodSpec(spec)) AddPodSpec(w, item, spec, shape.text, ns);
  }
}

// Walks a configured image field; "[]" visits every element of a list.
void WalkField(Workloads* w, size_t item, const krm::Node& node,
               const std::vector<std::string>& path, size_t depth, const std::string& text,
               const std::string& ns) {
  const std::string& seg = path[depth];
  if (seg == "[]") {
    if (!node.IsSequence()) return;
    for (size_t i = 0; i < node.size(); ++i) {
      WalkField(w, item, node[i], path, depth + 1, text + "[" + std::to_string(i) + "]", ns);
    }
    return;
  }
  if (!node.IsMap()) return;
  std::string next_text = text.empty() ? seg : text + "." + seg;
  if (depth + 1 == path.size()) {
    if (ResourceList::Get(node, seg).IsDefined()) {
      AddImage(w, item, ImageSite::kNoPodSpec, node, seg, next_text, ns);
    }
    return;
  }
  WalkField(w, item, ResourceList::Get(node, seg), path, depth + 1, next_text, ns);
}

// Numbers each distinct image text, in the order found.
void Index(Workloads* w) {
  std::map<std::string, size_t> seen;
  for (ImageSite& site : w->images) {
    auto [it, added] = seen.emplace(site.image, w->distinct.size());
    if (added) w->distinct.push_back(site.image);
    site.distinct = it->second;
  }
}

}  // namespace

bool IsWorkloadCandidate(const krm::Node& item) {
  std::string kind = ResourceList::GetString(item, "kind");
  std::string api = ResourceList::GetString(item, "apiVersion");
  if (kind == "Kptfile" || api.rfind(std::string(kApiGroup) + "/", 0) == 0) {
    return false;
  }
  return !krm::IsLocalConfig(item);
}

Workloads FindImages(const krm::Node& items, const std::vector<ImageField>& fields) {
  Workloads w;
  for (krm::Node item : krm::Elements(items)) w.items.push_back(item);
  w.info.resize(w.items.size());
  for (size_t i = 0; i < w.items.size(); ++i) {
    const krm::Node& item = w.items[i];
    if (!item.IsMap()) {
      krm::Result r;
      r.message = "items[" + std::to_string(i) + "] is not a resource (a mapping)";
      r.severity = krm::Severity::kError;
      r.field = krm::FieldRef{"items[" + std::to_string(i) + "]", std::nullopt, std::nullopt};
      w.problems.push_back(r);
      continue;
    }
    w.info[i] = ItemInfo{krm::RefOf(item), krm::FileOf(item), IsWorkloadCandidate(item)};
    if (!w.info[i].candidate) continue;
    const std::string& ns = w.info[i].ref.ns;
    FindPodSpecs(&w, i, ns);
    std::string kind = ResourceList::GetString(item, "kind");
    for (const ImageField& field : fields) {
      if (field.kind == kind) WalkField(&w, i, item, field.path, 0, "", ns);
    }
  }
  Index(&w);
  return w;
}

}  // namespace ppi
