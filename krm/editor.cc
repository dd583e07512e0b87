#include "krm/editor.h"

#include "krm/text_scan.h"

namespace krm {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Quote(ScalarStyle style, std::string_view value) {
  if (style == ScalarStyle::kDoubleQuoted) return JsonString(value);
  if (style == ScalarStyle::kSingleQuoted) {
    std::string out = "'";
    for (char c : value) {
      out.push_back(c);
      if (c == '\'') out.push_back('\'');
    }
    return out + "'";
  }
  return YamlScalar(value);
}

size_t AliasEnd(std::string_view text, size_t pos) {
  size_t i = pos + 1;
  while (i < text.size() && !IsSpace(text[i]) && text[i] != ',' &&
         text[i] != ']' && text[i] != '}') {
    ++i;
  }
  return i;
}

bool IsFlow(const YAML::Node& node) {
  return node.Style() == YAML::EmitterStyle::Flow;
}

}  // namespace

Editor::Editor(const ResourceList& list) : list_(list), text_(list.text()) {
  auto [key, items] = ResourceList::Entry(list.root(), "items");
  if (items.IsSequence() && !IsFlow(items) && items.size() > 0) {
    size_t dash = SkipProperties(text_, list.Pos(items));
    indent_seqs_ = ColumnOf(text_, dash) > ColumnOf(text_, list.Pos(key));
  }
}

BlockStyle Editor::StyleAt(size_t) const {
  BlockStyle style;
  style.indent_seqs = indent_seqs_;
  style.newline = list_.newline();
  return style;
}

bool Editor::SetScalar(const YAML::Node& map, std::string_view key,
                       std::string_view value, std::string* error) {
  auto [k, v] = ResourceList::Entry(map, key);
  if (!v.IsScalar()) {
    *error = std::string(key) + " is not a scalar";
    return false;
  }
  bool in_flow = IsFlow(map);
  auto key_span = FindScalar(text_, list_.Pos(k), in_flow);
  if (!key_span) {
    *error = "cannot locate the key " + std::string(key) + " in the text";
    return false;
  }
  size_t start = ValueStart(text_, key_span->end);
  if (start < text_.size() && text_[start] == '*') {
    edits_.Replace(start, AliasEnd(text_, start),
                   in_flow ? JsonString(value) : YamlScalar(value));
    return true;
  }
  auto span = FindScalar(text_, list_.Pos(v), in_flow);
  if (start != list_.Pos(v) || !span ||
      ScalarValue(text_, *span) != v.Scalar()) {
    *error = "the value of " + std::string(key) +
             " is written in a form that cannot be edited in place "
             "(a multi-line or block scalar)";
    return false;
  }
  std::string replacement = Quote(span->style, value);
  if (in_flow && span->style == ScalarStyle::kPlain &&
      replacement.find_first_of(",[]{}") != std::string::npos) {
    replacement = JsonString(value);
  }
  edits_.Replace(span->begin, span->end, replacement);
  return true;
}

size_t Editor::FirstKeyPos(const YAML::Node& map) const {
  return list_.Pos(map.begin()->first);
}

size_t Editor::EndOfBlockMap(const YAML::Node& map) const {
  size_t last = 0;
  for (auto it = map.begin(); it != map.end(); ++it) {
    last = std::max(last, list_.Pos((*it).first));
  }
  return BlockEnd(text_, last, ColumnOf(text_, FirstKeyPos(map)), true);
}

std::string Editor::PlaceBlock(size_t pos, std::string text) const {
  if (pos == text_.size() && !text_.empty() && text_.back() != '\n') {
    return list_.newline() + text;
  }
  return text;
}

bool Editor::InsertIntoFlow(const YAML::Node& node, const std::string& text,
                            std::string* error) {
  size_t open = SkipProperties(text_, list_.Pos(node));
  size_t close = FlowEnd(text_, open);
  if (close == std::string_view::npos) {
    *error = "cannot find the end of a flow collection at byte " +
             std::to_string(open);
    return false;
  }
  size_t last = close;
  while (last > open && IsSpace(text_[last - 1])) --last;
  if (last == open + 1) {
    edits_.Insert(last, text);
    return true;
  }
  std::string sep = text_[last - 1] == ',' ? " " : ", ";
  if (text_.find('\n', last) < close && node.size() > 0) {
    size_t first = node.IsMap() ? list_.Pos(node.begin()->first)
                                : list_.Pos(*node.begin());
    sep = (text_[last - 1] == ',' ? "" : ",") + list_.newline() +
          std::string(ColumnOf(text_, first), ' ');
  }
  edits_.Insert(last, sep + text);
  return true;
}

