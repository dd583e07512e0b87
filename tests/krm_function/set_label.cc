#include "tests/krm_function/set_label.h"

#include "krm/execute.h"
#include "krm/function_config.h"
#include "krm/item.h"

namespace set_label {
namespace {

using krm::ResourceList;

const krm::ConfigSchema& Schema() {
  static const krm::ConfigSchema schema{"SetLabel",
                                        "example.com/v1",
                                        {"key", "value"},
                                        "give a ConfigMap with data.key and data.value",
                                        ""};
  return schema;
}

// Sets metadata.labels[key] on one item.
bool SetOn(const krm::Node& item, const std::string& key, const std::string& value,
           krm::Editor* editor, std::string* error) {
  krm::Value labels = krm::Value::Map().Set(key, value);
  krm::Node metadata = ResourceList::Get(item, "metadata");
  if (!metadata.IsDefined()) {
    return editor->AddToMap(item, "metadata", krm::Value::Map().Set("labels", labels), error);
  }
  krm::Node current = ResourceList::Get(metadata, "labels");
  if (!current.IsDefined()) return editor->AddToMap(metadata, "labels", labels, error);
  if (current.IsNull()) return editor->ReplaceValue(metadata, "labels", labels, error);
  if (!ResourceList::Get(current, key).IsDefined()) {
    return editor->AddToMap(current, key, value, error);
  }
  if (ResourceList::GetString(current, key) == value) return true;
  return editor->SetScalar(current, key, value, error);
}

void Process(const ResourceList& list, krm::Editor* editor, std::vector<krm::Result>* results) {
  krm::FunctionConfig config;
  bool read = config.Read(list.function_config(), Schema());
  std::string key = read ? config.String("key", "") : "";
  std::string value = read ? config.String("value", "") : "";
  if (read && key.empty()) config.Error(config.FieldOf("key"), "is required");
  results->insert(results->end(), config.errors().begin(), config.errors().end());
  if (!config.ok()) return;
  size_t labelled = 0;
  for (krm::Node item : krm::Elements(list.items())) {
    if (!item.IsMap() || krm::IsLocalConfig(item)) continue;
    std::string error;
    if (SetOn(item, key, value, editor, &error)) {
      ++labelled;
    } else {
      results->push_back(krm::ItemResult(item, krm::Severity::kError, "metadata.labels", error));
    }
  }
  krm::Result r;
  r.message = "set " + key + "=" + value + " on " + std::to_string(labelled) + " items";
  results->push_back(r);
}

}  // namespace

int Run(std::string input, std::ostream& out, std::ostream& err) {
  krm::ExecuteOptions options;
  options.name = "set-label";
  return krm::Execute(std::move(input), options, Process, out, err);
}

}  // namespace set_label
