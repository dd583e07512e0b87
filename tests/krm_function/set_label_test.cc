// set-label is built on krm/ alone; these tests run it in process.
#include "tests/krm_function/set_label.h"

#include <catch2/catch.hpp>
#include <sstream>

namespace {

struct Outcome {
  int code;
  std::string out, err;
};

Outcome Run(const std::string& input) {
  std::ostringstream out, err;
  int code = set_label::Run(input, out, err);
  return {code, out.str(), err.str()};
}

const char kHead[] = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";
const char kConfig[] =
    "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n"
    "  data: {key: team, value: web}\n";

TEST_CASE("set-label adds, replaces and keeps every other byte") {
  std::string items =
      "- kind: A  # no labels yet\n"
      "  metadata:\n"
      "    name: a\n"
      "- kind: B\n"
      "  metadata: {name: b, labels: {team: 'old', tier: \"1\"}}\n"
      "- kind: C\n"
      "  metadata:\n"
      "    name: c\n"
      "    labels:\n"
      "- kind: Kptfile\n"
      "  metadata:\n"
      "    name: local\n"
      "    annotations: {config.kubernetes.io/local-config: \"true\"}\n";
  Outcome o = Run(kHead + items + kConfig);
  CHECK(o.code == 0);
  CHECK(o.err.empty());
  CHECK(o.out == std::string(kHead) +
                     "- kind: A  # no labels yet\n"
                     "  metadata:\n"
                     "    name: a\n"
                     "    labels:\n"
                     "      team: web\n"
                     "- kind: B\n"
                     "  metadata: {name: b, labels: {team: 'web', tier: \"1\"}}\n"
                     "- kind: C\n"
                     "  metadata:\n"
                     "    name: c\n"
                     "    labels:\n"
                     "      team: web\n"
                     "- kind: Kptfile\n"
                     "  metadata:\n"
                     "    name: local\n"
                     "    annotations: {config.kubernetes.io/local-config: \"true\"}\n" +
                     kConfig +
                     "results:\n- message: \"set team=web on 3 items\"\n  severity: info\n");
}

TEST_CASE("set-label's own kind reads like the ConfigMap") {
  Outcome o = Run(std::string(kHead) +
                  "- kind: A\n  metadata: {name: a}\n"
                  "functionConfig: {apiVersion: example.com/v1, kind: SetLabel, "
                  "spec: {key: team, value: db}}\n");
  CHECK(o.code == 0);
  CHECK(o.out.find("metadata: {name: a, \"labels\": {\"team\": \"db\"}}") != std::string::npos);
}

TEST_CASE("set-label's configuration errors leave every item as it came") {
  std::string items = "- kind: A\n  metadata: {name: a}\n";
  Outcome o = Run(kHead + items +
                  "functionConfig: {kind: ConfigMap, metadata: {name: c}, data: {colour: x}}\n");
  CHECK(o.code == 1);
  CHECK(o.err == "set-label: functionConfig data.colour: unknown setting \"colour\"\n");
  CHECK(o.out.rfind(kHead + items, 0) == 0);
  Outcome none = Run(kHead + items);
  CHECK(none.code == 1);
  CHECK(none.err ==
        "set-label: functionConfig: is missing: give a ConfigMap with data.key and data.value\n");
  Outcome empty = Run(kHead + items + "functionConfig: {kind: ConfigMap, data: {value: x}}\n");
  CHECK(empty.err == "set-label: functionConfig key: is required\n");
}

}  // namespace
