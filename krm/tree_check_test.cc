#include "krm/tree_check.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

using Problem = TreeReport::Problem;

TreeReport Check(const std::string& text, size_t max_depth = 100, uint64_t max_size = 1u << 20) {
  TreeLimits limits;
  limits.max_depth = max_depth;
  limits.max_expanded_size = max_size;
  auto doc = Document::Load(text);
  return CheckTree(doc->root(), text, limits);
}

// n nested flow sequences.
std::string Nested(size_t n) { return std::string(n, '[') + std::string(n, ']'); }

// The "billion laughs": `levels` anchors, each a list of ten aliases of the
// one before.
std::string Laughs(int levels) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", " : "") + prev;
    text += "]\n";
  }
  return text;
}

TEST_CASE("CheckTree measures depth in collections") {
  CHECK(Check("a: b").depth == 1);
  CHECK(Check("a: [b, {c: d}]").depth == 3);
  CHECK(Check(Nested(100), 100).problem == Problem::kNone);
  TreeReport deep = Check(Nested(101), 100);
  CHECK(deep.problem == Problem::kTooDeep);
  CHECK(deep.where.line == 0);
  // a key that is a collection counts too
  CHECK(Check("? " + Nested(101) + "\n: x", 100).problem == Problem::kTooDeep);
}

TEST_CASE("CheckTree counts an alias as a copy of what it names") {
  // scalar bytes plus one per collection
  CHECK(Check("a: bc").expanded_size == 1 + 1 + 2);
  CHECK(Check("a: &x [bc, de]\nb: *x\nc: *x").expanded_size == 1 + 3 * (1 + 1 + 4));
  // without aliases the count never exceeds the text
  for (const std::string& text :
       {std::string("a: b\n"), std::string("{a: b, c: [d, e]}"),
        std::string("- a\n- b: c\n  d: e\n"), std::string("{\"a\": [1, {\"b\": null}]}")}) {
    INFO(text);
    CHECK(Check(text).expanded_size <= text.size());
  }
  // aliases inside an anchored node are counted through it
  // root 1, keys 3 * 2, a0 1 + 10 * 3, a1 1 + 10 * 31, a2 1 + 10 * 311
  CHECK(Check(Laughs(3)).expanded_size == 1 + 6 + 31 + 311 + 3111);
}

TEST_CASE("CheckTree stops a billion laughs without expanding it") {
  TreeReport r = Check(Laughs(10), 100, 1u << 20);
  CHECK(r.problem == Problem::kTooLarge);
  CHECK(r.expanded_size == (1u << 20) + 1);
  // fifty levels of doubling: 2^50 nodes if walked
  std::string doubling = "a0: &a0 [x, x]\n";
  for (int i = 1; i < 50; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    doubling +=
        "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev + "]\n";
  }
  CHECK(Check(doubling, 100, uint64_t{1} << 62).problem == Problem::kNone);
  CHECK(Check(doubling, 100, uint64_t{1} << 40).problem == Problem::kTooLarge);
  // depth through aliases: each level nests the one before
  CHECK(Check(doubling, 10, uint64_t{1} << 62).problem == Problem::kTooDeep);
}

TEST_CASE("CheckTree finds an alias inside the node it names") {
  for (const char* text : {"a: &x [*x]", "a: &x {b: *x}", "- &x\n  - [*x]\n", "a: &x {*x : 1}"}) {
    INFO(text);
    CHECK(Check(text).problem == Problem::kSelfReference);
  }
  CHECK(Check("a: &x [b]\nc: [*x, *x]").problem == Problem::kNone);
}

TEST_CASE("CheckTree reports duplicate keys with their path") {
  TreeReport r = Check("items:\n- spec:\n    containers:\n    - image: a\n      image: b\n");
  REQUIRE(r.duplicates.size() == 1);
  const DuplicateKey& d = r.duplicates[0];
  CHECK(d.path == std::vector<std::string>{"items", "[0]", "spec", "containers", "[0]"});
  CHECK(d.key == "image");
  CHECK(d.first.line == 3);
  CHECK(d.again.line == 4);
  CHECK(Check("{a: 1, a: 2}").duplicates.size() == 1);
  CHECK(Check("a: 1\nb: {a: 2}\n").duplicates.empty());
  // a shared mapping is reported once, at the first path that reaches it
  TreeReport shared = Check("x: &m {k: 1, k: 2}\ny: *m\nz: *m\n");
  REQUIRE(shared.duplicates.size() == 1);
  CHECK(shared.duplicates[0].path == std::vector<std::string>{"x"});
  std::string many = "{";
  for (int i = 0; i < 50; ++i) many += "k: 1, ";
  CHECK(Check(many + "}").duplicates.size() == 10);
  // small and large mappings (searched in place, or hashed) name the same first key
  for (int keys : {5, 40}) {
    std::string text;
    for (int i = 0; i < keys; ++i) text += "k" + std::to_string(i) + ": 1\n";
    TreeReport large = Check(text + "k3: 2\n");
    REQUIRE(large.duplicates.size() == 1);
    CHECK(large.duplicates[0].key == "k3");
    CHECK(large.duplicates[0].first.line == 3);
    CHECK(large.duplicates[0].again.line == keys);
  }
}

TEST_CASE("CheckTree refuses a key yaml-cpp read without its ':'") {
  for (const char* text : {"items: []\nb", "items:\n- a: 1\n  b\n- c", "a: 1\n&x b"}) {
    INFO(text);
    TreeReport r = Check(text);
    CHECK(r.problem == Problem::kMissingColon);
    CHECK(r.key == "b");
  }
  for (const char* text : {"items: []\nNULL", "items: []\n~", "items: []\nnull"}) {
    INFO(text);
    TreeReport r = Check(text);
    CHECK(r.problem == Problem::kMissingColon);
    CHECK(r.key == std::string(text).substr(10));
  }
  for (const char* text :
       {"a:", "a: ", "a: # c\nb: 1", "? a", "? a\n: ", "{a, b}", "[a: , b]", "a: &n\nb: *n",
        "\"a\":", "a :", "a:\n  b\n  c", "~: 1", "null:", "a: 1\n~:"}) {
    INFO(text);
    CHECK(Check(text).problem == Problem::kNone);
  }
}

TEST_CASE("CheckTree refuses a value yaml-cpp read without its indentation") {
  // (at the end of the input yaml-cpp reads "b" in "a:\nb" as a key)
  for (const char* text : {"x: &x 1\nitems:\n- metadata:\n  name\n- *x\n", "a:\n\"b\"\nc: 1",
                           "- key:\n  \"value\"\n- x"}) {
    INFO(text);
    TreeReport r = Check(text);
    CHECK(r.problem == Problem::kValueNotIndented);
  }
  for (const char* text : {"a:\n  b", "a:\n- b", "? a\n: b", "a: b\nc: d", "a:\n  [b]",
                           "- a:\n    b", "a: |\n  b\n"}) {
    INFO(text);
    CHECK(Check(text).problem == Problem::kNone);
  }
}

}  // namespace
}  // namespace krm
