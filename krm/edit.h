// Text edits on a source document: replacements of byte ranges and
// insertions at positions. Applying them copies every other byte as it was.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace krm {

struct TextEdit {
  size_t begin = 0;  // first byte replaced (or insertion point)
  size_t end = 0;    // one past the last byte replaced (== begin: insert)
  std::string text;  // what goes there
};

class EditList {
 public:
  void Replace(size_t begin, size_t end, std::string text);
  void Insert(size_t pos, std::string text) { Replace(pos, pos, std::move(text)); }
  bool empty() const { return edits_.empty(); }
  size_t size() const { return edits_.size(); }

  // Sorts the edits (insertions at one position deepest first, by their
  // indentation) and drops exact duplicates (the same node edited twice,
  // reached through an alias). Returns false, with a message, when two
  // replacements overlap.
  bool Normalize(std::string* error);
  // Writes `source` with the (normalized) edits applied.
  void WriteTo(std::string_view source, std::ostream& out) const;
  std::string Apply(std::string_view source) const;

 private:
  std::vector<TextEdit> edits_;
};

}  // namespace krm
