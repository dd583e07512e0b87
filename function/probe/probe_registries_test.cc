// The probe sequence against answers recorded from real registries
// (REGISTRIES.md §17): Artifactory's scope, ECR Public's one scope and its
// rate limit, registry.k8s.io's redirect to a blocked Artifact Registry.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "function/probe/probe_test_harness.h"

using namespace ppi::probe_test;  // NOLINT: test vocabulary

namespace {

const char kArtifactory[] = "https://jfrog.example/v2/some-docker/bitnami/redis/manifests/7";
const char kArtifactoryRealm[] =
    "https://jfrog.example:443/artifactory/api/docker/some-docker/v2/token";
const char kEcr[] = "https://public.ecr.aws/v2/lab/app-%d/manifests/1";
const char kEcrToken[] = "https://public.ecr.aws/token/?service=public.ecr.aws&scope=aws";

std::string Ecr(int i) {
  char url[128];
  std::snprintf(url, sizeof url, kEcr, i);
  return url;
}

ProbeTarget EcrTarget(int i) {
  std::string path = "lab/app-" + std::to_string(i);
  return {"public.ecr.aws/" + path + ":1", "public.ecr.aws", path, "1"};
}

}  // namespace

TEST_CASE("probe: Artifactory's challenge scope leaves out the repository key", "[probe]") {
  // nerdctl#4244: the scope is repository:<image>:pull while the URL path
  // starts with the key; containerd#3556: HEAD's challenge has no scope.
  Harness h;
  std::string head401 =
      std::string("Bearer realm=\"") + kArtifactoryRealm + "\",service=\"jfrog.example:443\"";
  std::string get401 = head401 + ",scope=\"repository:bitnami/redis:pull\"";
  std::string wrong = std::string(kArtifactoryRealm) +
                      "?service=jfrog.example%3A443&scope=repository%3Asome-docker%2Fbitnami%2F"
                      "redis%3Apull";
  std::string right = std::string(kArtifactoryRealm) +
                      "?service=jfrog.example%3A443&scope=repository%3Abitnami%2Fredis%3Apull";
  h.client.On("HEAD", kArtifactory, FakeResponse(401, Auth(head401.c_str())));
  h.client.On("GET", wrong, FakeResponse(200, {}, R"({"token":"NOTHING"})"));
  h.client.On("GET", right, FakeResponse(200, {}, R"({"token":"PULL"})"));
  h.client.On("GET", kArtifactory, FakeResponse(401, Auth(get401.c_str())));
  h.client.On("GET", kArtifactory, FakeResponse(200));
  auto v = h.ProbeOne({"jfrog.example/some-docker/bitnami/redis:7", "jfrog.example",
                       "some-docker/bitnami/redis", "7"});
  CHECK(v.klass == ProbeClass::kPublic);
  CHECK(v.reason == "200 after anonymous token");
  h.ExpectRequests({{"HEAD", kArtifactory, ""},
                    {"GET", wrong, ""},
                    {"HEAD", kArtifactory, "Bearer NOTHING"},
                    {"GET", kArtifactory, "Bearer NOTHING"},
                    {"GET", right, ""},
                    {"GET", kArtifactory, "Bearer PULL"}});
}

TEST_CASE("probe: a refused token with the same scope is final", "[probe]") {
  Harness h;
  h.ServeHubToken();
  h.client.On("HEAD", kHub, FakeResponse(401, Auth(kHubInsufficient)));
  auto v = h.ProbeOne(Hub());
  CHECK(v.reason == "401 insufficient_scope after anonymous token");
  CHECK(h.engine->token_fetches() == 1);
  CHECK(h.client.requests().size() == 3);
}

TEST_CASE("probe: ECR Public's scope \"aws\" is one token for every repository", "[probe]") {
  Harness h;
  const char challenge[] =
      R"(Bearer realm="https://public.ecr.aws/token/",service="public.ecr.aws",scope="aws")";
  std::vector<ProbeTarget> targets;
  h.client.On("HEAD", Ecr(0), FakeResponse(401, Auth(challenge)));
  for (int i = 0; i < 3; ++i) {
    h.client.On("HEAD", Ecr(i), FakeResponse(200));
    targets.push_back(EcrTarget(i));
  }
  h.client.On("GET", kEcrToken, FakeResponse(200, {}, R"({"token":"AWS"})"));
  for (const auto& [key, verdict] : h.engine->Probe(targets)) {
    CAPTURE(key);
    CHECK(verdict.klass == ProbeClass::kPublic);
  }
  CHECK(h.engine->token_fetches() == 1);
  for (const auto& r : h.client.requests()) {
    if (r.request.method == "HEAD" && r.request.url != Ecr(0)) {
      CHECK(FakeHttpClient::HeaderOf(r.request, "Authorization") == "Bearer AWS");
    }
  }
}

TEST_CASE("probe: a host that answered 429 is paced, not given up", "[probe]") {
  // ECR Public: about one request a second, 429 "Rate exceeded" without
  // Retry-After. Four images; each HEAD is refused once.
  ppi::ProbeOptions o;
  o.timeout_seconds = 2;  // less than the queue of paced requests takes
  Harness h(o);
  std::vector<ProbeTarget> targets;
  for (int i = 0; i < 4; ++i) {
    h.client.On("HEAD", Ecr(i), FakeResponse(429));
    h.client.On("HEAD", Ecr(i), FakeResponse(200));
    targets.push_back(EcrTarget(i));
  }
  for (const auto& [key, verdict] : h.engine->Probe(targets)) {
    CAPTURE(key);
    CHECK(verdict.klass == ProbeClass::kPublic);
  }
  std::vector<int64_t> paced;
  for (const auto& r : h.client.requests()) paced.push_back(r.at_ms);
  REQUIRE(paced.size() == 8);
  // After the first 429 no two requests start less than a second apart.
  for (size_t i = 2; i < paced.size(); ++i) CHECK(paced[i] - paced[i - 1] >= 1000);
}

TEST_CASE("probe: a paced host's queue has an end", "[probe]") {
  ppi::ProbeOptions o;
  o.timeout_seconds = 1;  // a probe waits at most 3 s for its turn
  Harness h(o);
  std::vector<ProbeTarget> targets = {EcrTarget(0)};
  h.client.On("HEAD", Ecr(0), FakeResponse(200));
  for (int i = 1; i < 8; ++i) {
    h.client.On("HEAD", Ecr(i), FakeResponse(429));
    targets.push_back(EcrTarget(i));
  }
  auto verdicts = h.engine->Probe(targets);
  CHECK(verdicts[EcrTarget(0).key].klass == ProbeClass::kPublic);
  int given_up = 0;
  for (int i = 1; i < 8; ++i) {
    const ppi::ProbeVerdict& v = verdicts[EcrTarget(i).key];
    CAPTURE(i, v.reason);
    CHECK(v.klass == ProbeClass::kRateLimited);
    if (v.reason.find("(https://public.ecr.aws:443 asked to slow down; its next turn is ") !=
        std::string::npos) {
      ++given_up;
    }
  }
  CHECK(given_up > 0);
  // Paced to the end: after the first 429s, a second between requests.
  const auto& sent = h.client.requests();
  for (size_t i = 9; i < sent.size(); ++i) CHECK(sent[i].at_ms - sent[i - 1].at_ms >= 1000);
}
