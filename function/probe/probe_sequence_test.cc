// The probe sequence against the fake client: which requests go out, with
// which headers, and what each sequence of answers means.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "function/probe/probe_test_harness.h"

using namespace ppi::probe_test;  // NOLINT: test vocabulary

TEST_CASE("probe: Docker Hub public image", "[probe]") {
  Harness h;
  h.ServeHubToken();
  h.client.On("HEAD", kHub, FakeResponse(200));
  auto v = h.ProbeOne(Hub());
  CHECK(v.klass == ProbeClass::kPublic);
  CHECK(v.reason == "200 after anonymous token");
  h.ExpectRequests({{"HEAD", kHub, ""}, {"GET", kHubToken, ""}, {"HEAD", kHub, "Bearer T1"}});
  const auto& first = h.client.requests()[0].request;
  CHECK(FakeHttpClient::HeaderOf(first, "Accept") == ppi::kManifestAccept);
  for (const char* type : {"application/vnd.oci.image.index.v1+json",
                           "application/vnd.docker.distribution.manifest.list.v2+json",
                           "application/vnd.oci.image.manifest.v1+json",
                           "application/vnd.docker.distribution.manifest.v2+json"}) {
    CHECK(std::string(ppi::kManifestAccept).find(type) != std::string::npos);
  }
}

TEST_CASE("probe: answers and their classes", "[probe]") {
  struct Case {
    const char* name;
    std::vector<ppi::HttpResponse> head;   // answers to HEAD, in order
    std::vector<ppi::HttpResponse> token;  // answers of the token endpoint
    ProbeClass klass;
    const char* reason;
    std::vector<ppi::HttpResponse> get = {};  // answers to the GET fallback
  };
  auto hub401 = FakeResponse(401, Auth(kHubChallenge));
  auto ok_token = FakeResponse(200, {}, R"({"access_token":"T1"})");
  auto denied = [](long status) {
    return FakeResponse(status, {{"content-type", "application/json"}},
                        R"({"errors":[{"code":"DENIED","message":"denied"}]})");
  };
  auto unknown = FakeResponse(404, {{"docker-distribution-api-version", "registry/2.0"}},
                              R"({"errors":[{"code":"MANIFEST_UNKNOWN"}]})");
  const Case cases[] = {
      {"Docker Hub private",
       {hub401, FakeResponse(401, Auth(kHubInsufficient))},
       {ok_token},
       ProbeClass::kPrivate,
       "401 insufficient_scope after anonymous token"},
      {"GHCR: token endpoint 403, asked twice",
       {hub401},
       {denied(403)},
       ProbeClass::kPrivate,
       "token endpoint answered 403 denied, again after 1 s"},
      {"GHCR: token endpoint 403 once, then a token",
       {hub401, FakeResponse(200)},
       {denied(403), ok_token},
       ProbeClass::kPublic,
       "200 after anonymous token"},
      {"token endpoint 403 that is no registry's answer",
       {hub401},
       {FakeResponse(403, {{"content-type", "text/html"}}, "<title>Blocked</title>")},
       ProbeClass::kUnreachable,
       "token endpoint: blocked: HTTP 403 with text/html \"Blocked\", not a registry's answer"},
      {"GAR: token endpoint 401",
       {hub401},
       {FakeResponse(401)},
       ProbeClass::kPrivate,
       "token endpoint answered 401"},
      {"Basic",
       {FakeResponse(401, Auth(R"(Basic realm="Registry Realm")"))},
       {},
       ProbeClass::kPrivate,
       "401 Basic: credentials required"},
      {"403 denied", {denied(403)}, {}, ProbeClass::kPrivate, "403 denied", {denied(403)}},
      {"403 to HEAD only (a pre-signed URL)",
       {denied(403)},
       {},
       ProbeClass::kPublic,
       "200 without authentication",
       {FakeResponse(200)}},
      {"404 after token",
       {hub401, unknown},
       {ok_token},
       ProbeClass::kMissing,
       "404 manifest unknown",
       {unknown}},
      {"404 anonymous", {unknown}, {}, ProbeClass::kMissing, "404 manifest unknown", {unknown}},
      {"token endpoint 429",
       {hub401},
       {FakeResponse(429)},
       ProbeClass::kRateLimited,
       "429 from token endpoint after 3 attempts"},
      {"token without token",
       {hub401},
       {FakeResponse(200, {}, "{}")},
       ProbeClass::kUnreachable,
       "token endpoint: token response has no token"},
      {"token too large",
       {hub401},
       {FakeResponse(200, {}, std::string(2 << 20, ' '))},
       ProbeClass::kUnreachable,
       "token endpoint: token response larger than 1 MiB"},
      {"registry 429", {FakeResponse(429)}, {}, ProbeClass::kRateLimited, "429 after 3 attempts"},
      {"registry 500",
       {FakeResponse(500)},
       {},
       ProbeClass::kUnreachable,
       "HTTP 500 after 3 attempts"},
      {"503 then 200",
       {FakeResponse(503), FakeResponse(200)},
       {},
       ProbeClass::kPublic,
       "200 without authentication"},
      {"connect refused",
       {FakeError(HttpError::kConnect, "Connection refused")},
       {},
       ProbeClass::kUnreachable,
       "connect failed: Connection refused (after 3 attempts)"},
      {"TLS not retried",
       {FakeError(HttpError::kTls, "certificate")},
       {},
       ProbeClass::kUnreachable,
       "TLS failed: certificate"},
      {"timeout",
       {FakeError(HttpError::kTimeout, "Operation timed out")},
       {},
       ProbeClass::kUnreachable,
       "timeout: Operation timed out"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Harness h;
    for (const auto& r : c.head) h.client.On("HEAD", kHub, r);
    for (const auto& r : c.token) h.client.On("GET", kHubToken, r);
    for (const auto& r : c.get) h.client.On("GET", kHub, r);
    auto v = h.ProbeOne(Hub());
    CHECK(v.klass == c.klass);
    CHECK(v.reason == c.reason);
  }
}

TEST_CASE("probe: retries back off and honour Retry-After", "[probe]") {
  SECTION("5xx: exponential backoff") {
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(503));
    h.ProbeOne(Hub());
    const auto& sent = h.client.requests();
    REQUIRE(sent.size() == 3);
    CHECK(sent[1].at_ms - sent[0].at_ms == 125);  // jitter 0: d/2 of 250
    CHECK(sent[2].at_ms - sent[1].at_ms == 250);
  }
  SECTION("429 with Retry-After: 2") {
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(429, {{"retry-after", "2"}}));
    auto v = h.ProbeOne(Hub());
    CHECK(v.reason == "429 after 3 attempts");
    const auto& sent = h.client.requests();
    REQUIRE(sent.size() == 3);
    CHECK(sent[1].at_ms - sent[0].at_ms == 2000);
    CHECK(sent[2].at_ms - sent[1].at_ms == 2000);
  }
  SECTION("Retry-After longer than the timeout stops at once") {
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(429, {{"retry-after", "3600"}}));
    auto v = h.ProbeOne(Hub());
    CHECK(v.klass == ProbeClass::kRateLimited);
    CHECK(v.reason == "429 after 1 attempt (Retry-After 3600 s exceeds the time left)");
    CHECK(h.client.requests().size() == 1);
  }
  SECTION("a hanging server uses the whole timeout once") {
    ppi::ProbeOptions o;
    o.timeout_seconds = 3;
    Harness h(o);
    h.client.On("HEAD", kHub, FakeError(HttpError::kTimeout, "timed out"));
    auto v = h.ProbeOne(Hub());
    CHECK(v.reason == "timeout: timed out");
    REQUIRE(h.client.requests().size() == 1);
    CHECK(h.client.requests()[0].request.timeout_ms == 3000);
  }
}

