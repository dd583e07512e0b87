#include "function/classify/probe_record.h"

#include "function/config/settings.h"
#include "krm/item.h"
#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

krm::Result RecordProblem(const krm::Node& item, const std::string& path,
                          const std::string& message) {
  return krm::ItemResult(item, krm::Severity::kError, path, message);
}

void ReadEntries(const krm::Node& item, ProbeRecord* record, std::vector<krm::Result>* problems) {
  krm::Node images = ResourceList::Get(ResourceList::Get(item, "spec"), "images");
  if (!images.IsDefined() || images.IsNull()) return;
  if (!images.IsSequence()) {
    problems->push_back(RecordProblem(item, "spec.images", "must be a list"));
    return;
  }
  for (size_t i = 0; i < images.size(); ++i) {
    krm::Node entry = images[i];
    std::string path = "spec.images[" + std::to_string(i) + "]";
    RecordEntry e;
    e.image = ResourceList::GetString(entry, "image");
    std::string klass = ResourceList::GetString(entry, "class");
    if (e.image.empty() || !ParseProbeClass(klass, &e.klass)) {
      problems->push_back(RecordProblem(item, path,
                                        "needs image and a class of public, private, missing, "
                                        "unreachable or rate-limited"));
      continue;
    }
    e.reason = ResourceList::GetString(entry, "reason");
    e.probed_at = ResourceList::GetString(entry, "probedAt");
    record->entries[e.image] = std::move(e);
  }
}

}  // namespace

bool ParseProbeClass(const std::string& text, ProbeClass* out) {
  for (ProbeClass c : {ProbeClass::kPublic, ProbeClass::kPrivate, ProbeClass::kMissing,
                       ProbeClass::kUnreachable, ProbeClass::kRateLimited}) {
    if (text == ProbeClassName(c)) {
      *out = c;
      return true;
    }
  }
  return false;
}

ProbeRecord ReadProbeRecord(const std::vector<krm::Node>& items,
                            std::vector<krm::Result>* problems) {
  ProbeRecord record;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].IsMap() || ResourceList::GetString(items[i], "kind") != kRecordKind ||
        ResourceList::GetString(items[i], "apiVersion") != kApiVersion) {
      continue;
    }
    record.present = true;
    record.item = i;
    ReadEntries(items[i], &record, problems);
    break;
  }
  return record;
}

krm::Value RecordImages(const std::map<std::string, RecordEntry>& entries) {
  krm::Value list = krm::Value::List();
  for (const auto& [image, e] : entries) {
    krm::Value v = krm::Value::Map();
    v.Set("image", image);
    v.Set("class", ProbeClassName(e.klass));
    v.Set("reason", e.reason);
    if (!e.probed_at.empty()) v.Set("probedAt", e.probed_at);
    list.Push(v);
  }
  return list;
}

krm::Value NewRecord(const std::map<std::string, RecordEntry>& entries, bool for_kpt) {
  krm::Value annotations = krm::Value::Map();
  annotations.Set("config.kubernetes.io/local-config", "true");
  if (for_kpt) {
    krm::AddFileAnnotations(kRecordFile, 0, &annotations);
  }
  krm::Value metadata = krm::Value::Map();
  metadata.Set("name", "image-probe-record");
  metadata.Set("annotations", annotations);
  krm::Value spec = krm::Value::Map();
  spec.Set("images", RecordImages(entries));
  krm::Value record = krm::Value::Map();
  record.Set("apiVersion", kApiVersion);
  record.Set("kind", kRecordKind);
  record.Set("metadata", metadata);
  record.Set("spec", spec);
  return record;
}

}  // namespace ppi
