#include "krm/document.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <map>

namespace krm {
namespace {

// Compares a Document's tree with what YAML::Load reads from the same text:
// kinds, scalars, tags, flow style, marks, order, and which places share a
// node (an alias and its anchor).
class Compare {
 public:
  void Run(const Node& mine, const YAML::Node& theirs) {
    INFO("node at line " << theirs.Mark().line + 1 << ", column " << theirs.Mark().column + 1);
    REQUIRE(mine.IsDefined() == theirs.IsDefined());
    if (!theirs.IsDefined()) return;
    CHECK(mine.IsNull() == theirs.IsNull());
    CHECK(mine.IsScalar() == theirs.IsScalar());
    CHECK(mine.IsSequence() == theirs.IsSequence());
    CHECK(mine.IsMap() == theirs.IsMap());
    CHECK(mine.Mark().pos == theirs.Mark().pos);
    CHECK(mine.Mark().line == theirs.Mark().line);
    CHECK(mine.Mark().column == theirs.Mark().column);
    CHECK(mine.Tag() == theirs.Tag());
    CHECK(mine.IsFlow() == (theirs.Style() == YAML::EmitterStyle::Flow));
    // The same node reached twice on their side is the same node on ours.
    auto [seen, first] = seen_.emplace(&theirs.Scalar(), mine.id());
    CHECK(seen->second == mine.id());
    if (!first) return;
    if (theirs.IsScalar()) CHECK(mine.Scalar() == theirs.Scalar());
    REQUIRE(mine.size() == theirs.size());
    size_t i = 0;
    for (auto it = theirs.begin(); it != theirs.end(); ++it, ++i) {
      if (theirs.IsMap()) {
        Run(mine.Key(i), (*it).first);
        Run(mine.Value(i), (*it).second);
      } else {
        Run(mine[i], *it);
      }
    }
  }

 private:
  std::map<const void*, uint32_t> seen_;  // yaml-cpp node data -> our id
};

TEST_CASE("Document reads what YAML::Load reads") {
  const char* texts[] = {
      "a: 1\n",
      "apiVersion: v1\nkind: ResourceList\nitems:\n- kind: Deployment\n  metadata:\n"
      "    name: web # comment\n  spec:\n    replicas: \"1\"\n    containers:\n"
      "    - image: 'nginx:1'\n      env: [{name: A, value: \"8080\"}]\n",
      "{\"items\": [{\"a\": [1, 2.5, true, null]}, {}], \"b\": []}",
      "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc:\n",
      "x: &img nginx\ny: *img\nz: &m {k: v}\nw: [*m, *m]\n",
      "? [complex, key]\n: value\n? plain\n: ~\nnull: Null\n",
      "- !!str 123\n- !custom {a: b}\n- !<tag:yaml.org,2002:int> 5\n- &a !!map {}\n",
      "dup: 1\ndup: 2\n",
      "# only a comment\n- a\n-\n- - nested\n  - seq\n",
      "\xEF\xBB\xBF"
      "a: b\n",
      "just a scalar",
      "a: \"esc\\u00e9\\n\"\nb: 'it''s'\n",
  };
  for (const char* text : texts) {
    INFO(text);
    auto mine = Document::Load(text);
    Compare().Run(mine->root(), YAML::Load(text));
  }
}

TEST_CASE("Document keeps an alias inside the node it names, as yaml-cpp does") {
  auto doc = Document::Load("&a [x, *a]\n");
  Node root = doc->root();
  REQUIRE(root.IsSequence());
  REQUIRE(root.size() == 2);
  CHECK(root[1].is(root));
  CHECK_FALSE(root[0].is(root));
}

TEST_CASE("Document: lookups outside a node are undefined, not errors") {
  auto doc = Document::Load("m: {a: b}\ns: [x]\n");
  Node root = doc->root();
  CHECK_FALSE(root[0].IsDefined());  // not a sequence
  Node s = root.Value(1);
  CHECK(s[0].Scalar() == "x");
  CHECK_FALSE(s[1].IsDefined());
  CHECK_FALSE(s.Key(0).IsDefined());
  CHECK_FALSE(root.Key(2).IsDefined());
  CHECK(root.Value(0).Scalar().empty());  // a mapping has no scalar
  Node none;
  CHECK_FALSE(none.IsMap());
  CHECK(none.size() == 0);
  CHECK(none.Mark().is_null());
  size_t n = 0;
  for (auto [k, v] : Entries(root)) n += k.IsScalar() + v.IsDefined();
  for (Node e : Elements(root)) n += e.IsDefined();  // not a sequence: nothing
  CHECK(n == 4);
}

TEST_CASE("Document: no document gives an undefined root; errors are yaml-cpp's") {
  CHECK_FALSE(Document::Load("# nothing\n")->root().IsDefined());
  CHECK_THROWS_AS(Document::Load("a: [b\n"), YAML::ParserException);
  CHECK_THROWS_AS(Document::Load("a: *missing\n"), YAML::ParserException);
}

}  // namespace
}  // namespace krm
