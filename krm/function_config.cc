#include "krm/function_config.h"

#include <cstdlib>

#include "krm/item.h"
#include "krm/resource_list.h"

namespace krm {

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string_view part = text.substr(start, comma - start);
    size_t b = part.find_first_not_of(" \t\r\n");
    size_t e = part.find_last_not_of(" \t\r\n");
    if (b != std::string_view::npos) out.emplace_back(part.substr(b, e - b + 1));
    start = comma + 1;
  }
  return out;
}

bool ParseWholeNumber(std::string_view text, int lo, int hi, int* out) {
  bool digits = !text.empty() && text.size() < 9 &&
                text.find_first_not_of("0123456789") == std::string_view::npos;
  int n = digits ? std::atoi(std::string(text).c_str()) : -1;
  if (n < lo || n > hi) return false;
  *out = n;
  return true;
}

bool FunctionConfig::Read(const Node& fc, const ConfigSchema& schema) {
  ref_ = RefOf(fc);
  file_ = FileOf(fc);
  std::string own = schema.kind + " (" + schema.api_version + ")";
  if (!fc.IsDefined() || fc.IsNull()) {
    Error("functionConfig", "is missing: " + schema.how_to_give);
    return false;
  }
  if (!fc.IsMap()) {
    Error("functionConfig", "must be a mapping: a ConfigMap or a " + own);
    return false;
  }
  std::string kind = ResourceList::GetString(fc, "kind");
  bool config_map = kind == "ConfigMap";
  if (!config_map && kind != schema.kind) {
    Error("kind", "\"" + kind + "\" is not supported: use a ConfigMap or " + own);
    return false;
  }
  Node body = ResourceList::Get(fc, config_map ? "data" : "spec");
  if (body.IsMap()) {
    Collect(body, config_map ? "data" : "spec", schema);
  } else if (body.IsDefined() && !body.IsNull()) {
    Error(config_map ? "data" : "spec",
          config_map ? "must be a mapping of strings" : "must be a mapping");
  }
  if (!ok()) settings_.clear();
  return ok();
}

// Collects the settings of `map` (data or spec), checking names and shapes.
void FunctionConfig::Collect(const Node& map, const std::string& prefix,
                             const ConfigSchema& schema) {
  for (auto [key_node, v] : Entries(map)) {
    std::string key(key_node.Scalar());
    std::string field = prefix + "." + key;
    if (!schema.keys.count(key)) {
      Error(field, "unknown setting \"" + key + "\"" + schema.unknown_key_hint);
      continue;
    }
    Setting s{{}, false, field};
    if (v.IsScalar()) {
      s.values.emplace_back(v.Scalar());
    } else if (v.IsSequence() && prefix == "spec") {
      s.is_list = true;
      for (Node item : Elements(v)) {
        if (!item.IsScalar()) {
          Error(field, "list entries must be strings");
          break;
        }
        s.values.emplace_back(item.Scalar());
      }
    } else if (v.IsNull()) {
      s.values.push_back("");
    } else {
      Error(field, prefix == "data" ? "must be a string" : "must be a string or a list of strings");
      continue;
    }
    settings_[key] = std::move(s);
  }
}

std::string FunctionConfig::FieldOf(const std::string& key) const {
  auto it = settings_.find(key);
  return it == settings_.end() ? key : it->second.field;
}

std::string FunctionConfig::String(const std::string& key, const std::string& dflt) {
  auto it = settings_.find(key);
  if (it == settings_.end()) return dflt;
  const Setting& s = it->second;
  if (s.is_list || s.values.size() != 1) {
    Error(s.field, "must be a single string");
    return dflt;
  }
  return s.values[0];
}

std::vector<std::string> FunctionConfig::List(const std::string& key) const {
  auto it = settings_.find(key);
  if (it == settings_.end()) return {};
  if (it->second.is_list) return it->second.values;
  return SplitCommaList(it->second.values.empty() ? "" : it->second.values[0]);
}

int FunctionConfig::Number(const std::string& key, int dflt, int lo, int hi) {
  if (!Has(key)) return dflt;
  std::string v = String(key, "");
  int n = dflt;
  if (!ParseWholeNumber(v, lo, hi, &n)) {
    Error(FieldOf(key), "\"" + v + "\" must be a whole number from " + std::to_string(lo) + " to " +
                            std::to_string(hi));
    return dflt;
  }
  return n;
}

bool FunctionConfig::ChoiceText(const std::string& key, const std::vector<std::string>& names,
                                size_t* index) {
  if (!Has(key)) return false;
  std::string v = String(key, "");
  std::string all;
  for (size_t i = 0; i < names.size(); ++i) {
    if (v == names[i]) {
      *index = i;
      return true;
    }
    all += (all.empty() ? "" : ", ") + names[i];
  }
  Error(FieldOf(key), "\"" + v + "\" is not one of: " + all);
  return false;
}

Result FunctionConfig::Problem(const std::string& field, const std::string& message) const {
  Result r;
  r.message = (field == "functionConfig" ? field : "functionConfig " + field) + ": " + message;
  r.severity = Severity::kError;
  if (!ref_.kind.empty() || !ref_.name.empty()) r.resource = ref_;
  r.field = FieldRef{field, std::nullopt, std::nullopt};
  r.file = file_;
  return r;
}

void FunctionConfig::Error(const std::string& field, const std::string& message) {
  errors_.push_back(Problem(field, message));
}

}  // namespace krm
