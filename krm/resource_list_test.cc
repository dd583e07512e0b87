#include "krm/resource_list.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

std::string ParseError(const std::string& text, Limits limits = Limits{}) {
  ResourceList list;
  std::string error;
  if (ResourceList::Parse(text, limits, &list, &error)) return "";
  return error;
}

std::string Laughs() {
  std::string text = "items: []\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", " : "") + prev;
    text += "]\n";
  }
  return text;
}

TEST_CASE("Parse says what is wrong with input it cannot read") {
  struct Case {
    std::string text;
    std::string error;
  };
  const Case cases[] = {
      {"", "input is empty: expected a ResourceList"},
      {"\xEF\xBB\xBF \n\t\r\n", "input is empty: expected a ResourceList"},
      {"# only a comment\n", "input holds no YAML document: expected a ResourceList"},
      {"a: 1\n---\nb: 2\n", "input holds 2 YAML documents: expected one ResourceList"},
      {"items: []\n# \xFF\n", "input is not UTF-8: byte 0xFF at line 2, column 3"},
      {"items: [caf\xC3]\n", "input is not UTF-8: byte 0xC3 at line 1, column 12"},
      {std::string("\xFF\xFEi\0t\0", 6),
       "input is not UTF-8: byte 0xFF at line 1, column 1 (UTF-16 and UTF-32 are not supported)"},
      {std::string("items: [a\0]", 11),
       "input holds the character U+0000 at line 1, column 10, which YAML does not allow "
       "unescaped (a control character)"},
      {"items: []\rkind: x\r\n",
       "input has a carriage return without a line feed at line 1, column 10: lines must end "
       "with LF or CRLF"},
      {"items: []\r\nkind: x\r",
       "input has a carriage return without a line feed at line 2, column 8: lines must end "
       "with LF or CRLF"},
      {"items: [\x1B]",
       "input holds the character U+001B at line 1, column 9, which YAML does not allow "
       "unescaped (a control character)"},
      {"items: [a\nb: c",
       "input is not valid YAML: end of sequence flow not found at line 2, column 2"},
      {"items: \"\\ud83d\\ude00\"\n",
       "input is not valid YAML: invalid unicode: 55357 at line 1, column 15 (an escaped UTF-16 "
       "surrogate such as \\ud83d: write the character itself, or \\U0001F600)"},
      {"x: " + std::string(600, '[') + std::string(600, ']'),
       "input nests deeper than the YAML parser allows (about 500 levels) at line 1, column 1204"},
      {"x: " + std::string(300, '[') + std::string(300, ']'),
       "input nests deeper than 200 levels at line 1, column 203"},
      {"items: &a [*a]\n",
       "input has an alias inside the node it names (the node at line 1, column 8 contains "
       "itself)"},
      {"items: []\nb", "input is not valid YAML: no ':' after the key \"b\" at line 2, column 1"},
      {"items: []\nnote: \"not closed\n",
       "input is not valid YAML: the quoted scalar at line 2, column 7 is not closed"},
  };
  for (const Case& c : cases) {
    INFO(c.text.substr(0, 80));
    CHECK(ParseError(c.text) == c.error);
  }
}

TEST_CASE("Parse enforces each limit") {
  Limits small;
  small.max_input_bytes = 100;
  small.max_depth = 3;
  small.max_items = 2;
  CHECK(ParseError(std::string(101, ' '), small) == "input is larger than the limit of 100 bytes");
  CHECK(ParseError("items: [[[a]]]", small) ==
        "input nests deeper than 3 levels at line 1, column 10");
  CHECK(ParseError("items: [[a]]", small) == "");
  ResourceList list;
  std::string error;
  REQUIRE(ResourceList::Parse("items: [a, b, c]", small, &list, &error));
  REQUIRE(list.problems().size() == 1);
  CHECK(list.problems()[0].message == "input holds 3 items, more than the limit of 2");
  CHECK(list.problems()[0].field->path == "items");
  REQUIRE(ResourceList::Parse("items: [a, b]", small, &list, &error));
  CHECK(list.problems().empty());
  CHECK(ParseError(Laughs()) ==
        "input is larger than the limit of 67108864 bytes once its aliases are expanded (an "
        "alias counts as a copy of the node it names; it stopped at line 8, column 5)");
  // aliases well within the limit are fine
  CHECK(ParseError("x: &x {a: b}\nitems: [*x, *x]\n") == "");
}

TEST_CASE("Parse reports duplicate keys as problems naming the resource and field") {
  ResourceList list;
  std::string error;
  REQUIRE(
      ResourceList::Parse("kind: ResourceList\nkind: Other\nitems:\n"
                          "- kind: Deployment\n  metadata: {name: web, namespace: prod}\n"
                          "  spec:\n    containers:\n    - image: a\n      image: b\n"
                          "functionConfig:\n  kind: ConfigMap\n  data: {appSlug: x, appSlug: y}\n",
                          Limits{}, &list, &error));
  const std::vector<Result>& p = list.problems();
  REQUIRE(p.size() == 3);
  CHECK(p[0].message ==
        "ResourceList: duplicate key \"kind\" at line 2, column 1 (first at line 1, column 1)");
  CHECK(p[0].field->path == "kind");
  CHECK(p[1].message ==
        "Deployment/web (namespace prod): spec.containers[0]: duplicate key \"image\" at line 9, "
        "column 7 (first at line 8, column 7)");
  CHECK(p[1].field->path == "spec.containers[0].image");
  CHECK(p[1].resource->name == "web");
  CHECK(p[2].message ==
        "functionConfig data: duplicate key \"appSlug\" at line 12, column 22 (first at line 12, "
        "column 10)");
  CHECK(p[2].field->path == "data.appSlug");
  for (const Result& r : p) CHECK(r.severity == Severity::kError);
}

}  // namespace
}  // namespace krm
