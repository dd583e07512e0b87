// Planning: from the images found and the decisions made, what to change —
// image values, imagePullSecrets, Secrets, the probe record — and the
// results that report it. Pure: no text is touched here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "function/classify.h"
#include "function/image_sites.h"
#include "function/probe_record.h"
#include "krm/result.h"

namespace ppi {

struct ImageChange {
  krm::Node holder;  // mapping holding the image key
  std::string key;
  std::string value;  // the new image text
};

struct SecretPlan {
  std::string ns;
  std::optional<size_t> existing_item;  // a Secret of that name already there
  std::string path;                     // file for a new Secret
  int index = 0;
};

struct RewritePlan {
  std::vector<ImageChange> images;
  std::vector<size_t> attach;  // indices into Workloads::pod_specs
  std::vector<SecretPlan> secrets;
  bool write_record = false;
  std::map<std::string, RecordEntry> record;  // the whole record to write
  std::vector<krm::Result> results;
};

RewritePlan Plan(const Workloads& workloads, const std::map<std::string, Decision>& decisions,
                 const Config& config, const ProbeRecord& record, const std::string& now);

}  // namespace ppi
