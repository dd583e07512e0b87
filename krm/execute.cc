#include "krm/execute.h"

#include <algorithm>
#include <ostream>
#include <sstream>

namespace krm {
namespace {

Result Error(const std::string& message, const std::string& field = "") {
  Result r;
  r.message = message;
  r.severity = Severity::kError;
  if (!field.empty()) r.field = FieldRef{field, std::nullopt, std::nullopt};
  return r;
}

// Whether `text` reads back as a mapping with `results` results.
bool ReadsBack(const std::string& text, size_t results, std::string* error) {
  Limits loose;
  loose.max_input_bytes = std::max(loose.max_input_bytes, text.size());
  loose.max_depth = 499;
  ResourceList list;
  std::string why;
  if (ResourceList::Parse(text, loose, &list, &why)) {
    Node written = ResourceList::Get(list.root(), "results");
    if (written.IsSequence() && written.size() == results) return true;
    why = "its results are not where they were written";
  }
  *error = "it would not read back (" + why + ")";
  return false;
}

// Writes the input with its edits and results. The output is read back
// first when the run failed (its input with results: yaml-cpp accepts some
// text the editor cannot extend safely, and the error must reach the user)
// and when an edit was placed by scanning flow text, whose corners the scan
// may miss. When the text cannot take the results, they go out on their
// own, as for input that could not be read.
int WriteOutput(const std::string& name, Editor* editor, std::vector<Result>* results,
                std::ostream& out, std::ostream& err) {
  std::string error;
  bool set = editor->SetResults(ResultsValue(*results), &error);
  bool check = HasErrors(*results) || editor->scanned_flow();
  std::ostringstream text;
  // Write fails before it writes anything, or not at all.
  if (set && (check ? editor->Write(text, &error) && ReadsBack(text.str(), results->size(), &error)
                    : editor->Write(out, &error))) {
    if (check) out << text.str();
    return ExitCode(*results);
  }
  results->push_back(Error("cannot write the results into the input: " + error));
  err << name << ": " << results->back().message << "\n";
  out << FallbackOutput(*results);
  return 1;
}

// Input that cannot be written back: the results alone.
int Refuse(const std::string& name, const std::vector<Result>& results,
           const std::string& stderr_line, std::ostream& out, std::ostream& err) {
  if (stderr_line.empty()) {
    for (const Result& r : results) err << name << ": " << r.message << "\n";
  } else {
    err << name << ": " << stderr_line << "\n";
  }
  out << FallbackOutput(results);
  return 1;
}

}  // namespace

std::string FallbackOutput(const std::vector<Result>& results) {
  BlockStyle style;
  Value list = ResultsValue(results);
  return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"
         "results:\n" +
         ToBlock(list, 0, style);
}

bool CheckEnvelope(const ResourceList& list, std::vector<Result>* results) {
  const Node& root = list.root();
  std::string api = ResourceList::GetString(root, "apiVersion");
  std::string kind = ResourceList::GetString(root, "kind");
  size_t before = results->size();
  if (kind != "ResourceList") {
    results->push_back(Error("input is not a ResourceList (kind is \"" + kind + "\")", "kind"));
  } else if (api != "config.kubernetes.io/v1" && api != "config.kubernetes.io/v1beta1") {
    results->push_back(
        Error("ResourceList apiVersion \"" + api + "\" is not config.kubernetes.io/v1 or v1beta1",
              "apiVersion"));
  }
  Node items = list.items();
  if (!items.IsDefined()) {
    results->push_back(Error("ResourceList has no items", "items"));
  } else if (!items.IsSequence()) {
    results->push_back(Error("ResourceList items is not a list", "items"));
  }
  return results->size() == before;
}

int Execute(std::string input, const ExecuteOptions& options, const Processor& process,
            std::ostream& out, std::ostream& err) {
  std::vector<Result> results = options.results;
  ResourceList list;
  std::string error;
  if (!ResourceList::Parse(std::move(input), options.limits, &list, &error)) {
    results.push_back(Error(error));
    return Refuse(options.name, results, "", out, err);
  }
  if (!list.root().IsMap()) {
    results.push_back(Error("input is not a ResourceList (not a mapping)"));
    return Refuse(options.name, results, "input is not a ResourceList", out, err);
  }
  Editor editor(list);
  results.insert(results.end(), list.problems().begin(), list.problems().end());
  if (!HasErrors(results) && CheckEnvelope(list, &results)) process(list, &editor, &results);
  if (HasErrors(results)) {
    editor.Clear();
    for (const Result& r : results) {
      if (r.severity == Severity::kError) err << options.name << ": " << r.message << "\n";
    }
  }
  int code = WriteOutput(options.name, &editor, &results, out, err);
  if (options.finish) options.finish(code);
  return code;
}

}  // namespace krm
