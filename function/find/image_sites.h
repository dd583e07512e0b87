// Finding images: every container image in every PodSpec, plus the extra
// fields the configuration names for custom resources (SPEC §7).
#pragma once

#include <string>
#include <vector>

#include "function/config/settings.h"
#include "krm/document.h"
#include "krm/result.h"

namespace ppi {

struct PodSpecSite {
  size_t item = 0;     // index in items
  krm::Node pod_spec;  // the PodSpec mapping
  std::string path;    // e.g. "spec.template.spec"
  std::string ns;      // the item's metadata.namespace ("" when none)
};

struct ImageSite {
  static constexpr size_t kNoPodSpec = static_cast<size_t>(-1);
  size_t item = 0;
  size_t pod_spec = kNoPodSpec;  // index into Workloads::pod_specs
  krm::Node holder;              // the mapping that holds the image key
  std::string key;               // "image" for containers
  std::string field_path;        // e.g. spec.template.spec.containers[0].image
  std::string image;             // the scalar as read
  std::string ns;
  size_t distinct = 0;  // index of `image` in Workloads::distinct
};

// What results and placement need of an item, read once.
struct ItemInfo {
  krm::ResourceRef ref;
  krm::FileRef file;
  bool candidate = false;  // may hold workloads (IsWorkloadCandidate)
};

struct Workloads {
  std::vector<krm::Node> items;
  std::vector<ItemInfo> info;  // parallel to items
  std::vector<PodSpecSite> pod_specs;
  std::vector<ImageSite> images;
  std::vector<std::string> distinct;  // each image text once, in the order found
  std::vector<krm::Result> problems;  // errors naming resource and field
};

// Kinds that are never workloads: kpt's Kptfile, this function's own
// configuration and probe record, and anything marked local-config.
bool IsWorkloadCandidate(const krm::Node& item);

// `items` is the ResourceList's items; `fields` the configured imageFields.
Workloads FindImages(const krm::Node& items, const std::vector<ImageField>& fields);

}  // namespace ppi
