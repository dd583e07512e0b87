// Text positions inside YAML source. yaml-cpp reports where a node starts
// (Mark().pos, a byte offset); these helpers find where it ends, so that the
// text of a node can be replaced and new text inserted next to it without
// re-emitting anything the function did not change.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace krm {

enum class ScalarStyle { kPlain, kSingleQuoted, kDoubleQuoted, kBlock };

struct ScalarSpan {
  size_t begin = 0;  // first byte of the scalar itself (after &anchor/!tag)
  size_t end = 0;    // one past its last byte (closing quote included)
  ScalarStyle style = ScalarStyle::kPlain;
};

// Skips node properties (&anchor, !tag) and the blanks after them.
size_t SkipProperties(std::string_view text, size_t pos);
// One past the last of the properties that start at `pos`, on that line
// (`pos` itself when there are none): "&a !t" in "&a !t value".
size_t PropertiesEnd(std::string_view text, size_t pos);

// The span of the scalar whose node starts at `pos`. `in_flow` says whether
// the scalar sits inside a flow collection ([...] or {...}). Returns nothing
// for block scalars and for text that does not look like a scalar.
std::optional<ScalarSpan> FindScalar(std::string_view text, size_t pos, bool in_flow);

// The value of a quoted or plain single-line scalar span, as YAML reads it.
std::string ScalarValue(std::string_view text, const ScalarSpan& span);

// Position of the closing bracket of the flow collection opening at `open`
// ('[' or '{'), skipping quoted scalars and comments; npos if unbalanced.
size_t FlowEnd(std::string_view text, size_t open);

// One past the last line that belongs to a block collection whose entries
// start at column `column`, scanning from the line holding `last_entry_pos`
// (the start of its last entry). `is_mapping` lets lines at `column` that
// start with "-" belong (a compact sequence value). Trailing blank and
// comment lines at or left of `column` are not included.
size_t BlockEnd(std::string_view text, size_t last_entry_pos, size_t column, bool is_mapping);

// Start of the line holding `pos`, and the column of `pos` in it. A
// byte-order mark at the start of the text is not part of the first line.
size_t LineStart(std::string_view text, size_t pos);
size_t ColumnOf(std::string_view text, size_t pos);

// The first non-blank position after a map key's text: skips the key span,
// blanks, the ':' indicator and blanks/newlines/comments after it.
size_t ValueStart(std::string_view text, size_t key_end);

}  // namespace krm
