#include "function/image/pattern.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace ppi {
namespace {

struct MatchCase {
  std::string pattern;
  std::string name;
  bool matches;
};

const std::vector<MatchCase>& MatchCases() {
  static const std::vector<MatchCase> cases = {
      // An organisation on a registry.
      {"quay.io/my-org/*", "quay.io/my-org/api", true},
      {"quay.io/my-org/*", "quay.io/my-org/team/api", true},
      {"quay.io/my-org/*", "quay.io/my-org", false},
      {"quay.io/my-org/*", "quay.io/my-org-2/api", false},
      {"quay.io/my-org/*", "quay.io/other/api", false},
      {"quay.io/my-org/*", "docker.io/my-org/api", false},
      {"quay.io/my-org/*", "quay.io.evil.com/my-org/api", false},
      // Without the '/', a star also takes neighbouring organisations.
      {"quay.io/my-org*", "quay.io/my-org-2/api", true},
      // Docker Hub official images.
      {"docker.io/library/*", "docker.io/library/nginx", true},
      {"docker.io/library/*", "docker.io/myorg/api", false},
      {"docker.io/*/nginx", "docker.io/library/nginx", true},
      {"docker.io/*/nginx", "docker.io/a/b/nginx", true},
      {"docker.io/*/nginx", "docker.io/library/nginx2", false},
      // Every ECR registry.
      {"*.dkr.ecr.*.amazonaws.com/*", "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app", true},
      {"*.dkr.ecr.*.amazonaws.com/*", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app",
       true},
      {"*.dkr.ecr.*.amazonaws.com/*", "public.ecr.aws/nginx/nginx", false},
      {"*.dkr.ecr.*.amazonaws.com/*", "1.dkr.ecr.x.amazonaws.com.evil.io/app", false},
      {"*.dkr.ecr.*.amazonaws.com/*", "dkr.ecr.x.amazonaws.com/app", false},
      // '*' alone and the empty pattern.
      {"*", "docker.io/library/nginx", true},
      {"*", "", true},
      {"**", "x", true},
      {"", "", true},
      {"", "docker.io/library/nginx", false},
      // Exact names.
      {"docker.io/library/nginx", "docker.io/library/nginx", true},
      {"docker.io/library/nginx", "docker.io/library/nginx2", false},
      {"docker.io/library/nginx", "docker.io/library/ngin", false},
      {"docker.io/library/nginx", "docker.io/library", false},
      // The domain compares case-insensitively, the path exactly.
      {"Quay.IO/my-org/*", "quay.io/my-org/api", true},
      {"quay.io/my-org/*", "QUAY.io/my-org/api", true},
      {"registry.example.com:5000/*", "Registry.Example.COM:5000/app", true},
      {"quay.io/My-Org/*", "quay.io/my-org/api", false},
      {"*IO/api", "quay.io/api", true},
      {"*/API", "quay.io/api", false},
      {"QUAY.IO", "quay.io", true},
      // Stars anywhere, with backtracking.
      {"a*b*c", "abc", true},
      {"a*b*c", "aXbYc", true},
      {"a*b*c", "acb", false},
      {"*ab", "aab", true},
      {"*aab", "aaab", true},
      {"*a", "ab", false},
      {"a*", "ba", false},
      {"*.io/*", "ghcr.io/owner/repo", true},
      {"*.io/*", "registry.k8s.io", false},
  };
  return cases;
}

TEST_CASE("MatchPattern", "[pattern]") {
  for (const MatchCase& c : MatchCases()) {
    DYNAMIC_SECTION(c.pattern << " ~ " << c.name) {
      CHECK(MatchPattern(c.pattern, c.name) == c.matches);
    }
  }
}

TEST_CASE("MatchPattern does not blow up on many stars", "[pattern]") {
  const std::string pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
  const std::string name(20000, 'a');
  CHECK_FALSE(MatchPattern(pattern, name));
  CHECK(MatchPattern(pattern, name + "b"));
  CHECK_FALSE(MatchPattern("*" + std::string(100, 'a') + "*b", name));
}

TEST_CASE("PatternList::Matches", "[pattern]") {
  PatternList list({"quay.io/*", "quay.io/a/*", "ghcr.io/b/app"});
  SECTION("returns the first pattern that matches") {
    const std::string* hit = list.Matches("quay.io/a/x");
    REQUIRE(hit != nullptr);
    CHECK(hit == &list.patterns()[0]);
  }
  SECTION("a later pattern when the earlier ones do not match") {
    const std::string* hit = list.Matches("ghcr.io/b/app");
    REQUIRE(hit != nullptr);
    CHECK(*hit == "ghcr.io/b/app");
  }
  SECTION("nullptr when nothing matches") {
    CHECK(list.Matches("ghcr.io/b/app2") == nullptr);
    CHECK(list.Matches("docker.io/library/nginx") == nullptr);
  }
  SECTION("an empty list matches nothing") {
    PatternList empty;
    CHECK(empty.empty());
    CHECK(empty.Matches("quay.io/a/x") == nullptr);
  }
}

}  // namespace
}  // namespace ppi
