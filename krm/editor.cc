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

// One past the end of the line holding `pos`.
size_t LineEndAt(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

size_t AliasEnd(std::string_view text, size_t pos) {
  size_t i = pos + 1;
  while (i < text.size() && !IsSpace(text[i]) && text[i] != ',' && text[i] != ']' &&
         text[i] != '}') {
    ++i;
  }
  return i;
}

// Whether a null node at `pos` is written out ("~", "null") rather than
// left empty.
bool IsWrittenNull(std::string_view text, size_t pos) {
  auto span = FindScalar(text, pos, false);
  if (!span) return false;
  std::string_view word = text.substr(span->begin, span->end - span->begin);
  return word == "~" || word == "null" || word == "Null" || word == "NULL";
}

}  // namespace

Editor::Editor(const ResourceList& list) : list_(list), text_(list.text()) {
  auto [key, items] = ResourceList::Entry(list.root(), "items");
  if (items.IsSequence() && !items.IsFlow() && items.size() > 0) {
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

bool Editor::SetScalar(const Node& map, std::string_view key, std::string_view value,
                       std::string* error) {
  auto [k, v] = ResourceList::Entry(map, key);
  if (!v.IsScalar()) {
    *error = std::string(key) + " is not a scalar";
    return false;
  }
  bool in_flow = map.IsFlow();
  scanned_flow_ = scanned_flow_ || in_flow;
  auto key_span = FindScalar(text_, list_.Pos(k), in_flow);
  if (!key_span) {
    *error = "cannot locate the key " + std::string(key) + " in the text";
    return false;
  }
  size_t start = ValueStart(text_, key_span->end);
  if (start < text_.size() && text_[start] == '*') {
    edits_.Replace(start, AliasEnd(text_, start), in_flow ? JsonString(value) : YamlScalar(value));
    return true;
  }
  auto span = FindScalar(text_, list_.Pos(v), in_flow);
  if (start != list_.Pos(v) || !span || ScalarValue(text_, *span) != v.Scalar()) {
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

// The column of a block mapping's keys: where its text starts (its first
// key may sit further right, after a '?'). Properties on a line of their
// own belong to the mapping and are skipped; on the first key's line they
// are the key's.
size_t Editor::MapColumn(const Node& map) const {
  size_t pos = list_.Pos(map);
  size_t after = SkipProperties(text_, pos);
  return ColumnOf(text_, text_.find('\n', pos) < after ? after : pos);
}

std::optional<ScalarSpan> Editor::BlockScalarSpan(const Node& scalar) const {
  size_t pos = list_.Pos(scalar);
  if (scalar.Scalar().empty()) {
    size_t props_end = PropertiesEnd(text_, pos);
    if (text_.find('\n', props_end) < SkipProperties(text_, pos)) {
      return ScalarSpan{props_end, props_end, ScalarStyle::kPlain};
    }
  }
  return FindScalar(text_, pos, false);
}

// A position on the last line of `node`'s text: where its last scalar or
// flow collection ends, found by following the child that starts last. A
// quoted scalar may run over lines indented less than its key, so the
// indentation after a collection's last entry does not tell where it ends.
size_t Editor::LastPos(Node node) const {
  size_t pos = list_.Pos(node);
  while (true) {
    if ((node.IsMap() || node.IsSequence()) && node.IsFlow()) {
      size_t close = ScanFlowEnd(SkipProperties(text_, pos));
      return close == std::string_view::npos ? pos : close;
    }
    if (node.IsScalar()) {
      auto span = BlockScalarSpan(node);
      return span ? std::max(pos, span->end) : pos;
    }
    if (!node.IsMap() && !node.IsSequence()) return pos;
    Node last;
    size_t last_pos = 0;
    auto consider = [&](const Node& child) {
      // An empty value has no text; yaml-cpp marks it where the next token
      // is, which may lie outside this collection.
      if (child.IsNull() && !IsWrittenNull(text_, list_.Pos(child))) return;
      if (list_.Pos(child) >= last_pos) last_pos = list_.Pos(child), last = child;
    };
    for (auto [key, value] : Entries(node)) {
      consider(key);
      consider(value);
    }
    for (Node element : Elements(node)) consider(element);
    // no child, or only aliases of earlier text
    if (last_pos <= pos && !(last_pos == pos && last.IsScalar())) return pos;
    pos = last_pos;
    node = last;
  }
}

size_t Editor::EndOfBlockMap(const Node& map) const {
  size_t last = std::max(list_.Pos(map), LastPos(map));
  for (auto [key, value] : Entries(map)) {
    if (!key.IsNull() || IsWrittenNull(text_, list_.Pos(key))) {
      last = std::max(last, list_.Pos(key));
    }
  }
  return BlockEnd(text_, last, MapColumn(map), true);
}

std::string Editor::PlaceBlock(size_t pos, std::string text) const {
  if (pos == text_.size() && !text_.empty() && text_.back() != '\n') {
    return list_.newline() + text;
  }
  return text;
}

size_t Editor::ScanFlowEnd(size_t open) const {
  scanned_flow_ = true;
  return FlowEnd(text_, open);
}

bool Editor::InsertIntoFlow(const Node& node, const std::string& text, std::string* error) {
  size_t open = SkipProperties(text_, list_.Pos(node));
  size_t close = ScanFlowEnd(open);
  if (close == std::string_view::npos) {
    *error = "cannot find the end of a flow collection at byte " + std::to_string(open);
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
    size_t first = list_.Pos(node.IsMap() ? node.Key(0) : node[0]);
    sep = (text_[last - 1] == ',' ? "" : ",") + list_.newline() +
          std::string(ColumnOf(text_, first), ' ');
  }
  edits_.Insert(last, sep + text);
  return true;
}

bool Editor::AddToMap(const Node& map, std::string_view key, const Value& value,
                      std::string* error) {
  if (!map.IsMap()) {
    *error = "not a mapping";
    return false;
  }
  if (map.IsFlow() || map.size() == 0) {
    return InsertIntoFlow(map, JsonString(key) + ": " + ToFlow(value), error);
  }
  size_t column = MapColumn(map);
  size_t pos = EndOfBlockMap(map);
  Value entry = Value::Map();
  entry.Set(std::string(key), value);
  std::string text = std::string(column, ' ') + ToBlock(entry, column, StyleAt(column));
  edits_.Insert(pos, PlaceBlock(pos, std::move(text)));
  return true;
}

bool Editor::AppendToSequence(const Node& seq, const Value& item, std::string* error) {
  if (!seq.IsSequence()) {
    *error = "not a sequence";
    return false;
  }
  if (seq.IsFlow() || seq.size() == 0) {
    return InsertIntoFlow(seq, ToFlow(item), error);
  }
  size_t dash = SkipProperties(text_, list_.Pos(seq));
  size_t column = ColumnOf(text_, dash);
  size_t first = list_.Pos(seq[0]);
  size_t width =
      LineStart(text_, first) == LineStart(text_, dash) ? ColumnOf(text_, first) - column : 2;
  if (width < 2) width = 2;
  size_t last = std::max(dash, LastPos(seq));
  size_t pos = BlockEnd(text_, last, column, false);
  std::string text = std::string(column, ' ') + "-" + std::string(width - 1, ' ') +
                     ToBlock(item, column + width, StyleAt(column + width));
  edits_.Insert(pos, PlaceBlock(pos, std::move(text)));
  return true;
}

bool Editor::SetResults(const Value& results, std::string* error) {
  const Node& root = list_.root();
  if (!ResourceList::Entry(root, "results").first.IsDefined()) {
    return AddToMap(root, "results", results, error);
  }
  return ReplaceValue(root, "results", results, error);
}

// End of the text of a block-context value (the whole entry's last line).
size_t Editor::EndOfBlockValue(const Node& key, const Node& v) const {
  size_t key_pos = list_.Pos(key);
  if (v.IsSequence() && v.size() > 0) {
    size_t dash = SkipProperties(text_, list_.Pos(v));
    size_t last = std::max(dash, LastPos(v));
    return BlockEnd(text_, last, ColumnOf(text_, dash), false);
  }
  if (v.IsMap() && v.size() > 0) return EndOfBlockMap(v);
  return BlockEnd(text_, key_pos, ColumnOf(text_, key_pos), true);
}

bool Editor::ReplaceValue(const Node& map, std::string_view key, const Value& value,
                          std::string* error) {
  auto [k, v] = ResourceList::Entry(map, key);
  if (!k.IsDefined()) {
    *error = "no key " + std::string(key);
    return false;
  }
  size_t key_pos = list_.Pos(k);
  bool flow_value = (v.IsSequence() || v.IsMap()) && (v.IsFlow() || v.size() == 0);
  size_t open = SkipProperties(text_, list_.Pos(v));
  if (map.IsFlow()) {
    size_t close = ScanFlowEnd(open);
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
    size_t close = ScanFlowEnd(open);
    if (close == std::string_view::npos) {
      *error = "cannot find the end of " + std::string(key);
      return false;
    }
    end = close + 1;
    text.resize(text.size() - list_.newline().size());
  } else if (auto span = v.IsScalar() ? BlockScalarSpan(v) : std::nullopt;
             span && EndOfBlockValue(k, v) <= LineEndAt(text_, span->end)) {
    // a scalar that ends on its line: what follows it there stays
    end = span->end;
    text.resize(text.size() - list_.newline().size());
  } else {  // a collection, or a block or multi-line plain scalar: whole lines
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
