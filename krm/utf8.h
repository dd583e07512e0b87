// What YAML accepts as text (YAML 1.2 §5.1): UTF-8 made of printable
// characters. yaml-cpp does not check this; kpt and kustomize (Go yaml.v3)
// refuse anything else, and output that carries such bytes could not be
// read back.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace krm {

struct Unprintable {
  size_t offset = 0;     // first byte of the offending sequence
  long code_point = -1;  // the character, or -1 when the bytes are not UTF-8
};

// The first place where `text` is not UTF-8 or holds a character YAML does
// not allow: C0 controls other than tab, line feed and carriage return, DEL,
// C1 controls other than NEL, surrogates, U+FFFE and U+FFFF. Overlong forms
// and code points above U+10FFFF are not UTF-8.
std::optional<Unprintable> FindUnprintable(std::string_view text);

// Length of the valid UTF-8 sequence at text[i], or 0 when there is none.
size_t Utf8SequenceLength(std::string_view text, size_t i, long* code_point);

}  // namespace krm
