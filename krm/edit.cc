#include "krm/edit.h"

#include <algorithm>
#include <sstream>

namespace krm {

void EditList::Replace(size_t begin, size_t end, std::string text) {
  edits_.push_back(TextEdit{begin, end, std::move(text)});
}

namespace {

// Columns of blanks that start an inserted block (after a line break that
// completes the line before it).
size_t Indentation(const std::string& text) {
  size_t i = text.compare(0, 2, "\r\n") == 0 ? 2 : text.compare(0, 1, "\n") == 0 ? 1 : 0;
  size_t start = i;
  while (i < text.size() && text[i] == ' ') ++i;
  return i - start;
}

}  // namespace

bool EditList::Normalize(std::string* error) {
  // Insertions at one position go deepest first (a key added to a nested
  // mapping before one added to its parent, both ending there), else in the
  // order they were made.
  std::stable_sort(edits_.begin(), edits_.end(), [](const TextEdit& a, const TextEdit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    bool a_insert = a.end == a.begin, b_insert = b.end == b.begin;
    if (a_insert != b_insert) return a_insert;
    return a_insert && Indentation(a.text) > Indentation(b.text);
  });
  std::vector<TextEdit> kept;
  for (TextEdit& e : edits_) {
    if (!kept.empty()) {
      const TextEdit& last = kept.back();
      if (last.begin == e.begin && last.end == e.end && last.text == e.text) {
        continue;  // the same edit twice: a node reached through an alias
      }
      if (e.begin < last.end) {
        *error = "conflicting edits at byte " + std::to_string(e.begin);
        return false;
      }
    }
    kept.push_back(std::move(e));
  }
  edits_ = std::move(kept);
  return true;
}

void EditList::WriteTo(std::string_view source, std::ostream& out) const {
  size_t at = 0;
  for (const TextEdit& e : edits_) {
    out.write(source.data() + at, static_cast<std::streamsize>(e.begin - at));
    out.write(e.text.data(), static_cast<std::streamsize>(e.text.size()));
    at = e.end;
  }
  out.write(source.data() + at, static_cast<std::streamsize>(source.size() - at));
}

std::string EditList::Apply(std::string_view source) const {
  std::ostringstream out;
  WriteTo(source, out);
  return out.str();
}

}  // namespace krm
