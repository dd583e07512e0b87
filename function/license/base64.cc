#include "function/license/base64.h"

#include <cstdint>

namespace ppi::license {
namespace {

int Sextet(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool IsLineBreak(char c) { return c == '\n' || c == '\r'; }

size_t SkipLineBreaks(std::string_view text, size_t i) {
  while (i < text.size() && IsLineBreak(text[i])) ++i;
  return i;
}

// The bytes of a quantum of `have` sextets (2, 3 or 4) held in `bits`.
void Emit(uint32_t bits, int have, std::string* out) {
  bits <<= 6 * (4 - have);
  out->push_back(static_cast<char>(bits >> 16));
  if (have > 2) out->push_back(static_cast<char>((bits >> 8) & 0xff));
  if (have > 3) out->push_back(static_cast<char>(bits & 0xff));
}

// After a '=' at text[i - 1] that ends a quantum of `have` sextets: the
// second '=' when two are due, then nothing but line breaks. Returns the
// offset of the first wrong byte, or npos.
size_t CheckPadding(std::string_view text, size_t i, int have) {
  if (have < 2) return i - 1;
  if (have == 2) {
    i = SkipLineBreaks(text, i);
    if (i == text.size()) return text.size();
    if (text[i] != '=') return i - 1;
    ++i;
  }
  i = SkipLineBreaks(text, i);
  return i < text.size() ? i : std::string_view::npos;
}

}  // namespace

bool DecodeBase64(std::string_view text, std::string* out, size_t* bad_offset) {
  out->clear();
  out->reserve(text.size() / 4 * 3);
  uint32_t bits = 0;
  int have = 0;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i++]);
    int v = Sextet(c);
    if (v >= 0) {
      bits = (bits << 6) | static_cast<uint32_t>(v);
      if (++have == 4) {
        Emit(bits, 4, out);
        bits = 0;
        have = 0;
      }
    } else if (!IsLineBreak(static_cast<char>(c))) {
      if (c != '=') {
        *bad_offset = i - 1;
        return false;
      }
      size_t bad = CheckPadding(text, i, have);
      if (bad != std::string_view::npos) {
        *bad_offset = bad;
        return false;
      }
      Emit(bits, have, out);
      return true;
    }
  }
  if (have != 0) {
    *bad_offset = i - static_cast<size_t>(have);
    return false;
  }
  return true;
}

}  // namespace ppi::license