TEST_CASE("probe: 405 or 400 to HEAD is retried once as GET", "[probe]") {
  for (long status : {405L, 400L}) {
    CAPTURE(status);
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(status));
    h.client.On("GET", kHub, FakeResponse(200, {}, std::string(1 << 20, 'x')));
    auto v = h.ProbeOne(Hub());
    CHECK(v.klass == ProbeClass::kPublic);
    h.ExpectRequests({{"HEAD", kHub, ""}, {"GET", kHub, ""}});
    CHECK(h.client.requests()[1].request.max_body_bytes == 64 * 1024);
  }
  Harness twice;
  twice.client.On("HEAD", kHub, FakeResponse(405));
  twice.client.On("GET", kHub, FakeResponse(405));
  auto v = twice.ProbeOne(Hub());
  CHECK(v.klass == ProbeClass::kUnreachable);
  CHECK(v.reason == "HTTP 405 to HEAD and GET");
  CHECK(twice.client.requests().size() == 2);
}

TEST_CASE("probe: at most `concurrency` probes run at once", "[probe]") {
  ppi::ProbeOptions o;
  o.concurrency = 1;
  Harness h(o);
  const char kQuay[] = "https://quay.io/v2/org/app/manifests/1";
  h.client.On("HEAD", kHub, FakeResponse(503));
  h.client.On("HEAD", kQuay, FakeResponse(200));
  h.engine->Probe({Hub(), {"quay.io/org/app:1", "quay.io", "org/app", "1"}});
  h.ExpectRequests(
      {{"HEAD", kHub, ""}, {"HEAD", kHub, ""}, {"HEAD", kHub, ""}, {"HEAD", kQuay, ""}});
}

TEST_CASE("probe: targets", "[probe]") {
  Harness h;
  auto verdicts =
      h.engine->Probe({{"bad", "exa mple:5000", "app", "v1"}, {"bad", "x", "app", "v1"}});
  REQUIRE(verdicts.size() == 1);
  CHECK(verdicts["bad"].reason == "invalid registry address \"exa mple:5000\"");
  CHECK(h.client.requests().empty());
  CHECK(std::string(ppi::ProbeClassName(ProbeClass::kRateLimited)) == "rate-limited");
  CHECK(std::string(ppi::ProbeClassName(ProbeClass::kPublic)) == "public");
}
