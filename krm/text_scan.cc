#include "krm/text_scan.h"

#include <cstring>

namespace krm {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsBreak(char c) { return c == '\n' || c == '\r'; }
bool IsFlowIndicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

size_t LineEnd(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

// Characters of a tag as yaml-cpp scans one: a URI's, less ",[]" and "!"
// (here '!' too, for a named handle such as !e!suffix).
bool IsTagChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c != '\0' && std::strchr("-#;/?:@&=+$_.~*'()%!", c) != nullptr);
}

// One past the end of a property (&anchor, !tag, !<uri>) or an alias
// (*name) starting at `pos`. An anchor or alias runs to a blank, a break or
// a flow indicator; a tag to the first character a tag cannot hold (the
// node's own text may follow it directly: "!t^x" is the scalar "^x").
// npos: a verbatim tag with no '>'.
size_t PropertyEnd(std::string_view text, size_t pos) {
  size_t i = pos + 1;
  if (text[pos] == '!' && i < text.size() && text[i] == '<') {
    size_t close = text.find('>', i);
    return close == std::string_view::npos ? close : close + 1;
  }
  while (i < text.size() &&
         (text[pos] == '!' ? IsTagChar(text[i])
                           : !IsBlank(text[i]) && !IsBreak(text[i]) && !IsFlowIndicator(text[i]))) {
    ++i;
  }
  return i;
}

// End of a quoted scalar starting at `pos` (the opening quote); npos when
// it is not closed.
size_t QuotedEnd(std::string_view text, size_t pos) {
  char quote = text[pos];
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i + 1;
    }
  }
  return std::string_view::npos;
}

size_t PlainEnd(std::string_view text, size_t pos, bool in_flow) {
  size_t i = pos;
  while (i < text.size() && !IsBreak(text[i])) {
    char c = text[i];
    if (c == '#' && i > pos && IsBlank(text[i - 1])) break;
    if (in_flow && IsFlowIndicator(c)) break;
    if (c == ':' && (i + 1 == text.size() || IsBlank(text[i + 1]) || IsBreak(text[i + 1]) ||
                     (in_flow && IsFlowIndicator(text[i + 1])))) {
      break;
    }
    ++i;
  }
  while (i > pos && IsBlank(text[i - 1])) --i;
  return i;
}

void AppendUtf8(unsigned long cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one escape of a double-quoted scalar at text[i] (after the
// backslash); returns the number of bytes consumed, 0 when unknown.
size_t DecodeEscape(std::string_view text, size_t i, std::string* out) {
  static const std::string_view kSimple = "0abtnvfre \"/\\N_LP";
  static const char* kValues[] = {
      "\0", "\a", "\b", "\t", "\n",       "\v",       "\f",           "\r",          "\x1b",
      " ",  "\"", "/",  "\\", "\xc2\x85", "\xc2\xa0", "\xe2\x80\xa8", "\xe2\x80\xa9"};
  char c = text[i];
  size_t k = kSimple.find(c);
  if (k != std::string_view::npos) {
    if (c == '0') {
      out->push_back('\0');
    } else {
      out->append(kValues[k]);
    }
    return 1;
  }
  size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits == 0 || i + digits >= text.size()) return 0;
  std::string hex(text.substr(i + 1, digits));
  if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    return 0;
  }
  AppendUtf8(std::stoul(hex, nullptr, 16), out);
  return digits + 1;
}

}  // namespace

size_t LineStart(std::string_view text, size_t pos) {
  size_t nl = text.rfind('\n', pos == 0 ? 0 : pos - 1);
  if (pos == 0 || nl == std::string_view::npos) {
    // a byte-order mark takes no column
    return pos >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  }
  return nl + 1;
}

size_t ColumnOf(std::string_view text, size_t pos) { return pos - LineStart(text, pos); }

size_t SkipProperties(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == '&' || text[pos] == '!')) {
    size_t end = PropertyEnd(text, pos);
    pos = end == std::string_view::npos ? text.size() : end;
    while (pos < text.size() && (IsBlank(text[pos]) || IsBreak(text[pos]))) {
      ++pos;
    }
  }
  return pos;
}

size_t PropertiesEnd(std::string_view text, size_t pos) {
  size_t end = SkipProperties(text.substr(0, LineEnd(text, pos)), pos);
  while (end > pos && (IsBlank(text[end - 1]) || IsBreak(text[end - 1]))) --end;
  return end;
}

std::optional<ScalarSpan> FindScalar(std::string_view text, size_t pos, bool in_flow) {
  pos = SkipProperties(text, pos);
  if (pos >= text.size()) return ScalarSpan{pos, pos, ScalarStyle::kPlain};
  char c = text[pos];
  if (c == '|' || c == '>') return std::nullopt;
  if (c == '"' || c == '\'') {
    size_t end = QuotedEnd(text, pos);
    if (end == std::string_view::npos) return std::nullopt;
    return ScalarSpan{pos, end, c == '"' ? ScalarStyle::kDoubleQuoted : ScalarStyle::kSingleQuoted};
  }
  if (c == '[' || c == '{' || c == '*') return std::nullopt;
  return ScalarSpan{pos, PlainEnd(text, pos, in_flow), ScalarStyle::kPlain};
}

