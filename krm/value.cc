#include "krm/value.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "krm/utf8.h"

namespace krm {
namespace {

bool IsReservedWord(std::string_view s) {
  if (s.size() > 5) return false;  // the longest word is "false"
  static const char* kWords[] = {"true", "false", "yes",  "no", "on",   "off",
                                 "y",    "n",     "null", "~",  ".inf", ".nan"};
  char lower[6] = {};
  for (size_t i = 0; i < s.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  for (const char* w : kWords) {
    if (std::string_view(lower, s.size()) == w) return true;
  }
  return false;
}

bool AllDigits(std::string_view s, const char* digits) {
  return !s.empty() && s.find_first_not_of(digits) == std::string_view::npos;
}

bool IsFloat(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  size_t e = s.find_first_of("eE");
  std::string_view mantissa = s.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exp = s.substr(e + 1);
    if (!exp.empty() && (exp[0] == '-' || exp[0] == '+')) exp.remove_prefix(1);
    if (!AllDigits(exp, "0123456789")) return false;
  }
  size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return AllDigits(mantissa, "0123456789");
  std::string_view whole = mantissa.substr(0, dot), frac = mantissa.substr(dot + 1);
  return (whole.empty() || AllDigits(whole, "0123456789")) &&
         (frac.empty() || AllDigits(frac, "0123456789")) && !(whole.empty() && frac.empty());
}

bool IsPlainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '/' || c == '-' || c == '@' || c == ':' || c == '+' || c == '=';
}

bool IsPlainSafe(std::string_view s) {
  if (s.empty() || IsReservedWord(s)) return false;
  char first = s[0];
  bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  bool dot_word = first == '.' && s.size() > 1 &&
                  ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'));
  if (!letter && !dot_word && first != '/') return false;
  if (s.back() == ':') return false;  // "nginx:" would read as a key
  return std::all_of(s.begin(), s.end(), IsPlainChar);
}

std::string UnicodeEscape(long cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04lx", cp);
  return buf;
}

// Copies the UTF-8 character at s[*i] (advancing *i to its last byte).
// Bytes that are not UTF-8 (and surrogates, U+FFFE, U+FFFF) become U+FFFD
// and C1 controls are escaped, so that the text stays readable as YAML and
// JSON whatever it was made from (an error message quoting bad input).
void AppendNonAscii(std::string_view s, size_t* i, std::string* out) {
  long cp = -1;
  size_t len = Utf8SequenceLength(s, *i, &cp);
  if (len == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
    *out += "\\ufffd";
    *i += len == 0 ? 0 : len - 1;
  } else if (cp < 0xA0) {
    *out += UnicodeEscape(cp);
    *i += len - 1;
  } else {
    out->append(s.substr(*i, len));
    *i += len - 1;
  }
}

void WriteMapBlock(const Value& v, size_t column, const BlockStyle& st, std::string* out);
void WriteListBlock(const Value& v, size_t column, const BlockStyle& st, std::string* out);

// Writes "key: value" or "key:\n<nested>" at the current position.
void WriteEntry(const std::string& key, const Value& v, size_t column, const BlockStyle& st,
                std::string* out) {
  *out += YamlScalar(key) + ":";
  if (v.kind() == Value::Kind::kString || v.kind() == Value::Kind::kInt) {
    *out += " " + (v.kind() == Value::Kind::kInt ? v.scalar() : YamlScalar(v.scalar()));
    *out += st.newline;
  } else if (v.empty()) {
    *out += v.kind() == Value::Kind::kMap ? " {}" : " []";
    *out += st.newline;
  } else if (v.kind() == Value::Kind::kMap) {
    size_t inner = column + st.indent;
    *out += st.newline + std::string(inner, ' ');
    WriteMapBlock(v, inner, st, out);
  } else {
    size_t inner = column + (st.indent_seqs ? st.indent : 0);
    *out += st.newline + std::string(inner, ' ');
    WriteListBlock(v, inner, st, out);
  }
}

void WriteMapBlock(const Value& v, size_t column, const BlockStyle& st, std::string* out) {
  bool first = true;
  for (const auto& [key, value] : v.entries()) {
    if (!first) *out += std::string(column, ' ');
    first = false;
    WriteEntry(key, value, column, st, out);
  }
}

void WriteListBlock(const Value& v, size_t column, const BlockStyle& st, std::string* out) {
  bool first = true;
  v.ForEachItem([&](const Value& item) {
    if (!first) *out += std::string(column, ' ');
    first = false;
    *out += "- ";
    *out += ToBlock(item, column + 2, st);
  });
}

}  // namespace

