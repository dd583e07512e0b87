#include "krm/editor.h"

#include <catch2/catch.hpp>
#include <sstream>

namespace krm {
namespace {

ResourceList Load(const std::string& text) {
  ResourceList list;
  std::string error;
  REQUIRE(ResourceList::Parse(text, Limits{}, &list, &error));
  return list;
}

std::string Written(Editor& e) {
  std::ostringstream out;
  std::string error;
  REQUIRE(e.Write(out, &error));
  return out.str();
}

YAML::Node Item(const ResourceList& l, size_t i) { return l.items()[i]; }
YAML::Node Path(YAML::Node n, std::initializer_list<const char*> keys) {
  for (const char* k : keys) n.reset(ResourceList::Get(n, k));
  return n;
}

TEST_CASE("SetScalar keeps the quoting style of the value") {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"items:\n- image: nginx\n", "items:\n- image: quay.io/x:1\n"},
      {"items:\n- image: 'nginx'\n", "items:\n- image: 'quay.io/x:1'\n"},
      {"items:\n- image: \"nginx\"\n", "items:\n- image: \"quay.io/x:1\"\n"},
      {"items:\n- image: nginx # keep me\n", "items:\n- image: quay.io/x:1 # keep me\n"},
      {"items:\n- image:   nginx   \n", "items:\n- image:   quay.io/x:1   \n"},
      {"items:\n- image: nginx\r\n", "items:\n- image: quay.io/x:1\r\n"},
      {"items:\n- {image: nginx, name: a}\n", "items:\n- {image: quay.io/x:1, name: a}\n"},
      {"{\"items\": [{\"image\": \"nginx\"}]}", "{\"items\": [{\"image\": \"quay.io/x:1\"}]}"},
      {"items:\n- image: &a nginx\n", "items:\n- image: &a quay.io/x:1\n"},
      {"items:\n- image: !!str nginx\n", "items:\n- image: !!str quay.io/x:1\n"},
      {"items:\n- image:\n    nginx\n", "items:\n- image:\n    quay.io/x:1\n"},
      {"items:\n- image: # note\n    nginx\n", "items:\n- image: # note\n    quay.io/x:1\n"},
      {"items:\n- image: nginx", "items:\n- image: quay.io/x:1"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    ResourceList l = Load(c.in);
    Editor e(l);
    std::string error;
    REQUIRE(e.SetScalar(Item(l, 0), "image", "quay.io/x:1", &error));
    CHECK(Written(e) == c.out);
  }
}

TEST_CASE("SetScalar quotes a value that would not read back as a string") {
  ResourceList l = Load("items:\n- image: nginx\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetScalar(Item(l, 0), "image", "10.0.0.1:5000/x", &error));
  CHECK(Written(e) == "items:\n- image: \"10.0.0.1:5000/x\"\n");
}

TEST_CASE("SetScalar replaces an alias with the value and leaves the anchor") {
  ResourceList l = Load("x: &img nginx\nitems:\n- image: *img\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetScalar(Item(l, 0), "image", "quay.io/x", &error));
  CHECK(Written(e) == "x: &img nginx\nitems:\n- image: quay.io/x\n");
}

TEST_CASE("SetScalar refuses scalars it cannot edit in place") {
  for (std::string in : {"items:\n- image: |\n    nginx\n",
                         "items:\n- image: ngi\n    nx\n"}) {
    INFO(in);
    ResourceList l = Load(in);
    Editor e(l);
    std::string error;
    CHECK_FALSE(e.SetScalar(Item(l, 0), "image", "x", &error));
    CHECK(error.find("cannot be edited in place") != std::string::npos);
  }
}

TEST_CASE("AddToMap appends a key at the end of a block mapping") {
  const std::string in =
      "items:\n"
      "- spec:\n"
      "    containers:\n"
      "    - name: a\n"
      "      image: x\n"
      "    # trailing comment\n"
      "  status: {}\n";
  ResourceList l = Load(in);
  Editor e(l);
  std::string error;
  Value list = Value::List().Push(Value::Map().Set("name", "s"));
  REQUIRE(e.AddToMap(Path(Item(l, 0), {"spec"}), "imagePullSecrets", list, &error));
  CHECK(Written(e) ==
        "items:\n"
        "- spec:\n"
        "    containers:\n"
        "    - name: a\n"
        "      image: x\n"
        "    imagePullSecrets:\n"
        "    - name: s\n"
        "    # trailing comment\n"
        "  status: {}\n");
}

TEST_CASE("AddToMap follows indented sequences and block scalars") {
  const std::string in =
      "items:\n"
      "  - spec:\n"
      "      containers:\n"
      "        - name: a\n"
      "          args: |\n"
      "            line\n"
      "\n"
      "            # not a comment\n";
  ResourceList l = Load(in);
  Editor e(l);
  std::string error;
  Value list = Value::List().Push(Value::Map().Set("name", "s"));
  REQUIRE(e.AddToMap(Path(Item(l, 0), {"spec"}), "imagePullSecrets", list, &error));
  CHECK(Written(e) == in +
                          "      imagePullSecrets:\n"
                          "        - name: s\n");
}

TEST_CASE("AddToMap into flow mappings writes JSON") {
  ResourceList l = Load("{\"items\": [{\"spec\": {\"containers\": []}}]}");
  Editor e(l);
  std::string error;
  Value list = Value::List().Push(Value::Map().Set("name", "s"));
  REQUIRE(e.AddToMap(Path(Item(l, 0), {"spec"}), "imagePullSecrets", list, &error));
  CHECK(Written(e) ==
        "{\"items\": [{\"spec\": {\"containers\": [], \"imagePullSecrets\": "
        "[{\"name\": \"s\"}]}}]}");
}

TEST_CASE("AddToMap into pretty JSON keeps one key a line") {
  const std::string in = "{\n  \"items\": [],\n  \"kind\": \"ResourceList\"\n}\n";
  ResourceList l = Load(in);
  Editor e(l);
  std::string error;
  REQUIRE(e.AddToMap(l.root(), "results", Value::List(), &error));
  CHECK(Written(e) ==
        "{\n  \"items\": [],\n  \"kind\": \"ResourceList\",\n  \"results\": []\n}\n");
}

TEST_CASE("AppendToSequence matches the items' indentation") {
  const std::string compact = "items:\n- a: 1\n  b: 2\nfunctionConfig: {}\n";
  ResourceList l = Load(compact);
  Editor e(l);
  std::string error;
  Value item = Value::Map().Set("kind", "Secret").Set("data", Value::Map().Set("k", "v"));
  REQUIRE(e.AppendToSequence(l.items(), item, &error));
  CHECK(Written(e) ==
        "items:\n- a: 1\n  b: 2\n- kind: Secret\n  data:\n    k: v\nfunctionConfig: {}\n");

  const std::string wide = "items:\n    -   a: 1\n";
  ResourceList l2 = Load(wide);
  Editor e2(l2);
  REQUIRE(e2.AppendToSequence(l2.items(), item, &error));
  CHECK(Written(e2) == "items:\n    -   a: 1\n    -   kind: Secret\n        data:\n          k: v\n");
}

TEST_CASE("AppendToSequence keeps CRLF line endings") {
  ResourceList l = Load("items:\r\n- a: 1\r\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.AppendToSequence(l.items(), Value::Map().Set("b", "2"), &error));
  CHECK(Written(e) == "items:\r\n- a: 1\r\n- b: \"2\"\r\n");
}

TEST_CASE("AppendToSequence on flow and empty sequences") {
  ResourceList l = Load("items: []\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.AppendToSequence(l.items(), Value::Map().Set("b", "x"), &error));
  CHECK(Written(e) == "items: [{\"b\": \"x\"}]\n");

  ResourceList l2 = Load("items: [{a: 1}, ]\n");
  Editor e2(l2);
  REQUIRE(e2.AppendToSequence(l2.items(), Value::Map().Set("b", "x"), &error));
  CHECK(Written(e2) == "items: [{a: 1}, {\"b\": \"x\"} ]\n");
}

TEST_CASE("SetResults adds or replaces the results list") {
  Value results = Value::List().Push(Value::Map().Set("message", "hi"));
  ResourceList l = Load("items: []\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetResults(results, &error));
  CHECK(Written(e) == "items: []\nresults:\n- message: hi\n");

  ResourceList l2 = Load("items: []\nresults:\n- message: old\n  severity: info\nkind: ResourceList\n");
  Editor e2(l2);
  REQUIRE(e2.SetResults(results, &error));
  CHECK(Written(e2) == "items: []\nresults:\n- message: hi\nkind: ResourceList\n");

  ResourceList l3 = Load("{\"items\": [], \"results\": [{\"message\": \"old\"}]}");
  Editor e3(l3);
  REQUIRE(e3.SetResults(results, &error));
  CHECK(Written(e3) == "{\"items\": [], \"results\": [{\"message\": \"hi\"}]}");
}

TEST_CASE("Clear drops every edit") {
  ResourceList l = Load("items:\n- image: a\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetScalar(Item(l, 0), "image", "b", &error));
  e.Clear();
  CHECK(Written(e) == "items:\n- image: a\n");
}

TEST_CASE("A byte-order mark shifts every position") {
  ResourceList l = Load("\xEF\xBB\xBFitems:\n- image: a\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetScalar(Item(l, 0), "image", "b", &error));
  CHECK(Written(e) == "\xEF\xBB\xBFitems:\n- image: b\n");
}

}  // namespace
}  // namespace krm
