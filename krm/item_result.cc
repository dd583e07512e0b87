#include "krm/item_result.h"

#include "krm/resource_list.h"

namespace krm {

Result ItemResult(const Node& item, Severity severity, const std::string& field_path,
                  const std::string& message) {
  return ItemResult(RefOf(item), FileOf(item), severity, field_path, message);
}

Result ItemResult(const ResourceRef& ref, const FileRef& file, Severity severity,
                  const std::string& field_path, const std::string& message) {
  Result r;
  r.resource = ref;
  r.message = Describe(ref) + ": " + (field_path.empty() ? "" : field_path + ": ") + message;
  r.severity = severity;
  if (!field_path.empty()) r.field = FieldRef{field_path, std::nullopt, std::nullopt};
  r.file = file;
  return r;
}

}  // namespace krm