Value Value::Int(long long n) {
  Value v(std::to_string(n));
  v.kind_ = Kind::kInt;
  return v;
}

Value Value::List() {
  Value v;
  v.kind_ = Kind::kList;
  return v;
}

Value Value::Generated(size_t count, std::function<Value(size_t)> item) {
  Value v = List();
  v.generated_count_ = count;
  v.generate_ = std::move(item);
  return v;
}

void Value::ForEachItem(const std::function<void(const Value&)>& f) const {
  for (const Value& item : items_) f(item);
  for (size_t i = 0; i < generated_count_; ++i) f(generate_(i));
}

Value& Value::Set(std::string key, Value v) {
  entries_.emplace_back(std::move(key), std::move(v));
  return *this;
}

Value& Value::Push(Value v) {
  items_.push_back(std::move(v));
  return *this;
}

std::string PlainScalarType(std::string_view s) {
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower.empty() || lower == "~" || lower == "null") return "null";
  for (const char* b : {"true", "false", "yes", "no", "on", "off"}) {
    if (lower == b) return "bool";
  }
  std::string_view v = s;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) v.remove_prefix(1);
  if (AllDigits(v, "0123456789_") ||
      (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') &&
       AllDigits(v.substr(2), "0123456789abcdefABCDEF_")) ||
      (v.size() > 2 && v[0] == '0' && v[1] == 'o' && AllDigits(v.substr(2), "01234567"))) {
    return "int";
  }
  if (IsFloat(s) || lower == ".inf" || lower == "-.inf" || lower == "+.inf" || lower == ".nan") {
    return "float";
  }
  return "";
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += UnicodeEscape(c);
        } else if (c < 0x80) {
          out.push_back(static_cast<char>(c));
        } else {
          AppendNonAscii(s, &i, &out);
        }
    }
  }
  return out + "\"";
}

std::string YamlScalar(std::string_view s) {
  return IsPlainSafe(s) ? std::string(s) : JsonString(s);
}

std::string ToFlow(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString:
      return JsonString(v.scalar());
    case Value::Kind::kInt:
      return v.scalar();
    case Value::Kind::kMap: {
      std::string out = "{";
      for (const auto& [key, value] : v.entries()) {
        if (out.size() > 1) out += ", ";
        out += JsonString(key) + ": " + ToFlow(value);
      }
      return out + "}";
    }
    case Value::Kind::kList: {
      std::string out = "[";
      v.ForEachItem([&](const Value& item) {
        if (out.size() > 1) out += ", ";
        out += ToFlow(item);
      });
      return out + "]";
    }
  }
  return "";
}

std::string ToBlock(const Value& v, size_t column, const BlockStyle& st) {
  std::string out;
  if (v.kind() == Value::Kind::kMap && !v.empty()) {
    WriteMapBlock(v, column, st, &out);
  } else if (v.kind() == Value::Kind::kList && !v.empty()) {
    WriteListBlock(v, column, st, &out);
  } else if (v.kind() == Value::Kind::kString) {
    out = YamlScalar(v.scalar()) + st.newline;
  } else {
    out = ToFlow(v) + st.newline;
  }
  return out;
}

}  // namespace krm
