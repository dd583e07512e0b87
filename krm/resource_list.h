// A KRM ResourceList read from text, keeping the text: every node can be
// located in it, so edits leave all other bytes as they were.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "krm/document.h"
#include "krm/item.h"
#include "krm/result.h"

namespace krm {

// What the reader accepts. A run takes about 10 to 15 times the size of
// its input at its peak, so the size limit bounds memory too.
struct Limits {
  size_t max_input_bytes = 64u << 20;  // 64 MiB; aliases count as copies
  size_t max_depth = 200;              // nesting of collections
  size_t max_items = 1000000;
};

class ResourceList {
 public:
  // Reads the text. On failure returns false and sets `error` to a message
  // that says what is wrong with the input: not UTF-8, not YAML, not one
  // document, nested too deep, or too large once its aliases are expanded.
  static bool Parse(std::string text, const Limits& limits, ResourceList* out, std::string* error);

  const std::string& text() const { return text_; }
  const Node& root() const { return root_; }
  // Undefined nodes when absent.
  Node items() const { return Get(root_, "items"); }
  Node function_config() const { return Get(root_, "functionConfig"); }
  const std::string& newline() const { return newline_; }
  // Errors in a document that could be read (more items than the limit,
  // duplicate keys), each naming the resource and field where there is one.
  const std::vector<Result>& problems() const { return problems_; }
  bool is_json() const { return json_; }

  // Byte offset of a node in text().
  size_t Pos(const Node& node) const { return node.Mark().pos + offset_; }

  // The key node and value node of `key` in a mapping; both undefined when
  // absent or when `map` is not a mapping.
  static std::pair<Node, Node> Entry(const Node& map, std::string_view key);
  static Node Get(const Node& map, std::string_view key);
  // The scalar at `key`, or "" when absent or not a scalar.
  static std::string GetString(const Node& map, std::string_view key);

 private:
  std::string text_;
  size_t offset_ = 0;  // bytes before what yaml-cpp counts (a byte-order mark)
  std::string newline_ = "\n";
  bool json_ = false;
  std::unique_ptr<Document> doc_;  // on the heap: nodes point at it
  Node root_;
  std::vector<Result> problems_;
};

// RefOf, FileOf, Annotation and IsLocalConfig live in krm/item.h.

// A ResourceList with no items and these results, for input that could not
// be read at all (defined in krm/execute.cc, with the write path).
std::string FallbackOutput(const std::vector<Result>& results);

}  // namespace krm
