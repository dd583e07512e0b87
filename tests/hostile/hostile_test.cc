// The real binary against bad manifests: malformed, hostile and huge
// inputs, generated here (the big ones are never committed), and every
// testdata/hostile-* golden case. See run_check.h for what each run must
// show.
#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tests/hostile/run_check.h"

namespace ppi_test {
namespace {

const char* const kHeader = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n";

std::string Config() {
  return "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cfg\n"
         "  data:\n    appSlug: app\n    licenseID: hostile-lic-5e1d\n"
         "    private: quay.io/my-org/*\n    probe: offline\n";
}

std::string Deployment(const std::string& name, const std::string& image) {
  return "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: " + name +
         "\n  spec:\n    template:\n      spec:\n        containers:\n        - name: a\n"
         "          image: " +
         image + "\n";
}

std::string Items(size_t n, const std::string& image_prefix = "quay.io/my-org/api") {
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    text += Deployment("d" + std::to_string(i), image_prefix + std::to_string(i % 50) + ":v1");
  }
  return text;
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Deterministic bytes (a linear congruential generator).
std::string Bytes(size_t n, bool printable) {
  std::string out(n, '\0');
  uint32_t x = 12345;
  for (char& c : out) {
    x = x * 1103515245u + 12345u;
    unsigned char b = static_cast<unsigned char>(x >> 16);
    c = static_cast<char>(printable ? (b % 10 == 0 ? '\n' : 0x20 + b % 95) : b);
  }
  return out;
}

// Anchors, each naming a list of `width` aliases of the one before.
std::string Bomb(int levels, int width) {
  std::string text = std::string(kHeader) + "items: []\nbomb:\n  a0: &a0 [lol]\n";
  for (int i = 1; i < levels; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < width; ++k) text += ", " + prev;
    text += "]\n";
  }
  return text + Config();
}

std::string AliasedItems(size_t items, size_t containers) {
  std::string text =
      std::string(kHeader) +
      "items:\n- &d {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, "
      "spec: {template: {spec: {containers: [&c {name: a, image: quay.io/my-org/a:1}";
  text += Repeat(", *c", containers - 1) + "]}}}}\n";
  return text + Repeat("- *d\n", items - 1) + Config();
}

struct HostileCase {
  HostileCase(std::string n, std::function<std::string()> in, Expect e,
              std::vector<std::string> vars = {})
      : name(std::move(n)), input(std::move(in)), expect(std::move(e)), env(std::move(vars)) {}

