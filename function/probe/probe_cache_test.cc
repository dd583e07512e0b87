// The host challenge cache and the token cache.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "function/probe/probe_test_harness.h"

using namespace ppi::probe_test;  // NOLINT: test vocabulary

TEST_CASE("probe: challenge and token caches", "[probe]") {
  const char kRedis[] = "https://registry-1.docker.io/v2/library/redis/manifests/7";
  const char kRedisToken[] =
      "https://auth.docker.io/"
      "token?service=registry.docker.io&scope=repository%3A"
      "library%2Fredis%3Apull";
  const char kNginx2[] = "https://registry-1.docker.io/v2/library/nginx/manifests/2";
  SECTION("later repositories on a host fetch their token before the HEAD") {
    Harness h;
    h.ServeHubToken();
    h.client.On("HEAD", kHub, FakeResponse(200));
    h.client.On("GET", kRedisToken, FakeResponse(200, {}, R"({"token":"T2"})"));
    h.client.On("HEAD", kRedis, FakeResponse(200));
    auto verdicts = h.engine->Probe({Hub(), Hub("library/redis", "7")});
    CHECK(verdicts["docker.io/library/redis:7"].klass == ProbeClass::kPublic);
    h.ExpectRequestsInAnyOrder({{"HEAD", kHub, ""},
                                {"GET", kHubToken, ""},
                                {"GET", kRedisToken, ""},
                                {"HEAD", kHub, "Bearer T1"},
                                {"HEAD", kRedis, "Bearer T2"}});
    CHECK(h.IndexOf("HEAD", kHub) == 0);
    CHECK(h.IndexOf("GET", kRedisToken) < h.IndexOf("HEAD", kRedis));
  }
  SECTION("the probe that starts next has its token fetched meanwhile") {
    ppi::ProbeOptions o;
    o.concurrency = 1;
    Harness h(o);
    h.ServeHubToken();
    h.client.On("HEAD", kHub, FakeResponse(200));
    h.client.On("GET", kRedisToken, FakeResponse(200, {}, R"({"token":"T2"})"));
    h.client.On("HEAD", kRedis, FakeResponse(200));
    h.engine->Probe({Hub(), Hub("library/redis", "7")});
    h.ExpectRequests({{"HEAD", kHub, ""},
                      {"GET", kHubToken, ""},
                      {"GET", kRedisToken, ""},
                      {"HEAD", kHub, "Bearer T1"},
                      {"HEAD", kRedis, "Bearer T2"}});
    CHECK(h.engine->token_fetches() == 2);
  }
  SECTION("one token per repository scope, reused until it expires") {
    Harness h;
    h.ServeHubToken(R"({"token":"T1","expires_in":120})");
    h.client.On("HEAD", kHub, FakeResponse(200));
    h.client.On("HEAD", kNginx2, FakeResponse(200));
    h.engine->Probe({Hub(), Hub("library/nginx", "2"), Hub()});
    h.ExpectRequestsInAnyOrder({{"HEAD", kHub, ""},
                                {"GET", kHubToken, ""},
                                {"HEAD", kHub, "Bearer T1"},
                                {"HEAD", kNginx2, "Bearer T1"}});
    CHECK(h.IndexOf("GET", kHubToken) < h.IndexOf("HEAD", kNginx2));
    h.client.ClearRequests();
    h.client.Advance(60000);
    h.engine->Probe({Hub()});
    h.ExpectRequests({{"HEAD", kHub, "Bearer T1"}});
    h.client.ClearRequests();
    h.client.Advance(60000);
    h.engine->Probe({Hub()});
    h.ExpectRequests({{"GET", kHubToken, ""}, {"HEAD", kHub, "Bearer T1"}});
    CHECK(h.engine->token_fetches() == 2);
  }
  SECTION("a failed token is not cached") {
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(401, Auth(kHubChallenge)));
    h.client.On("GET", kHubToken,
                FakeResponse(403, {}, R"({"errors":[{"code":"DENIED","message":"denied"}]})"));
    CHECK(h.ProbeOne(Hub()).klass == ProbeClass::kPrivate);
    h.client.ClearRequests();
    h.ProbeOne(Hub());
    // Asked again after a second (GHCR's transient denials), then given up.
    h.ExpectRequests({{"GET", kHubToken, ""}, {"GET", kHubToken, ""}});
    const auto& sent = h.client.requests();
    CHECK(sent[1].at_ms - sent[0].at_ms == ppi::TokenBroker::kDenialRetryMs);
  }
}
