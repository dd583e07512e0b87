#include "krm/value.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

TEST_CASE("YamlScalar quotes what would not read back as the same string") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"nginx", "nginx"},
      {"quay.io/a/b:1@sha256:00", "quay.io/a/b:1@sha256:00"},
      {".dockerconfigjson", ".dockerconfigjson"},
      {"1", "\"1\""},
      {"8080", "\"8080\""},
      {"true", "\"true\""},
      {"No", "\"No\""},
      {"null", "\"null\""},
      {"~", "\"~\""},
      {"", "\"\""},
      {"2026-11-27", "\"2026-11-27\""},
      {"a b", "\"a b\""},
      {"a: b", "\"a: b\""},
      {"nginx:", "\"nginx:\""},
      {"-x", "\"-x\""},
      {"#x", "\"#x\""},
      {"say \"hi\"\n", "\"say \\\"hi\\\"\\n\""},
      {".inf", "\".inf\""},
      {"\x01", "\"\\u0001\""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(YamlScalar(c.in) == c.out);
  }
}

TEST_CASE("ToBlock and ToFlow write maps and lists") {
  Value v = Value::Map()
                .Set("a", "1")
                .Set("num", Value::Int(3))
                .Set("m", Value::Map().Set("k", "v"))
                .Set("l", Value::List().Push("x").Push(Value::Map().Set("p", "q").Set("r", "s")))
                .Set("e", Value::List());
  BlockStyle st;
  CHECK(ToBlock(v, 0, st) == "a: \"1\"\nnum: 3\nm:\n  k: v\nl:\n- x\n- p: q\n  r: s\ne: []\n");
  st.indent_seqs = true;
  CHECK(ToBlock(v, 2, st) ==
        "a: \"1\"\n  num: 3\n  m:\n    k: v\n  l:\n    - x\n    - p: q\n      r: s\n  e: []\n");
  CHECK(ToFlow(v) ==
        "{\"a\": \"1\", \"num\": 3, \"m\": {\"k\": \"v\"}, \"l\": [\"x\", {\"p\": \"q\", "
        "\"r\": \"s\"}], \"e\": []}");
}

}  // namespace
}  // namespace krm

namespace krm {
namespace {

TEST_CASE("PlainScalarType tells plain scalars that are not strings") {
  struct Case {
    const char* in;
    const char* type;
  };
  const Case cases[] = {
      {"42", "int"},
      {"-7", "int"},
      {"0x1F", "int"},
      {"0o17", "int"},
      {"1_000", "int"},
      {"3.14", "float"},
      {"1e3", "float"},
      {".5", "float"},
      {"-.inf", "float"},
      {".NaN", "float"},
      {"true", "bool"},
      {"No", "bool"},
      {"off", "bool"},
      {"", "null"},
      {"~", "null"},
      {"Null", "null"},
      {"nginx", ""},
      {"1.2.3", ""},
      {"42/app", ""},
      {"e3", ""},
      {".", ""},
      {"0x", ""},
      {"602401143452.dkr.ecr.us-west-2.amazonaws.com/a", ""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(PlainScalarType(c.in) == c.type);
  }
}

TEST_CASE("JsonString writes only text YAML and JSON can read back") {
  struct Case {
    std::string in;
    const char* out;
  };
  const Case cases[] = {
      {"caf\xC3\xA9 \xF0\x9F\x98\x80", "\"caf\xC3\xA9 \xF0\x9F\x98\x80\""},
      {std::string("a\0b", 3), "\"a\\u0000b\""},
      {"a\x7F", "\"a\\u007f\""},
      {"bad \xFF byte", "\"bad \\ufffd byte\""},
      {"cut \xC3", "\"cut \\ufffd\""},
      {"\xC3(", "\"\\ufffd(\""},
      {"\xC2\x85\xC2\x9F", "\"\\u0085\\u009f\""},
      {"\xED\xA0\xBD", "\"\\ufffd\""},  // an encoded surrogate
      {"\xEF\xBF\xBF", "\"\\ufffd\""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(JsonString(c.in) == c.out);
    CHECK(YamlScalar(c.in) == c.out);
  }
}

TEST_CASE("A generated list is written as the same list held whole, one item at a time") {
  Value held = Value::List();
  for (int i = 0; i < 3; ++i) held.Push(Value::Map().Set("n", Value::Int(i)).Set("s", "a b"));
  size_t made = 0;
  Value generated = Value::Generated(3, [&made](size_t i) {
    ++made;
    return Value::Map().Set("n", Value::Int(static_cast<long long>(i))).Set("s", "a b");
  });
  BlockStyle style;
  CHECK(ToBlock(generated, 0, style) == ToBlock(held, 0, style));
  CHECK(made == 3);
  CHECK(ToFlow(generated) == ToFlow(held));
  CHECK(made == 6);
  CHECK(ToBlock(Value::Map().Set("results", generated), 0, style) ==
        ToBlock(Value::Map().Set("results", held), 0, style));
  CHECK_FALSE(generated.empty());
  CHECK(Value::Generated(0, [](size_t) { return Value(); }).empty());
  CHECK(ToFlow(Value::Generated(0, [](size_t) { return Value(); })) == "[]");
}

}  // namespace
}  // namespace krm
