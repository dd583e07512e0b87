// A KRM function's configuration (the ResourceList's functionConfig) in
// either of the forms kpt and kustomize send, read the same way:
//   - a ConfigMap whose `data` holds every setting as a string (what
//     `kpt fn eval -- key=value` sends, possibly in flow style); a list is
//     a comma-separated string;
//   - the function's own kind, with the settings under `spec`; a list may
//     be a YAML list of strings (a comma-separated string works too).
// Unknown keys are errors (a typo must not silently switch a setting off),
// and every error names its field: "functionConfig data.probe: ...".
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "krm/document.h"
#include "krm/result.h"

namespace krm {

struct ConfigSchema {
  std::string kind;         // the function's own kind
  std::string api_version;  // its apiVersion, for messages
  std::set<std::string> keys;
  // How to give a configuration, said when there is none: "give a
  // ConfigMap with data.x, or a MyKind with spec.x".
  std::string how_to_give;
  // Added to the message about an unknown key, e.g. " (see --help)".
  std::string unknown_key_hint;
};

// "a, b,c" -> {"a", "b", "c"}: split on commas, blanks trimmed, empty
// entries dropped.
std::vector<std::string> SplitCommaList(std::string_view text);

// A whole number written in decimal digits, from `lo` to `hi`; false when
// `text` is anything else.
bool ParseWholeNumber(std::string_view text, int lo, int hi, int* out);

class FunctionConfig {
 public:
  // Reads `fc`. Returns false, with errors, when it is absent, not a
  // mapping, of another kind, or holds an unknown key or a value of the
  // wrong shape; no setting is known then.
  bool Read(const Node& fc, const ConfigSchema& schema);

  bool Has(const std::string& key) const { return settings_.count(key) != 0; }
  // Where the setting was ("data.appSlug", "spec.appSlug"); `key` itself
  // when it was not given.
  std::string FieldOf(const std::string& key) const;

  // Typed getters: the default when the setting is absent; an error (and
  // the default) when its value does not fit.
  std::string String(const std::string& key, const std::string& dflt);
  std::vector<std::string> List(const std::string& key) const;
  int Number(const std::string& key, int dflt, int lo, int hi);
  template <typename E>
  E Choice(const std::string& key, E dflt, const std::vector<std::pair<std::string, E>>& options);

  // An error result about `field` of the configuration, and the same kept
  // with the others (errors()).
  Result Problem(const std::string& field, const std::string& message) const;
  void Error(const std::string& field, const std::string& message);
  const std::vector<Result>& errors() const { return errors_; }
  bool ok() const { return errors_.empty(); }

 private:
  struct Setting {
    std::vector<std::string> values;  // a list setting may hold several
    bool is_list = false;
    std::string field;
  };
  void Collect(const Node& map, const std::string& prefix, const ConfigSchema& schema);
  bool ChoiceText(const std::string& key, const std::vector<std::string>& names, size_t* index);

  ResourceRef ref_;
  FileRef file_;
  std::map<std::string, Setting> settings_;
  std::vector<Result> errors_;
};

template <typename E>
E FunctionConfig::Choice(const std::string& key, E dflt,
                         const std::vector<std::pair<std::string, E>>& options) {
  std::vector<std::string> names;
  for (const auto& option : options) names.push_back(option.first);
  size_t index = 0;
  return ChoiceText(key, names, &index) ? options[index].second : dflt;
}

}  // namespace krm
