// The probe record (SPEC §6): a local-config resource in the package that
// remembers what probing found, so later runs can decide without the
// network. It is read here and rewritten with new probe results.
//
//   apiVersion: fn.proxy-private-images.io/v1alpha1
//   kind: ImageProbeRecord
//   metadata:
//     name: image-probe-record
//     annotations:
//       config.kubernetes.io/local-config: "true"
//   spec:
//     images:
//     - image: quay.io/my-org/api:v1.0.1      # ImageRef::Normalized()
//       class: private                          # public|private|missing|unreachable|rate-limited
//       reason: 401 insufficient_scope after anonymous token
//       probedAt: "2026-11-27T10:00:00Z"
#pragma once

#include <map>
#include <string>
#include <vector>

#include "function/probe/prober.h"
#include "krm/document.h"
#include "krm/result.h"
#include "krm/value.h"

namespace ppi {

inline constexpr const char* kRecordKind = "ImageProbeRecord";
inline constexpr const char* kRecordFile = "image-probe-record.yaml";  // a new record's file

struct RecordEntry {
  std::string image;
  ProbeClass klass = ProbeClass::kUnreachable;
  std::string reason;
  std::string probed_at;
};

inline bool operator==(const RecordEntry& a, const RecordEntry& b) {
  return a.image == b.image && a.klass == b.klass && a.reason == b.reason &&
         a.probed_at == b.probed_at;
}

struct ProbeRecord {
  bool present = false;
  size_t item = 0;                             // index in items when present
  std::map<std::string, RecordEntry> entries;  // by image
};

bool ParseProbeClass(const std::string& text, ProbeClass* out);

// Finds and reads the record among the items (the first one, if several).
// Malformed entries are reported as errors in `problems`.
ProbeRecord ReadProbeRecord(const std::vector<krm::Node>& items,
                            std::vector<krm::Result>* problems);

// spec.images of a record holding `entries`, sorted by image.
krm::Value RecordImages(const std::map<std::string, RecordEntry>& entries);
// A whole new record resource. `for_kpt` adds the path and index
// annotations kpt needs to write a new item to a file (a record file
// written by `probe --record` has no use for them).
krm::Value NewRecord(const std::map<std::string, RecordEntry>& entries, bool for_kpt = true);

}  // namespace ppi
