#include "krm/item_result.h"

#include "krm/resource_list.h"

namespace krm {

Result ItemResult(const YAML::Node& item, Severity severity, const std::string& field_path,
                  const std::string& message) {
  Result r;
  r.resource = RefOf(item);
  r.message = Describe(*r.resource) + ": " + (field_path.empty() ? "" : field_path + ": ") + message;
  r.severity = severity;
  if (!field_path.empty()) r.field = FieldRef{field_path, std::nullopt, std::nullopt};
  r.file = FileOf(item);
  return r;
}

}  // namespace krm
