// Golden cases: testdata/<case>/ holds input.yaml (or input.json), the
// expected output (expected.yaml / expected.json), the expected exit code
// (exit_code) and optionally env (KEY=VALUE lines the function sees as its
// environment). The function runs in the case's directory, so a file that
// a setting names (licenseFile: license.yaml) is read relative to it, as
// the binary reads it relative to its working directory. Every case runs
// twice: the second run, on the first run's
// output, must change no item. Set PPI_UPDATE_GOLDEN=1 to rewrite the
// expected files from what the function does now (then review the diff).
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "function/pipeline.h"
#include "tests/file_util.h"
#include "tests/license_scan.h"
#include "tests/without_results.h"

namespace {

using ppi_test::Exists;
using ppi_test::ReadFile;

std::vector<std::string> Cases(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name[0] != '.' && Exists(dir + "/" + name + "/exit_code")) out.push_back(name);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::string> ReadEnv(const std::string& path) {
  std::map<std::string, std::string> env;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

struct Outcome {
  std::string out, err;
  int code;
};

// Runs the function in `dir`, as the binary would run there.
Outcome RunCase(const std::string& dir, const std::string& input,
                const std::map<std::string, std::string>& env) {
  char* before = getcwd(nullptr, 0);
  REQUIRE(before != nullptr);
  REQUIRE(chdir(dir.c_str()) == 0);
  ppi::RunOptions options;
  options.env = [&env](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  options.clock = [] { return *ppi::license::ParseRfc3339("2026-01-01T00:00:00Z"); };
  std::ostringstream out, err;
  int code = ppi::Run(input, options, out, err);
  bool back = chdir(before) == 0;
  std::free(before);
  REQUIRE(back);
  return {out.str(), err.str(), code};
}

// The output with its results emptied: what a second run must reproduce.
std::string WithoutResults(const std::string& text) {
  std::string out, error;
  bool ok = ppi_test::WithoutResults(text, krm::Limits{}, &out, &error);
  INFO(error);
  REQUIRE(ok);
  return out;
}

// The licenses may appear in the output only where the input had them (a
// License item, the user's own functionConfig) and inside the Secret's
// data, which holds the first base64-encoded twice; never in results or
// on stderr. Returns how many new pull Secrets hold it (the check's
// positive control).
size_t CheckLicenseKept(const std::string& input, const Outcome& o,
                        const std::vector<std::string>& licenses) {
  std::vector<std::string> problems;
  if (licenses.empty()) {
    // A run that writes a pull Secret must have a license the scan knows.
    size_t unknown = ppi_test::CheckSecretsHoldLicense(input, o.out, "?", &problems);
    INFO("a pull Secret holds a license the case does not name");
    CHECK(unknown == 0);
    return 0;
  }
  for (const std::string& license : licenses) {
    for (const std::string& p : ppi_test::LicenseLeaks(input, o.out, o.err, license)) {
      problems.push_back(license + ": " + p);
    }
  }
  size_t secrets = ppi_test::CheckSecretsHoldLicense(input, o.out, licenses.front(), &problems);
  for (const std::string& problem : problems) {
    INFO(problem);
    CHECK(problem.empty());
  }
  return secrets;
}

}  // namespace

TEST_CASE("golden cases") {
  const char* root = std::getenv("PPI_TESTDATA");
  REQUIRE(root != nullptr);
  bool update = std::getenv("PPI_UPDATE_GOLDEN") != nullptr;
  std::vector<std::string> cases = Cases(root);
  REQUIRE(!cases.empty());  // a runner that finds nothing must fail
  for (const std::string& name : cases) {
    SECTION(name) {
      std::string dir = std::string(root) + "/" + name + "/";
      bool json = Exists(dir + "input.json");
      std::string input = ReadFile(dir + (json ? "input.json" : "input.yaml"));
      std::string expected_path = dir + (json ? "expected.json" : "expected.yaml");
      auto env = ReadEnv(dir + "env");
      std::vector<std::string> licenses = ppi_test::CaseLicenses(input, env, dir);
      Outcome first = RunCase(dir, input, env);
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << first.out;
        std::ofstream(dir + "exit_code") << first.code << "\n";
      }
      CHECK(first.out == ReadFile(expected_path));
      CHECK(first.code == std::stoi(ReadFile(dir + "exit_code")));
      CHECK(!first.out.empty());
      CheckLicenseKept(input, first, licenses);
      if (first.code == 0) {
        Outcome second = RunCase(dir, first.out, env);
        CHECK(second.code == 0);
        CHECK(WithoutResults(second.out) == WithoutResults(first.out));
        CheckLicenseKept(input, second, licenses);
      } else {
        CHECK(!first.err.empty());
        krm::ResourceList parsed;
        std::string error;
        if (krm::ResourceList::Parse(input, krm::Limits{}, &parsed, &error) &&
            parsed.root().IsMap()) {
          std::string bare = WithoutResults(input);
          if (krm::ResourceList::Parse(bare, krm::Limits{}, &parsed, &error)) {
            // a failed run hands back every item exactly as it came
            CHECK(WithoutResults(first.out) == bare);
          } else {
            // text the results cannot be added to: they come on their own
            CHECK(first.out.find("items: []\n") != std::string::npos);
          }
        }
      }
    }
  }
}

// The positive control of the license search: over all cases it finds the
// license, where it belongs, in some pull Secret.
TEST_CASE("golden cases put the license in pull Secrets") {
  const char* root = std::getenv("PPI_TESTDATA");
  REQUIRE(root != nullptr);
  size_t secrets = 0;
  for (const std::string& name : Cases(root)) {
    std::string dir = std::string(root) + "/" + name + "/";
    std::string input = ReadFile(dir + (Exists(dir + "input.json") ? "input.json" : "input.yaml"));
    auto env = ReadEnv(dir + "env");
    secrets +=
        CheckLicenseKept(input, RunCase(dir, input, env), ppi_test::CaseLicenses(input, env, dir));
  }
  CHECK(secrets > 0);
}
