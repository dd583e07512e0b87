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

Node Item(const ResourceList& l, size_t i) { return l.items()[i]; }
Node Path(Node n, std::initializer_list<const char*> keys) {
  for (const char* k : keys) n = ResourceList::Get(n, k);
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
  for (std::string in : {"items:\n- image: |\n    nginx\n", "items:\n- image: ngi\n    nx\n"}) {
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
  CHECK(Written(e) == in + "      imagePullSecrets:\n"
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
  CHECK(Written(e) == "{\n  \"items\": [],\n  \"kind\": \"ResourceList\",\n  \"results\": []\n}\n");
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
  CHECK(Written(e2) ==
        "items:\n    -   a: 1\n    -   kind: Secret\n        data:\n          k: v\n");
}

TEST_CASE("scanned_flow tells when an edit's place came from scanning flow text") {
  std::string error;
  ResourceList block = Load("items:\n- a: 1\n  b: [x, y]\nfunctionConfig: {}\n");
  Editor e(block);
  REQUIRE(e.SetScalar(Item(block, 0), "a", "2", &error));
  CHECK_FALSE(e.scanned_flow());
  // the mapping ends in a flow sequence: where it ends is scanned
  REQUIRE(e.AddToMap(Item(block, 0), "c", "3", &error));
  CHECK(e.scanned_flow());

  ResourceList plain = Load("items:\n- a: 1\n");
  Editor p(plain);
  REQUIRE(p.AppendToSequence(plain.items(), Value::Map().Set("b", "2"), &error));
  REQUIRE(p.SetResults(Value::List(), &error));
  CHECK_FALSE(p.scanned_flow());

  ResourceList json = Load("{\"items\": [{\"a\": \"1\"}]}");
  Editor j(json);
  REQUIRE(j.SetScalar(Item(json, 0), "a", "2", &error));
  CHECK(j.scanned_flow());
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

  ResourceList l2 =
      Load("items: []\nresults:\n- message: old\n  severity: info\nkind: ResourceList\n");
  Editor e2(l2);
  REQUIRE(e2.SetResults(results, &error));
  CHECK(Written(e2) == "items: []\nresults:\n- message: hi\nkind: ResourceList\n");

  ResourceList l3 = Load("{\"items\": [], \"results\": [{\"message\": \"old\"}]}");
  Editor e3(l3);
  REQUIRE(e3.SetResults(results, &error));
  CHECK(Written(e3) == "{\"items\": [], \"results\": [{\"message\": \"hi\"}]}");
}

TEST_CASE("SetResults replaces a results value of any shape") {
  Value results = Value::List().Push(Value::Map().Set("message", "hi"));
  const std::string want = "items: []\nresults:\n- message: hi\nkind: ResourceList\n";
  const std::string inputs[] = {
      "items: []\nresults: old\nkind: ResourceList\n",
      "items: []\nresults: |\n  block\n  text\nkind: ResourceList\n",
      "items: []\nresults: >-\n  folded\nkind: ResourceList\n",
      "items: []\nresults: plain\n  continued\nkind: ResourceList\n",
      "items: []\nresults: \"quoted\n  continued\"\nkind: ResourceList\n",
      "items: []\nresults:\nkind: ResourceList\n",
      "items: []\nresults: {a: [b]}\nkind: ResourceList\n",
      "items: []\nresults:\n  a: b\nkind: ResourceList\n",
  };
  for (const std::string& in : inputs) {
    INFO(in);
    ResourceList l = Load(in);
    Editor e(l);
    std::string error;
    REQUIRE(e.SetResults(results, &error));
    CHECK(Written(e) == want);
  }
  ResourceList l = Load("items: []\nresults: old # a note\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetResults(results, &error));
  CHECK(Written(e) == "items: []\nresults:\n- message: hi # a note\n");
}

TEST_CASE("A node reached through two aliases is edited once") {
  ResourceList l = Load("items:\n- &p\n  spec: {}\n  image: a\n- *p\n");
  Editor e(l);
  std::string error;
  for (size_t i = 0; i < 2; ++i) {
    REQUIRE(e.SetScalar(Item(l, i), "image", "b", &error));
    REQUIRE(e.AddToMap(Item(l, i), "pull", Value::List().Push("s"), &error));
    REQUIRE(e.AddToMap(Path(Item(l, i), {"spec"}), "k", "v", &error));
  }
  CHECK(Written(e) == "items:\n- &p\n  spec: {\"k\": \"v\"}\n  image: b\n  pull:\n  - s\n- *p\n");
}

TEST_CASE("Edits after a collection find where its text ends") {
  std::string error;
  // an empty value is marked where the next token is, outside its mapping
  ResourceList l = Load(
      "items:\n- spec:\n    template:\n      containers:\n      - name: a\n"
      "        extra:\n    port: 1\n");
  Editor e(l);
  REQUIRE(e.AddToMap(Path(Item(l, 0), {"spec", "template"}), "k", "v", &error));
  CHECK(Written(e) ==
        "items:\n- spec:\n    template:\n      containers:\n      - name: a\n"
        "        extra:\n      k: v\n    port: 1\n");
  // a quoted scalar may run over lines indented less than its key
  ResourceList q = Load("items:\n- a: \"one\ntwo\"\nkind: x\n");
  Editor eq(q);
  REQUIRE(eq.AppendToSequence(q.items(), Value::Map().Set("b", "c"), &error));
  CHECK(Written(eq) == "items:\n- a: \"one\ntwo\"\n- b: c\nkind: x\n");
}

TEST_CASE("AddToMap finds the column of explicit and empty keys") {
  std::string error;
  ResourceList l = Load("!!map\n    ?\n");
  Editor e(l);
  REQUIRE(e.SetResults(Value::List(), &error));
  CHECK(Written(e) == "!!map\n    results: []\n    ?\n");
  ResourceList k = Load("!!map\n    ?   3\n");
  Editor ek(k);
  REQUIRE(ek.SetResults(Value::List(), &error));
  CHECK(Written(ek) == "!!map\n    ?   3\n    results: []\n");
  // properties before the first key are the key's
  ResourceList t = Load("!!str   (  s: v]\n");
  Editor et(t);
  REQUIRE(et.SetResults(Value::List(), &error));
  CHECK(Written(et) == "!!str   (  s: v]\nresults: []\n");
}

TEST_CASE("Keys added to a mapping and to its parent, ending at one place") {
  ResourceList l = Load("items:\n- kind: Secret\n  data:\n    a: b\n");
  Editor e(l);
  std::string error;
  // the parent first, as an update of an existing Secret does
  REQUIRE(e.AddToMap(Item(l, 0), "type", "t", &error));
  REQUIRE(e.AddToMap(Path(Item(l, 0), {"data"}), "c", "d", &error));
  CHECK(Written(e) == "items:\n- kind: Secret\n  data:\n    a: b\n    c: d\n  type: t\n");
}

TEST_CASE("Clear drops every edit") {
  ResourceList l = Load("items:\n- image: a\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetScalar(Item(l, 0), "image", "b", &error));
  e.Clear();
  CHECK(Written(e) == "items:\n- image: a\n");
}

TEST_CASE("A byte-order mark takes no column") {
  Value results = Value::List().Push(Value::Map().Set("message", "hi"));
  ResourceList l = Load("\xEF\xBB\xBFitems:\n- a: 1\nkind: x\n");
  Editor e(l);
  std::string error;
  REQUIRE(e.SetResults(results, &error));
  REQUIRE(e.AppendToSequence(l.items(), Value::Map().Set("b", "2"), &error));
  CHECK(Written(e) == "\xEF\xBB\xBFitems:\n- a: 1\n- b: \"2\"\nkind: x\nresults:\n- message: hi\n");
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
