#include "krm/function_config.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

enum class Color { kRed, kBlue };

const ConfigSchema& Schema() {
  static const ConfigSchema schema{"Painter",
                                   "example.com/v1",
                                   {"color", "count", "names", "label"},
                                   "give a ConfigMap with data.color, or a Painter",
                                   " (known: color, count, names, label)"};
  return schema;
}

struct Read {
  bool ok;
  FunctionConfig config;
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const Result& r : config.errors()) out.push_back(r.message);
    return out;
  }
};

Read ReadText(const std::string& yaml) {
  auto doc = Document::Load(yaml);
  Read r;
  r.ok = r.config.Read(doc ? doc->root() : Node(), Schema());
  return r;
}

TEST_CASE("SplitCommaList splits, trims and drops empty entries") {
  CHECK(SplitCommaList(" quay.io/a/* , ,ghcr.io/b/*,,\tx\n") ==
        std::vector<std::string>{"quay.io/a/*", "ghcr.io/b/*", "x"});
  CHECK(SplitCommaList("docker.io/library/*") == std::vector<std::string>{"docker.io/library/*"});
  CHECK(SplitCommaList("").empty());
  CHECK(SplitCommaList(" , ,, ").empty());
  CHECK(SplitCommaList("a b, c") == std::vector<std::string>{"a b", "c"});
}

TEST_CASE("ParseWholeNumber keeps to its range") {
  int n = 0;
  CHECK(ParseWholeNumber("42", 1, 600, &n));
  CHECK(n == 42);
  for (const char* bad : {"0", "601", "-1", "", "1e3", " 5", "99999999999"}) {
    INFO(bad);
    CHECK_FALSE(ParseWholeNumber(bad, 1, 600, &n));
  }
}

TEST_CASE("a ConfigMap's data and the function's own spec read the same") {
  Read a = ReadText(
      "kind: ConfigMap\nmetadata: {name: c}\n"
      "data: {color: blue, count: '3', names: 'x, y'}");
  Read b = ReadText(
      "apiVersion: example.com/v1\nkind: Painter\nmetadata: {name: c}\n"
      "spec: {color: blue, count: 3, names: [x, y]}");
  for (Read* r : {&a, &b}) {
    REQUIRE(r->ok);
    FunctionConfig& c = r->config;
    CHECK(c.Choice<Color>("color", Color::kRed, {{"red", Color::kRed}, {"blue", Color::kBlue}}) ==
          Color::kBlue);
    CHECK(c.Number("count", 1, 1, 9) == 3);
    CHECK(c.List("names") == std::vector<std::string>{"x", "y"});
    CHECK(c.String("label", "none") == "none");
    CHECK_FALSE(c.Has("label"));
    CHECK(c.ok());
  }
  CHECK(a.config.FieldOf("color") == "data.color");
  CHECK(b.config.FieldOf("color") == "spec.color");
  CHECK(b.config.FieldOf("label") == "label");
}

TEST_CASE("what cannot be read at all") {
  CHECK(ReadText("").messages() ==
        std::vector<std::string>{
            "functionConfig: is missing: give a ConfigMap with data.color, or a Painter"});
  CHECK(ReadText("[a]").messages() ==
        std::vector<std::string>{
            "functionConfig: must be a mapping: a ConfigMap or a Painter (example.com/v1)"});
  CHECK(ReadText("kind: Secret").messages() ==
        std::vector<std::string>{"functionConfig kind: \"Secret\" is not supported: use a "
                                 "ConfigMap or Painter (example.com/v1)"});
  CHECK(ReadText("kind: ConfigMap\ndata: [x]").messages() ==
        std::vector<std::string>{"functionConfig data: must be a mapping of strings"});
  Read unknown = ReadText("kind: ConfigMap\ndata: {colour: red, color: {x: 1}}");
  CHECK_FALSE(unknown.ok);
  CHECK(unknown.messages() ==
        std::vector<std::string>{
            "functionConfig data.colour: unknown setting \"colour\" (known: color, count, names, "
            "label)",
            "functionConfig data.color: must be a string"});
  CHECK_FALSE(unknown.config.Has("color"));
  CHECK(ReadText("kind: Painter\nspec: {names: [a, [b]]}").messages() ==
        std::vector<std::string>{"functionConfig spec.names: list entries must be strings"});
}

TEST_CASE("values that do not fit give the default and an error naming the field") {
  Read r = ReadText(
      "kind: Painter\nmetadata: {name: p}\nspec: {color: green, count: '10', label: [a, b]}");
  REQUIRE(r.ok);
  FunctionConfig& c = r.config;
  CHECK(c.Choice<Color>("color", Color::kRed, {{"red", Color::kRed}, {"blue", Color::kBlue}}) ==
        Color::kRed);
  CHECK(c.Number("count", 1, 1, 9) == 1);
  CHECK(c.String("label", "none") == "none");
  CHECK(r.messages() == std::vector<std::string>{
                            "functionConfig spec.color: \"green\" is not one of: red, blue",
                            "functionConfig spec.count: \"10\" must be a whole number from 1 to 9",
                            "functionConfig spec.label: must be a single string"});
  const Result& first = c.errors().front();
  REQUIRE(first.resource);
  CHECK(first.resource->kind == "Painter");
  CHECK(first.resource->name == "p");
  CHECK(first.field->path == "spec.color");
  CHECK(c.Problem("x", "y").message == "functionConfig x: y");
}

}  // namespace
}  // namespace krm
