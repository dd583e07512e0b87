#include "krm/edit.h"

#include <algorithm>
#include <sstream>

namespace krm {

void EditList::Replace(size_t begin, size_t end, std::string text) {
  edits_.push_back(TextEdit{begin, end, std::move(text)});
}

bool EditList::Normalize(std::string* error) {
  // stable: insertions at one position keep the order they were made in
  std::stable_sort(edits_.begin(), edits_.end(),
                   [](const TextEdit& a, const TextEdit& b) {
                     if (a.begin != b.begin) return a.begin < b.begin;
                     return (a.end == a.begin) > (b.end == b.begin);
                   });
  std::vector<TextEdit> kept;
  for (TextEdit& e : edits_) {
    if (!kept.empty()) {
      const TextEdit& last = kept.back();
      if (last.begin == e.begin && last.end == e.end && last.text == e.text &&
          e.end != e.begin) {
        continue;  // the same replacement twice (a node reached by an alias)
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
