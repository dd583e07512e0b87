// Shared by the probe sequence tests: a ProbeEngine over a FakeHttpClient,
// Docker Hub URLs, and assertions on the requests that went out.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "function/probe/fake_http_client.h"
#include "function/probe/probe_engine.h"
#include "function/probe/probe_run.h"

namespace ppi::probe_test {

using ppi::FakeError;
using ppi::FakeHttpClient;
using ppi::FakeResponse;
using ppi::HttpError;
using ppi::ProbeClass;
using ppi::ProbeTarget;

inline constexpr char kHub[] = "https://registry-1.docker.io/v2/library/nginx/manifests/1";
inline constexpr char kHubToken[] =
    "https://auth.docker.io/"
    "token?service=registry.docker.io&scope=repository%3A"
    "library%2Fnginx%3Apull";
inline constexpr char kHubChallenge[] =
    R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull")";
inline constexpr char kHubInsufficient[] =
    R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull",error="insufficient_scope")";

inline ProbeTarget Hub(const char* path = "library/nginx", const char* ref = "1") {
  return {std::string("docker.io/") + path + ":" + ref, "registry-1.docker.io", path, ref};
}

inline ppi::HttpHeaders Auth(const char* challenge) { return {{"www-authenticate", challenge}}; }

// What one recorded request should look like; authorization "" means the
// header must be absent.
struct Expected {
  const char* method;
  std::string url;
  std::string authorization;
};

struct Harness {
  FakeHttpClient client;
  ppi::ProbeOptions options;
  std::unique_ptr<ppi::ProbeEngine> engine;

  explicit Harness(ppi::ProbeOptions o = {}) : options(std::move(o)) {
    engine = std::make_unique<ppi::ProbeEngine>(client, options, [] { return 0.0; });
  }
  ppi::ProbeVerdict ProbeOne(const ProbeTarget& t) {
    auto verdicts = engine->Probe({t});
    REQUIRE(verdicts.count(t.key) == 1);
    return verdicts[t.key];
  }
  void ExpectRequests(const std::vector<Expected>& expected) {
    const auto& sent = client.requests();
    REQUIRE(sent.size() == expected.size());
    for (size_t i = 0; i < sent.size(); ++i) {
      CAPTURE(i, sent[i].request.url);
      CHECK(sent[i].request.method == expected[i].method);
      CHECK(sent[i].request.url == expected[i].url);
      CHECK(FakeHttpClient::HeaderOf(sent[i].request, "Authorization") ==
            expected[i].authorization);
      CHECK(FakeHttpClient::HeaderOf(sent[i].request, "Cookie").empty());
    }
  }
  // Like ExpectRequests, in any order (for probes that run side by side).
  void ExpectRequestsInAnyOrder(const std::vector<Expected>& expected) {
    std::multiset<std::string> want, got;
    for (const Expected& e : expected) {
      want.insert(std::string(e.method) + " " + e.url + " " + e.authorization);
    }
    for (const auto& r : client.requests()) {
      got.insert(r.request.method + " " + r.request.url + " " +
                 FakeHttpClient::HeaderOf(r.request, "Authorization"));
    }
    CHECK(got == want);
  }
  // The position of the first request to `method` `url`, or -1.
  int IndexOf(const char* method, const std::string& url) {
    const auto& sent = client.requests();
    for (size_t i = 0; i < sent.size(); ++i) {
      if (sent[i].request.method == method && sent[i].request.url == url) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }
  void ServeHubToken(const char* body = R"({"token":"T1","expires_in":300})") {
    client.On("HEAD", kHub, FakeResponse(401, Auth(kHubChallenge)));
    client.On("GET", kHubToken, FakeResponse(200, {}, body));
  }
};

}  // namespace ppi::probe_test
