#include "tests/hostile/run_check.h"

#include <dirent.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "krm/resource_list.h"
#include "krm/utf8.h"
#include "tests/without_results.h"

namespace ppi_test {
namespace {

krm::Limits Loose() {
  krm::Limits limits;
  limits.max_input_bytes = size_t{1} << 32;
  limits.max_depth = 499;
  limits.max_items = size_t{1} << 32;
  return limits;
}

std::string Head(const std::string& text) { return text.substr(0, 2000); }

}  // namespace

std::string Binary() {
  const char* bin = std::getenv("PPI_BIN");
  return bin ? bin : "";
}

std::string SourceDir() {
  const char* dir = std::getenv("PPI_SOURCE_DIR");
  return dir ? dir : "";
}

ProcessLimits DefaultLimits() {
  ProcessLimits limits;
  const char* sanitized = std::getenv("PPI_SANITIZED");
  if (sanitized && std::string(sanitized) == "ON") limits.memory_mb = 0;
  return limits;
}

std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LC_ALL=C"};
  for (const char* keep : {"ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(keep)) env.push_back(std::string(keep) + "=" + v);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

ProcessResult RunBinary(const std::string& input, const std::vector<std::string>& env,
                        const ProcessLimits& limits, const std::string& cwd) {
  return RunProcess({Binary()}, env, input, limits, cwd);
}

std::string WithoutResults(const std::string& text) {
  std::string out, error;
  if (!ppi_test::WithoutResults(text, Loose(), &out, &error)) return "unreadable: " + error;
  return out;
}

void CheckRun(const std::string& input, const ProcessResult& r, const Expect& expect) {
  INFO(Describe(r) << "\nstderr: " << Head(r.err) << "\nstdout: " << Head(r.out));
  REQUIRE_FALSE(r.hung);
  REQUIRE(r.signal == 0);
  CHECK(r.exit_code == expect.code);
  REQUIRE_FALSE(r.out.empty());
  CHECK_FALSE(krm::FindUnprintable(r.out).has_value());
  krm::ResourceList list;
  std::string error;
  REQUIRE(krm::ResourceList::Parse(r.out, Loose(), &list, &error));
  REQUIRE(list.root().IsMap());
  krm::Node results = krm::ResourceList::Get(list.root(), "results");
  REQUIRE(results.IsSequence());
  std::vector<std::string> errors;
  for (krm::Node result : krm::Elements(results)) {
    if (krm::ResourceList::GetString(result, "severity") == "error") {
      errors.push_back(krm::ResourceList::GetString(result, "message"));
    }
  }
  if (r.exit_code == 0) {
    CHECK(krm::ResourceList::GetString(list.root(), "kind") == "ResourceList");
    CHECK(errors.empty());
    CHECK(list.items().IsSequence());
    CHECK(list.problems().empty());  // e.g. a key added twice
    return;
  }
  REQUIRE_FALSE(errors.empty());
  CHECK_FALSE(r.err.empty());
  if (!expect.message.empty()) {
    INFO("expected an error holding: " << expect.message);
    CHECK(std::any_of(errors.begin(), errors.end(), [&](const std::string& m) {
      return m.find(expect.message) != std::string::npos;
    }));
    CHECK(r.err.find(expect.message) != std::string::npos);
  }
  krm::ResourceList in;
  if (expect.over_limit) {
    CHECK(list.items().IsSequence());
    CHECK(list.items().size() == 0);
  } else if (krm::ResourceList::Parse(input, krm::Limits{}, &in, &error) && in.root().IsMap()) {
    std::string bare = WithoutResults(input);
    if (krm::ResourceList::Parse(bare, Loose(), &in, &error)) {
      // a failed run hands back every item exactly as it came
      CHECK(WithoutResults(r.out) == bare);
    } else {
      // text the results cannot be added to: they come on their own
      CHECK(list.items().IsSequence());
      CHECK(list.items().size() == 0);
    }
  }
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') out.push_back(e->d_name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ppi_test
