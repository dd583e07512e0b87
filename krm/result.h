// Results of a KRM function run (kpt's v1 result schema) and the exit code
// they imply.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "krm/value.h"

namespace krm {

enum class Severity { kError, kWarning, kInfo };

struct ResourceRef {
  std::string api_version;
  std::string kind;
  std::string name;
  std::string ns;
};

struct FieldRef {
  std::string path;  // e.g. spec.template.spec.containers[0].image
  std::optional<std::string> current_value;
  std::optional<std::string> proposed_value;
};

struct FileRef {
  std::string path;
  int index = -1;  // -1: not known
};

struct Result {
  std::string message;
  Severity severity = Severity::kInfo;
  std::optional<ResourceRef> resource;
  std::optional<FieldRef> field;
  std::optional<FileRef> file;
  std::map<std::string, std::string> tags;
};

const char* SeverityName(Severity s);
bool HasErrors(const std::vector<Result>& results);
int ExitCode(const std::vector<Result>& results);  // 1 when any error

// The `results` list as it goes into the ResourceList. Each result becomes
// a Value only while it is written; `results` must outlive the list.
Value ResultsValue(const std::vector<Result>& results);

// "Deployment/web" or "Deployment/web (namespace prod)".
std::string Describe(const ResourceRef& ref);

}  // namespace krm
