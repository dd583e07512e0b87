// Edits to a ResourceList's text, made through the nodes of its document:
// replace a scalar, add a key to a mapping, append to a sequence, set the
// results. New text follows the style (block or flow, indentation, line
// endings) of the place it joins.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "krm/edit.h"
#include "krm/resource_list.h"
#include "krm/text_scan.h"
#include "krm/value.h"

namespace krm {

class Editor {
 public:
  explicit Editor(const ResourceList& list);

  // Replaces the scalar value of `key` in `map` with `value`, keeping its
  // quoting style where the new value allows it. An alias (*name) is
  // replaced by the value itself, leaving the anchor alone.
  bool SetScalar(const Node& map, std::string_view key, std::string_view value, std::string* error);
  // Adds `key: value` at the end of a mapping (which must lack the key).
  bool AddToMap(const Node& map, std::string_view key, const Value& value, std::string* error);
  // Appends `item` to a sequence.
  bool AppendToSequence(const Node& seq, const Value& item, std::string* error);
  // Replaces the value of `key` in `map` (block or flow) with `value`.
  bool ReplaceValue(const Node& map, std::string_view key, const Value& value, std::string* error);
  // Sets the root's `results` (replacing a list already there).
  bool SetResults(const Value& results, std::string* error);

  // Forgets every edit (a failed run writes its input unchanged).
  void Clear() { edits_ = EditList(); }
  // Whether some edit was placed by scanning flow text ([...], {...}) for
  // its end: yaml-cpp's flow syntax has corners that scan can miss, so
  // such output is worth reading back before it is written.
  bool scanned_flow() const { return scanned_flow_; }
  bool Write(std::ostream& out, std::string* error);

 private:
  BlockStyle StyleAt(size_t column) const;
  // The text of a scalar in block context. An empty scalar given by its
  // properties alone ("name: !tag") ends with them, empty: the text on the
  // lines after them is another node's.
  std::optional<ScalarSpan> BlockScalarSpan(const Node& scalar) const;
  size_t LastPos(Node node) const;
  size_t EndOfBlockMap(const Node& map) const;
  size_t MapColumn(const Node& map) const;
  size_t EndOfBlockValue(const Node& key, const Node& value) const;
  bool InsertIntoFlow(const Node& node, const std::string& text, std::string* error);
  std::string PlaceBlock(size_t pos, std::string text) const;
  size_t ScanFlowEnd(size_t open) const;  // FlowEnd, noting scanned_flow_

  const ResourceList& list_;
  std::string_view text_;
  EditList edits_;
  bool indent_seqs_ = false;
  mutable bool scanned_flow_ = false;
};

}  // namespace krm
