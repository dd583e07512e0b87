#include "krm/resource_list.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "krm/text_scan.h"
#include "krm/tree_check.h"
#include "krm/utf8.h"
#include "krm/yaml_reader.h"

namespace krm {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string Where(const YAML::Mark& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// Line and column of byte `pos` of `text`, counting bytes.
std::string WhereInText(std::string_view text, size_t pos) {
  size_t line_start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  line_start = (pos == 0 || line_start == std::string_view::npos) ? 0 : line_start + 1;
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + pos, '\n'));
  return "line " + std::to_string(line) + ", column " + std::to_string(pos - line_start + 1);
}

// The text must be printable UTF-8, and its lines end with LF or CRLF: a
// carriage return alone is a line break to YAML but not to the editor.
bool CheckText(std::string_view body, std::string* error) {
  std::optional<Unprintable> bad = FindUnprintable(body);
  char hex[24];
  if (bad && bad->code_point < 0) {
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(body[bad->offset]));
    *error =
        std::string("input is not UTF-8: byte ") + hex + " at " + WhereInText(body, bad->offset);
    if (body.size() >= 2 &&
        (body[0] == '\0' || body[1] == '\0' || static_cast<unsigned char>(body[0]) >= 0xFE)) {
      *error += " (UTF-16 and UTF-32 are not supported)";
    }
    return false;
  }
  if (bad) {
    std::snprintf(hex, sizeof hex, "U+%04lX", bad->code_point);
    *error = std::string("input holds the character ") + hex + " at " +
             WhereInText(body, bad->offset) +
             ", which YAML does not allow unescaped (a control character)";
    return false;
  }
  for (size_t cr = body.find('\r'); cr != std::string_view::npos; cr = body.find('\r', cr + 1)) {
    if (cr + 1 == body.size() || body[cr + 1] != '\n') {
      *error = "input has a carriage return without a line feed at " + WhereInText(body, cr) +
               ": lines must end with LF or CRLF";
      return false;
    }
  }
  return true;
}

std::string TreeError(const TreeReport& report, const Limits& limits) {
  switch (report.problem) {
    case TreeReport::Problem::kTooDeep:
      return "input nests deeper than " + std::to_string(limits.max_depth) + " levels at " +
             Where(report.where);
    case TreeReport::Problem::kTooLarge:
      return "input is larger than the limit of " + std::to_string(limits.max_input_bytes) +
             " bytes once its aliases are expanded (an alias counts as a copy of "
             "the node it names; it stopped at " +
             Where(report.where) + ")";
    case TreeReport::Problem::kSelfReference:
      return "input has an alias inside the node it names (the node at " + Where(report.where) +
             " contains itself)";
    case TreeReport::Problem::kMissingColon:
      return "input is not valid YAML: no ':' after the key \"" + report.key + "\" at " +
             Where(report.where);
    case TreeReport::Problem::kValueNotIndented:
      return "input is not valid YAML: the value of \"" + report.key + "\" at " +
             Where(report.where) + " is not indented more than its key";
    case TreeReport::Problem::kNone:
      break;
  }
  return "";
}

std::string JoinPath(const std::vector<std::string>& path, size_t from) {
  std::string out;
  for (size_t i = from; i < path.size(); ++i) {
    bool index = !path[i].empty() && path[i].front() == '[';
    out += (out.empty() || index ? "" : ".") + path[i];
  }
  return out;
}

