#include "krm/execute.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "krm/item.h"

namespace krm {
namespace {

struct Outcome {
  int code;
  std::string out, err;
};

Outcome Run(const std::string& input, const Processor& process, ExecuteOptions options = {}) {
  options.name = "fn";
  std::ostringstream out, err;
  int code = Execute(input, options, process, out, err);
  return {code, out.str(), err.str()};
}

// Renames every item to "renamed", and reports one info result.
void Rename(const ResourceList& list, Editor* editor, std::vector<Result>* results) {
  for (Node item : Elements(list.items())) {
    std::string error;
    if (!editor->SetScalar(ResourceList::Get(item, "metadata"), "name", "renamed", &error)) {
      results->push_back(ItemResult(item, Severity::kError, "metadata.name", error));
    }
  }
  Result r;
  r.message = "renamed";
  results->push_back(r);
}

const char kList[] =
    "apiVersion: config.kubernetes.io/v1\n"
    "kind: ResourceList\n"
    "items:\n"
    "- kind: A  # kept\n"
    "  metadata: {name: a}\n";

TEST_CASE("Execute writes the edits and the results") {
  Outcome o = Run(kList, Rename);
  CHECK(o.code == 0);
  CHECK(o.err.empty());
  CHECK(o.out ==
        std::string(kList).replace(std::string(kList).find("name: a"), 7, "name: renamed") +
            "results:\n- message: renamed\n  severity: info\n");
}

TEST_CASE("on an error result the items come back unchanged, and the exit code is 1") {
  auto fail = [](const ResourceList& list, Editor* editor, std::vector<Result>* results) {
    Rename(list, editor, results);
    results->push_back(ItemResult(list.items()[0], Severity::kError, "spec", "is bad"));
  };
  Outcome o = Run(kList, fail);
  CHECK(o.code == 1);
  CHECK(o.err == "fn: A/a: spec: is bad\n");
  CHECK(o.out.find("name: a}") != std::string::npos);
  CHECK(o.out.find("renamed}") == std::string::npos);
  CHECK(o.out.find("message: \"A/a: spec: is bad\"") != std::string::npos);
}

TEST_CASE("the envelope is checked before the processor runs") {
  bool ran = false;
  auto note = [&ran](const ResourceList&, Editor*, std::vector<Result>*) { ran = true; };
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"kind: List\nitems: []\n", "input is not a ResourceList (kind is \"List\")"},
      {"apiVersion: v2\nkind: ResourceList\nitems: []\n",
       "ResourceList apiVersion \"v2\" is not config.kubernetes.io/v1 or v1beta1"},
      {"apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n", "ResourceList has no items"},
      {"apiVersion: config.kubernetes.io/v1beta1\nkind: ResourceList\nitems: {}\n",
       "ResourceList items is not a list"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Outcome o = Run(c.text, note);
    CHECK(o.code == 1);
    CHECK(o.err == "fn: " + c.message + "\n");
    CHECK(o.out.rfind(c.text, 0) == 0);  // the input, then its results
  }
  CHECK_FALSE(ran);
}

TEST_CASE("input that cannot be read comes back as items: [] with the error") {
  Outcome o = Run("a: [", Rename);
  CHECK(o.code == 1);
  CHECK(o.out.rfind("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n", 0) ==
        0);
  CHECK(o.out.find("input is not valid YAML") != std::string::npos);
  Outcome scalar = Run("just text\n", Rename);
  CHECK(scalar.code == 1);
  CHECK(scalar.err == "fn: input is not a ResourceList\n");
  CHECK(scalar.out.find("input is not a ResourceList (not a mapping)") != std::string::npos);
}

TEST_CASE("results known beforehand fail the run without the processor") {
  ExecuteOptions options;
  Result early;
  early.message = "bad limit";
  early.severity = Severity::kError;
  options.results = {early};
  bool ran = false;
  int finished = -1;
  options.finish = [&finished](int code) { finished = code; };
  Outcome o = Run(
      kList, [&ran](const ResourceList&, Editor*, std::vector<Result>*) { ran = true; }, options);
  CHECK_FALSE(ran);
  CHECK(o.code == 1);
  CHECK(finished == 1);
  CHECK(o.out.rfind(kList, 0) == 0);
  CHECK(o.out.find("message: \"bad limit\"") != std::string::npos);
}

TEST_CASE("FallbackOutput is a complete ResourceList with no items") {
  Result r;
  r.message = "why";
  r.severity = Severity::kError;
  CHECK(FallbackOutput({r}) ==
        "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nresults:\n"
        "- message: why\n  severity: error\n");
}

}  // namespace
}  // namespace krm
