// The scalars of a License as typed values, so that the License as written
// and its signed data can be compared types included: "1232435" (a string)
// is not 1232435 (a number), and an absent bool is false, as in the Go
// structs KOTS decodes a License into.
#pragma once

#include <string>
#include <string_view>

namespace ppi::license {

struct Typed {
  enum class Kind { kAbsent, kNull, kString, kInt, kBool, kOther };
  Kind kind = Kind::kAbsent;
  // kString: the string; kInt: canonical decimal; kBool: "true" or "false".
  std::string text;

  static Typed String(std::string s) { return {Kind::kString, std::move(s)}; }
  static Typed Int(long long n) { return {Kind::kInt, std::to_string(n)}; }
  static Typed Bool(bool b) { return {Kind::kBool, b ? "true" : "false"}; }
  static Typed Other() { return {Kind::kOther, ""}; }

  bool is(Kind k) const { return kind == k; }
  friend bool operator==(const Typed& a, const Typed& b) {
    return a.kind == b.kind && a.text == b.text && a.kind != Kind::kOther;
  }
  friend bool operator!=(const Typed& a, const Typed& b) { return !(a == b); }
};

// The type of a field in KOTS' LicenseSpec.
enum class FieldType { kString, kInt, kBool };

// What a Go struct field of type `t` holds after decoding `v`: absent and
// null read as the zero value ("", 0, false); anything else is kept (a
// value of the wrong type stays wrong).
Typed AsField(const Typed& v, FieldType t);
bool HasType(const Typed& v, FieldType t);
const char* TypeName(FieldType t);

// A YAML scalar of the License as written. `plain` is false for quoted and
// block scalars, which are strings. A plain scalar is null, a bool, an
// integer or a string where YAML 1.1 (what KOTS reads a License with) and
// YAML 1.2 (what kpt and kustomize read) agree; where they disagree (yes,
// no, on, off, y, n, 017, 0o17, 0x1f, 1_000) it is kOther, which equals nothing.
// A float whose value is a whole number up to 2^53 is that integer, as it
// becomes one on KOTS' way from YAML through JSON; other floats are kOther.
Typed FromYamlScalar(std::string_view value, bool plain);

// Go's fmt.Sprint of an entitlement value: a string as itself, an integer
// in decimal, true or false, and "<nil>" for a value that is not set.
std::string GoPrint(const Typed& v);

}  // namespace ppi::license
