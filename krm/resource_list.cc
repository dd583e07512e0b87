#include "krm/resource_list.h"

#include <istream>
#include <streambuf>
#include <utility>

namespace krm {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Lets yaml-cpp read the text in place: Load(std::string) would copy it
// into a stringstream first.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
};

size_t NodeDepth(const YAML::Node& root, size_t max_depth) {
  std::vector<std::pair<YAML::Node, size_t>> stack{{root, 1}};
  size_t deepest = 0;
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (deepest > max_depth) return deepest;
    if (node.IsMap()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        stack.emplace_back((*it).second, depth + 1);
      }
    } else if (node.IsSequence()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        stack.emplace_back(*it, depth + 1);
      }
    }
  }
  return deepest;
}

}  // namespace

bool ResourceList::Parse(std::string text, const Limits& limits,
                         ResourceList* out, std::string* error) {
  if (text.size() > limits.max_input_bytes) {
    *error = "input is " + std::to_string(text.size()) +
             " bytes, more than the limit of " +
             std::to_string(limits.max_input_bytes);
    return false;
  }
  out->offset_ = text.compare(0, kBom.size(), kBom) == 0 ? kBom.size() : 0;
  std::string_view body = std::string_view(text).substr(out->offset_);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    *error = "input is empty: expected a ResourceList";
    return false;
  }
  std::vector<YAML::Node> docs;
  try {
    ViewBuf buf(body);
    std::istream in(&buf);
    docs = YAML::LoadAll(in);
  } catch (const YAML::Exception& e) {
    *error = "input is not valid YAML: " + e.msg + " at line " +
             std::to_string(e.mark.line + 1) + ", column " +
             std::to_string(e.mark.column + 1);
    return false;
  } catch (const std::exception& e) {
    *error = std::string("input could not be read: ") + e.what();
    return false;
  }
  if (docs.size() != 1) {
    *error = "input holds " + std::to_string(docs.size()) +
             " YAML documents: expected one ResourceList";
    return false;
  }
  if (NodeDepth(docs[0], limits.max_depth) > limits.max_depth) {
    *error = "input nests deeper than " + std::to_string(limits.max_depth) +
             " levels";
    return false;
  }
  out->root_ = docs[0];
  out->text_ = std::move(text);
  out->newline_ = out->text_.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  out->json_ = out->root_.IsMap() &&
               out->root_.Style() == YAML::EmitterStyle::Flow;
  return true;
}

std::pair<YAML::Node, YAML::Node> ResourceList::Entry(const YAML::Node& map,
                                                      std::string_view key) {
  if (!map.IsMap()) return {YAML::Node(YAML::NodeType::Undefined),
                            YAML::Node(YAML::NodeType::Undefined)};
  for (auto it = map.begin(); it != map.end(); ++it) {
    if ((*it).first.IsScalar() && (*it).first.Scalar() == key) {
      return {(*it).first, (*it).second};
    }
  }
  return {YAML::Node(YAML::NodeType::Undefined),
          YAML::Node(YAML::NodeType::Undefined)};
}

YAML::Node ResourceList::Get(const YAML::Node& map, std::string_view key) {
  return Entry(map, key).second;
}

std::string ResourceList::GetString(const YAML::Node& map,
                                    std::string_view key) {
  YAML::Node v = Get(map, key);
  return v.IsScalar() ? v.Scalar() : std::string();
}

std::string Annotation(const YAML::Node& item, std::string_view name) {
  YAML::Node annotations =
      ResourceList::Get(ResourceList::Get(item, "metadata"), "annotations");
  return ResourceList::GetString(annotations, name);
}

ResourceRef RefOf(const YAML::Node& item) {
  YAML::Node metadata = ResourceList::Get(item, "metadata");
  return ResourceRef{ResourceList::GetString(item, "apiVersion"),
                     ResourceList::GetString(item, "kind"),
                     ResourceList::GetString(metadata, "name"),
                     ResourceList::GetString(metadata, "namespace")};
}

FileRef FileOf(const YAML::Node& item) {
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

bool IsLocalConfig(const YAML::Node& item) {
  std::string v = Annotation(item, "config.kubernetes.io/local-config");
  return v == "true";
}

std::string FallbackOutput(const std::vector<Result>& results) {
  BlockStyle style;
  Value list = ResultsValue(results);
  return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"
         "results:\n" + ToBlock(list, 0, style);
}

}  // namespace krm
