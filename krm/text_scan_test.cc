#include "krm/text_scan.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

TEST_CASE("FindScalar finds the extent and style of a scalar") {
  struct Case {
    std::string text;
    bool in_flow;
    std::string scalar;  // the text of the span
    ScalarStyle style;
    std::string value;
  };
  const Case cases[] = {
      {"nginx:1 # c\n", false, "nginx:1", ScalarStyle::kPlain, "nginx:1"},
      {"nginx:1   \n", false, "nginx:1", ScalarStyle::kPlain, "nginx:1"},
      {"a#b\n", false, "a#b", ScalarStyle::kPlain, "a#b"},
      {"nginx, x]", true, "nginx", ScalarStyle::kPlain, "nginx"},
      {"nginx, x]", false, "nginx, x]", ScalarStyle::kPlain, "nginx, x]"},
      {"'it''s' # c", false, "'it''s'", ScalarStyle::kSingleQuoted, "it's"},
      {"\"a\\\"b\\u00e9\\x41\" x", false, "\"a\\\"b\\u00e9\\x41\"", ScalarStyle::kDoubleQuoted,
       "a\"b\xc3\xa9"
       "A"},
      {"&anchor !!str value\n", false, "value", ScalarStyle::kPlain, "value"},
      {"&a\n  value\n", false, "value", ScalarStyle::kPlain, "value"},
      {"key: v", false, "key", ScalarStyle::kPlain, "key"},
      {"x\r\n", false, "x", ScalarStyle::kPlain, "x"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto span = FindScalar(c.text, 0, c.in_flow);
    REQUIRE(span);
    CHECK(c.text.substr(span->begin, span->end - span->begin) == c.scalar);
    CHECK(span->style == c.style);
    CHECK(ScalarValue(c.text, *span) == c.value);
  }
}

TEST_CASE("FindScalar declines what it cannot edit") {
  for (const char* text :
       {"|\n  block\n", ">-\n  folded\n", "[a]", "{a: b}", "*alias", "\"unclosed"}) {
    INFO(text);
    CHECK_FALSE(FindScalar(text, 0, false));
  }
}

TEST_CASE("FlowEnd skips quotes, comments and nesting") {
  std::string t = "[a, \"]\", ']''', {b: [c]}, # ]\n d]";
  CHECK(FlowEnd(t, 0) == t.size() - 1);
  CHECK(FlowEnd("{a: [b}", 0) == std::string_view::npos);
  // a quote inside a plain scalar is a character
  std::string plain = "{\"a\":o\"b\", c: it's, d: [x\"], e: \"]\"}";
  CHECK(FlowEnd(plain, 0) == plain.size() - 1);
  CHECK(FlowEnd("[a, 'b]", 0) == std::string_view::npos);
  // ':' inside a plain scalar is a character unless a blank or ",]}"
  // follows; after a quoted scalar or a collection it is an indicator
  // (yaml-cpp reads these as {'k:"x': v, e: f} and {'k:"x': v, e: '}', h: i})
  std::string colon = R"({k:"x: v, e: f})";
  CHECK(FlowEnd(colon, 0) == colon.size() - 1);
  std::string json = R"({k:"x: v, "e":"}", h: "i"})";
  CHECK(FlowEnd(json, 0) == json.size() - 1);
  std::string key = R"({? "d}": e, f: g})";
  CHECK(FlowEnd(key, 0) == key.size() - 1);
  // properties before a quoted key or value, and an alias
  std::string props = R"({&a "k":"}", !t "l": &b "]", !<tag:x> m: *a, *a : "}"})";
  CHECK(FlowEnd(props, 0) == props.size() - 1);
  // yaml-cpp starts a comment at '#' wherever a token may start
  std::string comment = "[1,#:\"]\n2]";
  CHECK(FlowEnd(comment, 0) == comment.size() - 1);
  std::string in_plain = "[a#\"b, c]";
  CHECK(FlowEnd(in_plain, 0) == in_plain.size() - 1);
}

TEST_CASE("A tag ends where a tag's characters end, as yaml-cpp scans it") {
  // "!t^x" is the scalar "^x" tagged !t: '^' cannot be in a tag
  CHECK(SkipProperties("!t^x\nnext: 1\n", 0) == 2);
  auto span = FindScalar("!t^x\nnext: 1\n", 0, false);
  REQUIRE(span);
  CHECK(span->begin == 2);
  CHECK(span->end == 4);
  CHECK(SkipProperties("!e!str-1%20 x", 0) == 12);
  CHECK(SkipProperties("&a^b x", 0) == 5);  // an anchor runs to a blank
  std::string flow = "[!t\"]\", x]";
  CHECK(FlowEnd(flow, 0) == flow.size() - 1);
}

TEST_CASE("PropertiesEnd stops at the last property on its line") {
  std::string t = "a: &x !t\n- b\n";
  CHECK(PropertiesEnd(t, 3) == 8);
  CHECK(SkipProperties(t, 3) == 9);  // the next line's node
  CHECK(PropertiesEnd("!t value", 0) == 2);
  CHECK(PropertiesEnd("!<tag:a b> v", 0) == 10);
  CHECK(PropertiesEnd("plain", 0) == 0);
}

TEST_CASE("BlockEnd stops at the first line left of the collection") {
  const std::string t =
      "a:\n"
      "  b: 1\n"
      "  c:\n"
      "  - x\n"
      "\n"
      "    # deep comment\n"
      "# shallow comment\n"
      "d: 2\n";
  size_t c_pos = t.find("c:");
  size_t end = BlockEnd(t, c_pos, 2, true);
  CHECK(t.substr(0, end) == "a:\n  b: 1\n  c:\n  - x\n\n    # deep comment\n");
  // a sequence: lines at its own column end it
  const std::string s = "- a\n  b: 1\n- c\nk: v\n";
  CHECK(BlockEnd(s, s.find("c"), 0, false) == s.find("k:"));
  // document markers end everything
  const std::string d = "a:\n  b: 1\n---\nc: 1\n";
  CHECK(BlockEnd(d, d.find("b"), 2, true) == d.find("---"));
  // end of text without a newline
  CHECK(BlockEnd("a: 1", 0, 0, true) == 4);
}

TEST_CASE("ValueStart skips the indicator, blanks and comments") {
  std::string t = "image:   # c\n  value";
  CHECK(ValueStart(t, 5) == t.find("value"));
  std::string j = "\"image\" : \"v\"";
  CHECK(ValueStart(j, 7) == j.find("\"v\""));
}

TEST_CASE("SkipProperties skips anchors and tags") {
  struct Case {
    std::string text;
    size_t pos;
  };
  const Case cases[] = {
      {"&a b", 3},
      {"!t &a b", 6},
      {"&a\n  b", 5},
      {"b", 0},
      {"!t{a: b}", 2},
      {"&a[b]", 2},
      {"!<tag:x,2002:str> b", 18},
      {"!!str\t'b'", 6},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(SkipProperties(c.text, 0) == c.pos);
  }
}

TEST_CASE("LineStart and ColumnOf") {
  std::string t = "ab\ncd";
  CHECK(LineStart(t, 0) == 0);
  CHECK(LineStart(t, 4) == 3);
  CHECK(ColumnOf(t, 4) == 1);
  CHECK(LineStart(t, 3) == 3);
}

}  // namespace
}  // namespace krm
