#include "krm/item.h"

#include "krm/resource_list.h"

namespace krm {

std::string Annotation(const Node& item, std::string_view name) {
  Node annotations = ResourceList::Get(ResourceList::Get(item, "metadata"), "annotations");
  return ResourceList::GetString(annotations, name);
}

ResourceRef RefOf(const Node& item) {
  Node metadata = ResourceList::Get(item, "metadata");
  return ResourceRef{
      ResourceList::GetString(item, "apiVersion"), ResourceList::GetString(item, "kind"),
      ResourceList::GetString(metadata, "name"), ResourceList::GetString(metadata, "namespace")};
}

FileRef FileOf(const Node& item) {
  FileRef file;
  file.path = Annotation(item, "config.kubernetes.io/path");
  if (file.path.empty()) file.path = Annotation(item, "internal.config.kubernetes.io/path");
  std::string index = Annotation(item, "config.kubernetes.io/index");
  if (index.empty()) index = Annotation(item, "internal.config.kubernetes.io/index");
  if (!index.empty() && index.size() < 9 &&
      index.find_first_not_of("0123456789") == std::string::npos) {
    file.index = std::stoi(index);
  }
  return file;
}

bool IsLocalConfig(const Node& item) {
  return Annotation(item, "config.kubernetes.io/local-config") == "true";
}

void AddFileAnnotations(const std::string& path, int index, Value* annotations) {
  for (const char* prefix : {"", "internal."}) {
    annotations->Set(std::string(prefix) + "config.kubernetes.io/path", path);
    annotations->Set(std::string(prefix) + "config.kubernetes.io/index", std::to_string(index));
  }
}

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
