// New content the function adds to a document (a Secret, a list entry,
// results), written in the style of the place it joins: block YAML or
// JSON-compatible flow. User content is never re-emitted through this.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace krm {

class Value {
 public:
  enum class Kind { kString, kInt, kMap, kList };

  Value() : kind_(Kind::kMap) {}
  Value(const char* s) : kind_(Kind::kString), scalar_(s) {}             // NOLINT
  Value(std::string s) : kind_(Kind::kString), scalar_(std::move(s)) {}  // NOLINT
  static Value Int(long long n);
  static Value Map() { return Value(); }
  static Value List();
  // A list of `count` items made one at a time, by `item`, as the list is
  // written: a long list (the results) is never held whole. `item` must
  // stay valid for as long as the list may be written, and the count is
  // fixed here (items pushed later come before the generated ones).
  static Value Generated(size_t count, std::function<Value(size_t)> item);

  // Appends a key to a map; returns *this for chaining.
  Value& Set(std::string key, Value v);
  Value& Push(Value v);

  Kind kind() const { return kind_; }
  const std::string& scalar() const { return scalar_; }
  const std::vector<std::pair<std::string, Value>>& entries() const { return entries_; }
  // Calls `f` with each item of a list, held or generated.
  void ForEachItem(const std::function<void(const Value&)>& f) const;
  bool empty() const { return entries_.empty() && items_.empty() && generated_count_ == 0; }

 private:
  Kind kind_;
  std::string scalar_;
  std::vector<std::pair<std::string, Value>> entries_;
  std::vector<Value> items_;
  size_t generated_count_ = 0;
  std::function<Value(size_t)> generate_;
};

struct BlockStyle {
  int indent = 2;            // columns per nesting level of mappings
  bool indent_seqs = false;  // "key:\n  - x" (true) or "key:\n- x" (false)
  std::string newline = "\n";
};

// A scalar as YAML text: plain when that reads back as the same string,
// else double-quoted with JSON escapes (valid YAML and JSON alike).
std::string YamlScalar(std::string_view s);
std::string JsonString(std::string_view s);

// What a plain (unquoted) scalar resolves to when it is not a string:
// "int", "float", "bool" or "null" (YAML 1.1 and 1.2 core forms); "" for a
// string.
std::string PlainScalarType(std::string_view s);

// Flow/JSON form on one line: {"a": "b", "c": [1]}.
std::string ToFlow(const Value& v);

// Block form. For a map, every line starts at `column`; the first line has
// no leading indentation (the caller places it after "key:" or "- ").
// The text ends with a newline.
std::string ToBlock(const Value& v, size_t column, const BlockStyle& style);

}  // namespace krm