// A duplicate key as a result naming the resource and field:
// "Deployment/web: spec.template.spec.containers[0]: duplicate key ...".
Result DuplicateKeyResult(const Node& root, const DuplicateKey& d) {
  Result r;
  r.severity = Severity::kError;
  const std::vector<std::string>& path = d.path;
  size_t skip = 0;
  std::string owner = "ResourceList:";
  const Node items = ResourceList::Get(root, "items");
  if (path.size() >= 2 && path[0] == "items" && path[1].front() == '[' && items.IsSequence()) {
    size_t index = std::strtoul(path[1].c_str() + 1, nullptr, 10);
    Node item = items[index];
    if (item.IsMap()) {
      r.resource = RefOf(item);
      r.file = FileOf(item);
      owner = Describe(*r.resource) + ":";
      skip = 2;
    }
  } else if (!path.empty() && path[0] == "functionConfig") {
    r.resource = RefOf(ResourceList::Get(root, "functionConfig"));
    owner = "functionConfig";
    skip = 1;
  }
  std::string map_path = JoinPath(path, skip);
  std::string field = map_path.empty() ? d.key : map_path + "." + d.key;
  r.field = FieldRef{field, std::nullopt, std::nullopt};
  r.message = owner + " " + (map_path.empty() ? "" : map_path + ": ") + "duplicate key \"" + d.key +
              "\" at " + Where(d.again) + " (first at " + Where(d.first) + ")";
  return r;
}

// What the reader refuses in a document yaml-cpp read: see TreeReport, and
// a quoted scalar left open at the end of the input (yaml-cpp accepts it).
bool CheckDocument(const Node& root, std::string_view body, const Limits& limits,
                   TreeReport* report, std::string* error) {
  TreeLimits tree_limits;
  tree_limits.max_depth = limits.max_depth;
  tree_limits.max_expanded_size = limits.max_input_bytes;
  *report = CheckTree(root, body, tree_limits);
  if (report->problem != TreeReport::Problem::kNone) {
    *error = TreeError(*report, limits);
    return false;
  }
  if (report->last_scalar.is_null()) return true;
  size_t start = SkipProperties(body, report->last_scalar.pos);
  if (start < body.size() && (body[start] == '"' || body[start] == '\'') &&
      !FindScalar(body, start, false)) {
    *error = "input is not valid YAML: the quoted scalar at " + Where(report->last_scalar) +
             " is not closed";
    return false;
  }
  return true;
}

// Errors in a readable document: too many items, duplicate keys.
std::vector<Result> Problems(const Node& root, const TreeReport& report, const Limits& limits) {
  std::vector<Result> problems;
  Node items = ResourceList::Get(root, "items");
  if (items.IsSequence() && items.size() > limits.max_items) {
    Result r;
    r.message = "input holds " + std::to_string(items.size()) + " items, more than the limit of " +
                std::to_string(limits.max_items);
    r.severity = Severity::kError;
    r.field = FieldRef{"items", std::nullopt, std::nullopt};
    problems.push_back(std::move(r));
  }
  for (const DuplicateKey& d : report.duplicates) {
    problems.push_back(DuplicateKeyResult(root, d));
  }
  return problems;
}

}  // namespace

bool ResourceList::Parse(std::string text, const Limits& limits, ResourceList* out,
                         std::string* error) {
  if (text.size() > limits.max_input_bytes) {
    *error =
        "input is larger than the limit of " + std::to_string(limits.max_input_bytes) + " bytes";
    return false;
  }
  out->offset_ = text.compare(0, kBom.size(), kBom) == 0 ? kBom.size() : 0;
  std::string_view body = std::string_view(text).substr(out->offset_);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    *error = "input is empty: expected a ResourceList";
    return false;
  }
  if (!CheckText(body, error)) return false;
  auto doc = std::make_unique<Document>();
  if (!ReadOneDocument(body, doc.get(), error)) return false;
  Node root = doc->root();
  TreeReport report;
  if (!CheckDocument(root, body, limits, &report, error)) return false;
  out->problems_ = Problems(root, report, limits);
  out->doc_ = std::move(doc);
  out->root_ = root;
  out->text_ = std::move(text);
  out->newline_ = out->text_.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  out->json_ = out->root_.IsMap() && out->root_.IsFlow();
  return true;
}

std::pair<Node, Node> ResourceList::Entry(const Node& map, std::string_view key) {
  for (auto [k, v] : Entries(map)) {
    if (k.IsScalar() && k.Scalar() == key) return {k, v};
  }
  return {};
}

Node ResourceList::Get(const Node& map, std::string_view key) { return Entry(map, key).second; }

std::string ResourceList::GetString(const Node& map, std::string_view key) {
  Node v = Get(map, key);
  return std::string(v.Scalar());
}

}  // namespace krm