bool Editor::AddToMap(const YAML::Node& map, std::string_view key,
                      const Value& value, std::string* error) {
  if (!map.IsMap()) {
    *error = "not a mapping";
    return false;
  }
  if (IsFlow(map) || map.size() == 0) {
    return InsertIntoFlow(map, JsonString(key) + ": " + ToFlow(value), error);
  }
  size_t column = ColumnOf(text_, FirstKeyPos(map));
  size_t pos = EndOfBlockMap(map);
  Value entry = Value::Map();
  entry.Set(std::string(key), value);
  std::string text = std::string(column, ' ') + ToBlock(entry, column, StyleAt(column));
  edits_.Insert(pos, PlaceBlock(pos, std::move(text)));
  return true;
}

bool Editor::AppendToSequence(const YAML::Node& seq, const Value& item,
                              std::string* error) {
  if (!seq.IsSequence()) {
    *error = "not a sequence";
    return false;
  }
  if (IsFlow(seq) || seq.size() == 0) {
    return InsertIntoFlow(seq, ToFlow(item), error);
  }
  size_t dash = SkipProperties(text_, list_.Pos(seq));
  size_t column = ColumnOf(text_, dash);
  size_t first = list_.Pos(*seq.begin());
  size_t width = LineStart(text_, first) == LineStart(text_, dash)
                     ? ColumnOf(text_, first) - column
                     : 2;
  if (width < 2) width = 2;
  size_t last = dash;
  for (auto it = seq.begin(); it != seq.end(); ++it) {
    last = std::max(last, list_.Pos(*it));
  }
  size_t pos = BlockEnd(text_, last, column, false);
  std::string text = std::string(column, ' ') + "-" + std::string(width - 1, ' ') +
                     ToBlock(item, column + width, StyleAt(column + width));
  edits_.Insert(pos, PlaceBlock(pos, std::move(text)));
  return true;
}

bool Editor::SetResults(const Value& results, std::string* error) {
  const YAML::Node& root = list_.root();
  if (!ResourceList::Entry(root, "results").first.IsDefined()) {
    return AddToMap(root, "results", results, error);
  }
  return ReplaceValue(root, "results", results, error);
}

// End of the text of a block-context value (the whole entry's last line).
size_t Editor::EndOfBlockValue(const YAML::Node& key, const YAML::Node& v) const {
  size_t key_pos = list_.Pos(key);
  if (v.IsSequence() && v.size() > 0) {
    size_t dash = SkipProperties(text_, list_.Pos(v));
    size_t last = dash;
    for (auto it = v.begin(); it != v.end(); ++it) {
      last = std::max(last, list_.Pos(*it));
    }
    return BlockEnd(text_, last, ColumnOf(text_, dash), false);
  }
  if (v.IsMap() && v.size() > 0) return EndOfBlockMap(v);
  return BlockEnd(text_, key_pos, ColumnOf(text_, key_pos), true);
}

bool Editor::ReplaceValue(const YAML::Node& map, std::string_view key,
                          const Value& value, std::string* error) {
  auto [k, v] = ResourceList::Entry(map, key);
  if (!k.IsDefined()) {
    *error = "no key " + std::string(key);
    return false;
  }
  size_t key_pos = list_.Pos(k);
  bool flow_value = (v.IsSequence() || v.IsMap()) && (IsFlow(v) || v.size() == 0);
  size_t open = SkipProperties(text_, list_.Pos(v));
  if (IsFlow(map)) {
    size_t close = FlowEnd(text_, open);
    auto span = FindScalar(text_, open, true);
    if (flow_value && close != std::string_view::npos) {
      edits_.Replace(open, close + 1, ToFlow(value));
    } else if (!flow_value && span) {
      edits_.Replace(span->begin, span->end, ToFlow(value));
    } else {
      *error = "cannot find the value of " + std::string(key);
      return false;
    }
    return true;
  }
  Value entry = Value::Map();
  entry.Set(std::string(key), value);
  size_t column = ColumnOf(text_, key_pos);
  std::string text = ToBlock(entry, column, StyleAt(column));
  size_t end;
  if (flow_value) {
    size_t close = FlowEnd(text_, open);
    if (close == std::string_view::npos) {
      *error = "cannot find the end of " + std::string(key);
      return false;
    }
    end = close + 1;
    text.resize(text.size() - list_.newline().size());
  } else if (v.IsScalar()) {
    auto span = FindScalar(text_, open, false);
    if (!span) {
      *error = "cannot find the value of " + std::string(key);
      return false;
    }
    end = span->end;
    text.resize(text.size() - list_.newline().size());
  } else {
    end = EndOfBlockValue(k, v);
  }
  edits_.Replace(key_pos, end, std::move(text));
  return true;
}

bool Editor::Write(std::ostream& out, std::string* error) {
  if (!edits_.Normalize(error)) return false;
  edits_.WriteTo(text_, out);
  return true;
}

}  // namespace krm
