// The license through the real binary: over every golden case, every input
// kpt and kustomize were seen to send (tests/e2e/captures) and every
// example package's recorded output (examples/*/.expected), the license
// appears only where the input had it and inside pull Secrets' data; never
// on stderr or in results. The scanner itself is checked first, so that a
// search which could never find anything does not pass.
#include <catch2/catch.hpp>
#include <map>

#include "tests/hostile/run_check.h"
#include "tests/license_scan.h"

namespace ppi_test {
namespace {

std::vector<std::string> EnvLines(const std::string& text) {
  std::vector<std::string> out;
  for (size_t p = 0, nl; p < text.size(); p = nl + 1) {
    nl = text.find('\n', p);
    if (nl == std::string::npos) nl = text.size();
    if (nl > p) out.push_back(text.substr(p, nl - p));
  }
  return out;
}

std::map<std::string, std::string> EnvMap(const std::vector<std::string>& lines) {
  std::map<std::string, std::string> out;
  for (const std::string& line : lines) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

// The license an example runs with: LICENSE_ID in its .expected/config.yaml,
// else the licenseID of the License in its package.
std::string ExampleLicense(const std::string& dir) {
  std::string config = ReadFile(dir + "/.expected/config.yaml");
  size_t at = config.find("LICENSE_ID:");
  if (at != std::string::npos) {
    size_t b = config.find_first_not_of(" \"'", at + 11);
    return config.substr(b, config.find_first_of("\"'\r\n", b) - b);
  }
  for (const std::string& file : ListDir(dir)) {
    std::string text = ReadFile(dir + "/" + file);
    if (text.find("kind: License\n") == std::string::npos) continue;
    std::vector<std::string> ids = ValuesOf(text, "licenseID");
    if (!ids.empty()) return ids.front();
  }
  return "";
}

void CheckNoLeaks(const std::vector<std::string>& problems) {
  for (const std::string& problem : problems) {
    INFO(problem);
    CHECK(problem.empty());
  }
}

TEST_CASE("the license scanner finds a license out of place") {
  const std::string license = "scan-lic-0042";
  const std::string input = "items: []\nfunctionConfig: {data: {licenseID: scan-lic-0042}}\n";
  CHECK(LicenseLeaks(input, input + "results: []\n", "", license).empty());
  CHECK_FALSE(
      LicenseLeaks(input, input + "results: [{message: 'bad scan-lic-0042'}]\n", "", license)
          .empty());
  CHECK_FALSE(
      LicenseLeaks(input, input + "results: []\n", "oops scan-lic-0042\n", license).empty());
  std::string b64 = ppi::Base64("LICENSE_ID:" + license);
  CHECK_FALSE(LicenseLeaks(input, input + "x: " + b64 + "\nresults: []\n", "", license).empty());
  CHECK_FALSE(LicenseLeaks(input, input + "results: []\n", ppi::Base64(license), license).empty());
  // the Secret's data holds it twice encoded: found by the positive control
  std::string json = "{\"auths\":{\"p\":{\"auth\":\"" + b64 + "\"}}}";
  std::string out =
      "items:\n- kind: Secret\n  data:\n    .dockerconfigjson: " + ppi::Base64(json) + "\n";
  std::vector<std::string> problems;
  CHECK(CheckSecretsHoldLicense("items: []\n", out, license, &problems) == 1);
  CHECK(problems.empty());
  CHECK(CheckSecretsHoldLicense("items: []\n", out, "another-license", &problems) == 1);
  CHECK_FALSE(problems.empty());
}

TEST_CASE("the binary keeps the license out of sight on every golden case") {
  std::string root = SourceDir() + "/testdata";
  size_t cases = 0, secrets = 0, from_license = 0, from_file = 0;
  for (const std::string& name : ListDir(root)) {
    std::string dir = root + "/" + name + "/";
    if (!Exists(dir + "exit_code")) continue;
    ++cases;
    std::string input = ReadFile(dir + (Exists(dir + "input.json") ? "input.json" : "input.yaml"));
    std::vector<std::string> env = EnvLines(ReadFile(dir + "env"));
    // the golden runner's clock, unless the case sets its own
    if (ReadFile(dir + "env").find("PPI_NOW=") == std::string::npos) {
      env.push_back("PPI_NOW=2026-01-01T00:00:00Z");
    }
    std::vector<std::string> licenses = CaseLicenses(input, EnvMap(env), dir);
    if (licenses.empty()) continue;
    INFO(name);
    // in the case's directory, where its licenseFile is found
    ProcessResult r = RunBinary(input, Environment(env), DefaultLimits(), dir);
    REQUIRE(r.signal == 0);
    for (const std::string& license : licenses) {
      INFO(license);
      CheckNoLeaks(LicenseLeaks(input, r.out, r.err, license));
    }
    std::vector<std::string> problems;
    secrets += CheckSecretsHoldLicense(input, r.out, licenses.front(), &problems);
    CheckNoLeaks(problems);
    if (r.exit_code == 0 && input.find("kind: License") != std::string::npos) ++from_license;
    if (r.exit_code == 0 && input.find("licenseFile:") != std::string::npos) ++from_file;
  }
  CHECK(from_license > 0);  // the License item and licenseFile cases were seen and passed
  CHECK(from_file > 0);
  CHECK(cases >= 30);
  CHECK(secrets > 0);
}

TEST_CASE("the binary keeps the license out of sight on what kpt and kustomize send") {
  const std::string license = "capture-lic-8c2b";
  std::string dir = SourceDir() + "/tests/e2e/captures/";
  size_t captures = 0;
  for (const std::string& name : ListDir(dir)) {
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".yaml") != 0) continue;
    ++captures;
    INFO(name);
    std::string input = ReadFile(dir + name);
    // Probes go to a closed local port, so a run never leaves the machine;
    // a failed probe is one more error path to check.
    ProcessResult r =
        RunBinary(input,
                  Environment({"LICENSE_ID=" + license, "HTTPS_PROXY=http://127.0.0.1:9",
                               "HTTP_PROXY=http://127.0.0.1:9", "NO_PROXY="}),
                  DefaultLimits());
    REQUIRE(r.signal == 0);
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CheckNoLeaks(LicenseLeaks(input, r.out, r.err, license));
    std::vector<std::string> problems;
    size_t secrets = CheckSecretsHoldLicense(input, r.out, license, &problems);
    CheckNoLeaks(problems);
    if (r.exit_code == 0) CHECK(secrets > 0);
  }
  CHECK(captures >= 3);
}

TEST_CASE("the example packages' recorded outputs keep the license in the Secret") {
  std::string root = SourceDir() + "/examples/";
  size_t examples = 0, secrets = 0;
  for (const std::string& name : ListDir(root)) {
    std::string expected = root + name + "/.expected/";
    std::string license = ExampleLicense(root + name);
    if (license.empty()) continue;
    ++examples;
    INFO(name << " (license " << license << ")");
    for (const char* file : {"results.yaml", "diff.patch"}) {
      std::string text = ReadFile(expected + file);
      for (const std::string& form : LicenseForms(license)) {
        CHECK(text.find(form) == std::string::npos);
      }
    }
    // the diff's new Secrets decode to the license
    std::string diff = ReadFile(expected + "diff.patch");
    const std::string key = "+  .dockerconfigjson: ";
    for (size_t p = diff.find(key); p != std::string::npos; p = diff.find(key, p + 1)) {
      size_t begin = p + key.size();
      std::string value = diff.substr(begin, diff.find('\n', begin) - begin);
      std::string out = "items:\n- data:\n    .dockerconfigjson: " + value + "\n";
      std::vector<std::string> problems;
      secrets += CheckSecretsHoldLicense("", out, license, &problems);
      CheckNoLeaks(problems);
    }
  }
  CHECK(examples >= 3);
  CHECK(secrets > 0);
}

}  // namespace
}  // namespace ppi_test
