#include "krm/utf8.h"

namespace krm {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

bool IsPrintable(long cp) {
  return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
         (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text, size_t i, long* code_point) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t len;
  long cp, min;
  if (c < 0x80) {
    *code_point = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (text.size() - i < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char next = static_cast<unsigned char>(text[i + k]);
    if (!IsContinuation(next)) return 0;
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF) return 0;  // overlong or out of range
  *code_point = cp;
  return len;
}

std::optional<Unprintable> FindUnprintable(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {  // the common case, ASCII text
      ++i;
      continue;
    }
    long cp = -1;
    size_t len = Utf8SequenceLength(text, i, &cp);
    if (len == 0) return Unprintable{i, -1};
    if (!IsPrintable(cp)) return Unprintable{i, cp};
    i += len;
  }
  return std::nullopt;
}

}  // namespace krm