std::string ScalarValue(std::string_view text, const ScalarSpan& span) {
  std::string_view raw = text.substr(span.begin, span.end - span.begin);
  if (span.style == ScalarStyle::kPlain) return std::string(raw);
  std::string out;
  std::string_view body = raw.substr(1, raw.size() - 2);
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (IsBreak(c)) return std::string(raw);  // folded lines: not handled
    if (span.style == ScalarStyle::kSingleQuoted) {
      out.push_back(c);
      if (c == '\'') ++i;
    } else if (c == '\\' && i + 1 < body.size()) {
      size_t used = DecodeEscape(body, i + 1, &out);
      if (used == 0) return std::string(raw);
      i += used;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

size_t FlowEnd(std::string_view text, size_t open) {
  int depth = 0;
  bool scalar_start = true;  // a node may start here: a quote opens a quoted
                             // scalar, '&', '!' or '*' a property or alias
  bool in_plain = false;     // within a plain scalar (blanks do not end it)
  bool json_like = false;    // a quoted scalar or collection just ended
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    // yaml-cpp's flow rules: ':' is a value indicator after a JSON-like
    // node or before a blank, a break, the end or one of ",]}"; '?' is a
    // key indicator before a blank (and ends a plain scalar there); '#'
    // starts a comment wherever a token may start, inside a plain scalar
    // only after a blank. Elsewhere they are characters of a plain scalar.
    char next = i + 1 < text.size() ? text[i + 1] : ' ';
    bool before_blank = IsBlank(next) || IsBreak(next);
    bool after_blank = i == 0 || IsBlank(text[i - 1]) || IsBreak(text[i - 1]);
    if ((c == '"' || c == '\'') && scalar_start) {
      size_t end = QuotedEnd(text, i);
      if (end == std::string_view::npos) return end;
      i = end - 1;
      scalar_start = in_plain = false;
      json_like = true;
    } else if (c == '#' && (!in_plain || after_blank)) {
      i = LineEnd(text, i) - 1;
    } else if ((c == '&' || c == '!' || c == '*') && scalar_start) {
      size_t end = PropertyEnd(text, i);
      if (end == std::string_view::npos) return end;
      i = end - 1;
      // the node follows a property (a quote there still opens a scalar);
      // an alias is the whole node
      if (c == '*') scalar_start = json_like = false;
    } else if (c == '[' || c == '{') {
      ++depth;
      scalar_start = true;
      in_plain = json_like = false;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return i;
      scalar_start = in_plain = false;
      json_like = true;
    } else if (c == ',' ||
               (c == ':' &&
                (json_like || before_blank || next == ',' || next == ']' || next == '}')) ||
               (c == '?' && before_blank)) {
      scalar_start = true;
      in_plain = json_like = false;
    } else if (!IsBlank(c) && !IsBreak(c)) {
      scalar_start = json_like = false;
      in_plain = true;
    }
  }
  return std::string_view::npos;
}

size_t BlockEnd(std::string_view text, size_t last_entry_pos, size_t column, bool is_mapping) {
  size_t end = LineEnd(text, last_entry_pos);
  for (size_t line = end; line < text.size(); line = LineEnd(text, line)) {
    size_t first = line;
    while (first < text.size() && text[first] == ' ') ++first;
    size_t indent = first - line;
    if (first >= text.size()) break;
    char c = text[first];
    bool blank = IsBreak(c) || c == '\t';
    if (blank || (c == '#' && indent <= column)) continue;
    std::string_view rest = text.substr(first);
    bool marker = indent == 0 && (rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...");
    bool dash = c == '-' &&
                (first + 1 == text.size() || IsBlank(text[first + 1]) || IsBreak(text[first + 1]));
    if (marker) break;
    if (indent > column || (is_mapping && indent == column && dash)) {
      end = LineEnd(text, line);
      continue;
    }
    break;
  }
  return end;
}

size_t ValueStart(std::string_view text, size_t key_end) {
  size_t i = key_end;
  while (i < text.size() && IsBlank(text[i])) ++i;
  if (i < text.size() && text[i] == ':') ++i;
  while (i < text.size()) {
    char c = text[i];
    if (IsBlank(c) || IsBreak(c)) {
      ++i;
    } else if (c == '#' && (IsBlank(text[i - 1]) || IsBreak(text[i - 1]))) {
      i = LineEnd(text, i);
    } else {
      break;
    }
  }
  return i;
}

}  // namespace krm
