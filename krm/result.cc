#include "krm/result.h"

#include <algorithm>
#include <iterator>

namespace krm {
namespace {

Value RefValue(const ResourceRef& ref) {
  Value v = Value::Map();
  if (!ref.api_version.empty()) v.Set("apiVersion", ref.api_version);
  if (!ref.kind.empty()) v.Set("kind", ref.kind);
  if (!ref.name.empty()) v.Set("name", ref.name);
  if (!ref.ns.empty()) v.Set("namespace", ref.ns);
  return v;
}

Value FieldValue(const FieldRef& field) {
  Value v = Value::Map();
  v.Set("path", field.path);
  if (field.current_value) v.Set("currentValue", *field.current_value);
  if (field.proposed_value) v.Set("proposedValue", *field.proposed_value);
  return v;
}

Value ResultValue(const Result& r) {
  Value v = Value::Map();
  v.Set("message", r.message);
  v.Set("severity", SeverityName(r.severity));
  if (r.resource) v.Set("resourceRef", RefValue(*r.resource));
  if (r.field) v.Set("field", FieldValue(*r.field));
  if (r.file && !r.file->path.empty()) {
    Value file = Value::Map();
    file.Set("path", r.file->path);
    if (r.file->index >= 0) file.Set("index", Value::Int(r.file->index));
    v.Set("file", file);
  }
  if (!r.tags.empty()) {
    Value tags = Value::Map();
    for (const auto& [k, t] : r.tags) tags.Set(k, t);
    v.Set("tags", tags);
  }
  return v;
}

}  // namespace

const char* SeverityName(Severity s) {
  static const char* const kNames[] = {"error", "warning", "info"};  // in enum order
  size_t i = static_cast<size_t>(s);
  return i < std::size(kNames) ? kNames[i] : "info";
}

bool HasErrors(const std::vector<Result>& results) {
  return std::any_of(results.begin(), results.end(),
                     [](const Result& r) { return r.severity == Severity::kError; });
}

int ExitCode(const std::vector<Result>& results) { return HasErrors(results) ? 1 : 0; }

Value ResultsValue(const std::vector<Result>& results) {
  return Value::Generated(results.size(), [&results](size_t i) { return ResultValue(results[i]); });
}

std::string Describe(const ResourceRef& ref) {
  std::string out = ref.kind + "/" + ref.name;
  if (!ref.ns.empty()) out += " (namespace " + ref.ns + ")";
  return out;
}

}  // namespace krm