  std::string name;
  std::function<std::string()> input;
  Expect expect;
  std::vector<std::string> env;
  ProcessLimits limits = DefaultLimits();
};

HostileCase Small(HostileCase c) {
  // an alias bomb must be refused, not walked: little time, little memory
  c.limits.cpu_seconds = 30;
  if (c.limits.memory_mb) c.limits.memory_mb = 1024;
  return c;
}

std::vector<HostileCase> Cases() {
  const std::string deep = "nests deeper than the YAML parser allows";
  const std::string expanded = "once its aliases are expanded";
  const size_t n = 100000;
  return {
      {"empty stdin", [] { return std::string(); }, {1, "input is empty"}},
      {"binary garbage", [] { return Bytes(1 << 20, false); }, {1, "input is not UTF-8"}},
      {"printable garbage", [] { return Bytes(1 << 16, true); }, {1, ""}},
      {"100,000 levels of [",
       [=] {
         return std::string(kHeader) + "items: []\nx: " + std::string(n, '[') +
                std::string(n, ']') + "\n";
       },
       {1, deep}},
      {"100,000 unclosed [",
       [=] { return std::string(kHeader) + "items: []\nx: " + std::string(n, '[') + "\n"; },
       {1, deep}},
      {"100,000 levels of {a:",
       [=] {
         return std::string(kHeader) + "items: []\nx: " + Repeat("{a: ", n) + std::string(n, '}') +
                "\n";
       },
       {1, deep}},
      {"100,000 levels of - in block style",
       [=] { return std::string(kHeader) + "items: []\nx:\n" + Repeat("- ", n) + "a\n"; },
       {1, deep}},
      {"1,000 levels of indented keys",
       [] {
         std::string text = std::string(kHeader) + "items: []\nx:\n";
         for (size_t i = 1; i < 1000; ++i) text += std::string(i, ' ') + "a:\n";
         return text;
       },
       {1, deep}},
      Small({"billion laughs", [] { return Bomb(10, 10); }, {1, expanded}}),
      Small({"2^60 through doubling aliases", [] { return Bomb(60, 2); }, {1, expanded}}),
      Small({"100,000 items aliasing a Deployment with 10,000 aliased containers",
             [] { return AliasedItems(100000, 10000); },
             {1, expanded}}),
      Small({"a 10 MB string aliased 1,000 times",
             [] {
               return std::string(kHeader) + "s: &s \"quay.io/my-org/" +
                      std::string(10 << 20, 'a') +
                      "\"\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
                      "{containers: [" +
                      Repeat("{image: *s}, ", 999) + "{image: *s}]}}\n" + Config();
             },
             {1, expanded}}),
      {"1,000 items aliasing one Deployment", [] { return AliasedItems(1000, 3); }, {0, ""}},
      {"65,000 distinct tags, then 100,000 uses of the last",
       [] {
         std::string text = std::string(kHeader) + "items: []\nx:\n";
         for (int i = 0; i < 65000; ++i) text += "- !t" + std::to_string(i) + " x\n";
         return text + Repeat("- !t64999 x\n", 100000) + Config();
       },
       {0, ""}},
      {"70,000 distinct tags",
       [] {
         std::string text = std::string(kHeader) + "items: []\nx:\n";
         for (int i = 0; i < 70000; ++i) text += "- !t" + std::to_string(i) + " x\n";
         return text + Config();
       },
       {1, "more than 65,535 distinct tags"}},
      {"a 200 MB input",
       [] {
         std::string text = std::string(kHeader) + "items:\n";
         std::string env =
             Repeat("          - {name: V, value: \"" + std::string(100, 'x') + "\"}\n", 10);
         for (size_t i = 0; text.size() < (200u << 20); ++i) {
           text += Deployment("d" + std::to_string(i), "quay.io/my-org/api:v1") +
                   "          env:\n" + env;
         }
         return text + Config();
       },
       {1, "input is larger than the limit of 67108864 bytes"}},
      {"100,000 items",
       [] { return std::string(kHeader) + "items:\n" + Items(100000) + Config(); },
       {0, ""}},
      {"100,000 items with PPI_MAX_ITEMS=99999",
       [] { return std::string(kHeader) + "items:\n" + Items(100000) + Config(); },
       {1, "input holds 100000 items, more than the limit of 99999"},
       {"PPI_MAX_ITEMS=99999"}},
      {"20,000 invalid images",
       [] {
         return std::string(kHeader) + "items:\n" + Items(20000, "quay.io/My-Org/api") + Config();
       },
       {1, "invalid reference"}},
      {"a line of 10 MB",
       [] {
         return std::string(kHeader) + "items:\n" + Deployment("web", "quay.io/my-org/api:v1") +
                "- {apiVersion: v1, kind: ConfigMap, metadata: {name: big}, data: {blob: \"" +
                std::string(10 << 20, 'x') + "\"}}\n" + Config();
       },
       {0, ""}},
      {"an image of 10 MB",
       [] {
         return std::string(kHeader) + "items:\n" +
                Deployment("web", "quay.io/my-org/" + std::string(10 << 20, 'a') + ":v1") +
                Config();
       },
       {1, "invalid reference"}},
      {"10 MB of minified JSON on one line",
       [] {
         std::string text =
             "{\"apiVersion\":\"config.kubernetes.io/v1\",\"kind\":\"ResourceList\",\"items\":[";
         for (size_t i = 0; text.size() < (10u << 20); ++i) {
           text += std::string(i ? "," : "") +
                   "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p" +
                   std::to_string(i) +
                   "\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"quay.io/my-org/a:" +
                   std::to_string(i % 100) + "\"}]}}";
         }
         return text +
                "],\"functionConfig\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
                "{\"name\":\"c\"},\"data\":{\"appSlug\":\"app\",\"licenseID\":\"hostile-lic-5e1d\","
                "\"private\":\"quay.io/my-org/*\",\"probe\":\"offline\"}}}";
       },
       {0, ""}},
      {"PPI_MAX_INPUT_BYTES=100",
       [] { return std::string(kHeader) + "items:\n" + Items(1) + Config(); },
       {1, "input is larger than the limit of 100 bytes", true},
       {"PPI_MAX_INPUT_BYTES=100"}},
      {"PPI_MAX_DEPTH=4",
       [] { return std::string(kHeader) + "items:\n" + Items(1) + Config(); },
       {1, "input nests deeper than 4 levels", true},
       {"PPI_MAX_DEPTH=4"}},
      {"PPI_MAX_DEPTH=deep",
       [] { return std::string(kHeader) + "items:\n" + Items(1) + Config(); },
       {1, "environment variable PPI_MAX_DEPTH: \"deep\" must be a whole number"},
       {"PPI_MAX_DEPTH=deep"}},
  };
}

TEST_CASE("the binary survives bad manifests") {
  REQUIRE_FALSE(Binary().empty());
  for (const HostileCase& c : Cases()) {
    SECTION(c.name) {
      std::string input = c.input();
      ProcessResult r = RunBinary(input, Environment(c.env), c.limits);
      CheckRun(input, r, c.expect);
      if (c.name == "a 200 MB input") {
        // refused after reading just past the limit, not all of it
        CHECK(r.input_taken < input.size());
      }
    }
  }
}

TEST_CASE("the binary gives every testdata/hostile-* case its expected output") {
  std::string root = SourceDir() + "/testdata";
  size_t cases = 0;
  for (const std::string& name : ListDir(root)) {
    if (name.rfind("hostile-", 0) != 0) continue;
    ++cases;
    SECTION(name) {
      std::string dir = root + "/" + name + "/";
      bool json = Exists(dir + "input.json");
      std::string input = ReadFile(dir + (json ? "input.json" : "input.yaml"));
      std::vector<std::string> env;
      std::string env_text = ReadFile(dir + "env");
      for (size_t p = 0, nl; p < env_text.size(); p = nl + 1) {
        nl = env_text.find('\n', p);
        if (nl == std::string::npos) nl = env_text.size();
        if (nl > p) env.push_back(env_text.substr(p, nl - p));
      }
      ProcessResult r = RunBinary(input, Environment(env), DefaultLimits());
      int code = std::stoi(ReadFile(dir + "exit_code"));
      CheckRun(input, r, {code, ""});
      CHECK(r.out == ReadFile(dir + (json ? "expected.json" : "expected.yaml")));
    }
  }
  CHECK(cases >= 20);  // a runner that finds nothing must fail
}

}  // namespace
}  // namespace ppi_test
