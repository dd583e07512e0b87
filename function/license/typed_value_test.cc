#include "function/license/typed_value.h"

#include <catch2/catch.hpp>

namespace ppi::license {
namespace {

using Kind = Typed::Kind;

TEST_CASE("quoted and block scalars are strings, whatever they hold") {
  for (const char* s : {"1232435", "true", "", "null", "yes", "1.5", "<nil>"}) {
    INFO(s);
    CHECK(FromYamlScalar(s, false) == Typed::String(s));
  }
}

TEST_CASE("plain scalars take the type both YAML versions agree on") {
  CHECK(FromYamlScalar("1232435", true) == Typed::Int(1232435));
  CHECK(FromYamlScalar("-7", true) == Typed::Int(-7));
  CHECK(FromYamlScalar("+7", true) == Typed::Int(7));
  CHECK(FromYamlScalar("0", true) == Typed::Int(0));
  CHECK(FromYamlScalar("9223372036854775807", true) == Typed::Int(9223372036854775807LL));
  CHECK(FromYamlScalar("true", true) == Typed::Bool(true));
  CHECK(FromYamlScalar("False", true) == Typed::Bool(false));
  CHECK(FromYamlScalar("TRUE", true) == Typed::Bool(true));
  for (const char* null : {"", "~", "null", "Null", "NULL"}) {
    CHECK(FromYamlScalar(null, true).is(Kind::kNull));
  }
  CHECK(FromYamlScalar("2030-07-27T00:00:00Z", true) == Typed::String("2030-07-27T00:00:00Z"));
  CHECK(FromYamlScalar("my-app", true) == Typed::String("my-app"));
  CHECK(FromYamlScalar("1vusOokxAVp1tkRGuyxnF23PJcq", true) ==
        Typed::String("1vusOokxAVp1tkRGuyxnF23PJcq"));
  CHECK(FromYamlScalar(".foo", true) == Typed::String(".foo"));
}

TEST_CASE("a whole-number float is the integer it becomes through JSON") {
  CHECK(FromYamlScalar("1.232435e+06", true) == Typed::Int(1232435));
  CHECK(FromYamlScalar("7.0", true) == Typed::Int(7));
  CHECK(FromYamlScalar("1e3", true) == Typed::Int(1000));
  CHECK(FromYamlScalar("1.5", true).is(Kind::kOther));
  CHECK(FromYamlScalar("1e300", true).is(Kind::kOther));
  CHECK(FromYamlScalar("9223372036854775808", true).is(Kind::kOther));
  CHECK(FromYamlScalar(".inf", true).is(Kind::kOther));
  CHECK(FromYamlScalar(".nan", true).is(Kind::kOther));
}

TEST_CASE("plain scalars the YAML versions disagree on equal nothing") {
  for (const char* s :
       {"yes", "No", "on", "OFF", "y", "N", "017", "0o17", "0x1f", "0b101", "1_000", "-017"}) {
    INFO(s);
    Typed t = FromYamlScalar(s, true);
    CHECK(t.is(Kind::kOther));
    CHECK(t != t);
  }
}

TEST_CASE("absent and null read as the Go zero value of the field") {
  CHECK(AsField({}, FieldType::kString) == Typed::String(""));
  CHECK(AsField({Kind::kNull, ""}, FieldType::kInt) == Typed::Int(0));
  CHECK(AsField({}, FieldType::kBool) == Typed::Bool(false));
  CHECK(AsField(Typed::String("7"), FieldType::kInt) == Typed::String("7"));
  CHECK(AsField(Typed::String("7"), FieldType::kInt) != Typed::Int(7));
  CHECK(HasType(Typed::Int(7), FieldType::kInt));
  CHECK(!HasType(Typed::String("7"), FieldType::kInt));
}

TEST_CASE("entitlement values print as Go's fmt.Sprint prints them") {
  CHECK(GoPrint(Typed::String("2030-07-27T00:00:00Z")) == "2030-07-27T00:00:00Z");
  CHECK(GoPrint(Typed::String("")) == "");
  CHECK(GoPrint(Typed::Int(1232435)) == "1232435");
  CHECK(GoPrint(Typed::Int(-3)) == "-3");
  CHECK(GoPrint(Typed::Bool(true)) == "true");
  CHECK(GoPrint({}) == "<nil>");
}

}  // namespace
}  // namespace ppi::license
