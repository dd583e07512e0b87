#include "krm/yaml_reader.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

std::string Error(const std::string& text) {
  Document root;
  std::string error;
  if (ReadOneDocument(text, &root, &error)) return "";
  return error;
}

TEST_CASE("ReadOneDocument reads one document, with or without markers") {
  for (const char* text :
       {"a: 1\n", "---\na: 1\n", "a: 1\n...\n", "---\na: 1\n...\n# end\n", "{\"a\": 1}",
        "{\"a\": 1}\n# end\n", "[a, b]\n", "- a\n- b\n", "just text", "a: |\n  ---\n  text\n"}) {
    INFO(text);
    Document root;
    std::string error;
    CHECK(ReadOneDocument(text, &root, &error));
    CHECK(error.empty());
  }
}

// yaml-cpp 0.7's LoadAll never returns on these.
TEST_CASE("ReadOneDocument stops where yaml-cpp would find documents forever") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"{a: b},c",
       "input is not valid YAML: unexpected text after the document at line 1, column 7"},
      {"{\"a\": 1}, {\"b\": 2}",
       "input is not valid YAML: unexpected text after the document at line 1, column 9"},
      {"- a\n,", "input is not valid YAML: unexpected text after the document at line 2, column 1"},
      {"a: b\n...\n, c",
       "input is not valid YAML: unexpected text after the document at line 3, column 1"},
      {"a: b\n--- ,",
       "input is not valid YAML: unexpected text after the document at line 2, column 5"},
      {"\"a\", b",
       "input is not valid YAML: unexpected text after the document at line 1, column 4"},
      {",", "input is not valid YAML: unexpected text after the document at line 1, column 1"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Error(c.text) == c.error);
  }
}

TEST_CASE("ReadOneDocument counts documents") {
  CHECK(Error("# nothing\n") == "input holds no YAML document: expected a ResourceList");
  CHECK(Error("a: 1\n---\nb: 2\n") == "input holds 2 YAML documents: expected one ResourceList");
  CHECK(Error("[a]\n---\n[b]\n---\n[c]\n") ==
        "input holds 3 YAML documents: expected one ResourceList");
  std::string many;
  for (int i = 0; i < 150; ++i) many += "---\na: 1\n";
  CHECK(Error(many) == "input holds 100 or more YAML documents: expected one ResourceList");
}

TEST_CASE("ReadOneDocument names nesting past the parser's limit") {
  std::string deep = std::string(600, '[') + std::string(600, ']');
  CHECK(Error(deep) ==
        "input nests deeper than the YAML parser allows (about 500 levels) at line 1, column 1");
}

}  // namespace
}  // namespace krm
