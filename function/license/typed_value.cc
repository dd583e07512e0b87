#include "function/license/typed_value.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ppi::license {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool OneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s == w) return true;
  }
  return false;
}

// [-+]?(0|[1-9][0-9]*) within 64 bits.
bool ParseDecimal(std::string_view s, long long* out) {
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (digits.empty() || (digits.size() > 1 && digits[0] == '0')) return false;
  for (char c : digits) {
    if (!IsDigit(c)) return false;
  }
  std::string text(s);
  errno = 0;
  *out = std::strtoll(text.c_str(), nullptr, 10);
  return errno == 0;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, the float both YAML
// versions accept.
bool IsFloat(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// Plain scalars that the two YAML versions resolve differently: YAML 1.1
// bools (yes, no, on, off, y, n), and integers that Go's YAML 1.1 reader
// takes apart (strconv.ParseInt with base 0 after removing '_') while YAML
// 1.2 reads a string or another number: 017, 0o17, 0x1f, 0b1, 1_000.
bool IsAmbiguous(std::string_view s) {
  if (OneOf(s, {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off",
                "Off", "OFF"})) {
    return true;
  }
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (digits.size() < 2 || !IsDigit(digits[0])) return false;
  if (digits[0] == '0' && (IsDigit(digits[1]) || digits[1] == 'o' || digits[1] == 'x' ||
                           digits[1] == 'b' || digits[1] == '_')) {
    return true;
  }
  bool underscore = false;
  for (char c : digits) {
    if (c == '_') {
      underscore = true;
    } else if (!IsDigit(c)) {
      return false;
    }
  }
  return underscore;
}

Typed FromFloat(std::string_view s) {
  double v = std::strtod(std::string(s).c_str(), nullptr);
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) <= 9007199254740992.0) {
    return Typed::Int(static_cast<long long>(v));
  }
  return Typed::Other();
}

}  // namespace

Typed AsField(const Typed& v, FieldType t) {
  if (!v.is(Typed::Kind::kAbsent) && !v.is(Typed::Kind::kNull)) return v;
  switch (t) {
    case FieldType::kString:
      return Typed::String("");
    case FieldType::kInt:
      return Typed::Int(0);
    case FieldType::kBool:
      return Typed::Bool(false);
  }
  return v;
}

bool HasType(const Typed& v, FieldType t) {
  switch (t) {
    case FieldType::kString:
      return v.is(Typed::Kind::kString);
    case FieldType::kInt:
      return v.is(Typed::Kind::kInt);
    case FieldType::kBool:
      return v.is(Typed::Kind::kBool);
  }
  return false;
}

const char* TypeName(FieldType t) {
  switch (t) {
    case FieldType::kString:
      return "a string";
    case FieldType::kInt:
      return "an integer";
    case FieldType::kBool:
      return "a boolean";
  }
  return "";
}

Typed FromYamlScalar(std::string_view s, bool plain) {
  if (!plain) return Typed::String(std::string(s));
  if (OneOf(s, {"", "~", "null", "Null", "NULL"})) return {Typed::Kind::kNull, ""};
  if (OneOf(s, {"true", "True", "TRUE"})) return Typed::Bool(true);
  if (OneOf(s, {"false", "False", "FALSE"})) return Typed::Bool(false);
  if (IsAmbiguous(s)) return Typed::Other();
  long long n = 0;
  if (ParseDecimal(s, &n)) return Typed::Int(n);
  if (IsFloat(s)) return FromFloat(s);
  if (OneOf(s, {".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN"})) {
    return Typed::Other();
  }
  return Typed::String(std::string(s));
}

std::string GoPrint(const Typed& v) { return v.is(Typed::Kind::kAbsent) ? "<nil>" : v.text; }

}  // namespace ppi::license
