#include "function/probe/classification.h"

#include <catch2/catch.hpp>

using ppi::DecideManifest;
using ppi::DecideTokenFailure;
using ppi::FetchResult;
using ppi::HttpError;
using ppi::ManifestStep;
using ppi::ProbeClass;

namespace {

FetchResult Answer(long status, ppi::HttpHeaders headers = {}, std::string body = "",
                   int attempts = 1) {
  FetchResult r;
  r.response.status = status;
  r.response.headers = std::move(headers);
  r.response.body = std::move(body);
  r.attempts = attempts;
  return r;
}

FetchResult Failure(HttpError e, const char* text, int attempts) {
  FetchResult r;
  r.response.error = e;
  r.response.error_text = text;
  r.attempts = attempts;
  return r;
}

ppi::HttpHeaders Challenge(const char* value) { return {{"www-authenticate", value}}; }

const char kBearer[] = R"(Bearer realm="https://auth.example/token",service="reg")";
const char kInsufficient[] =
    R"(Bearer realm="https://auth.example/token",service="reg",scope="repository:a:pull",error="insufficient_scope")";

}  // namespace

TEST_CASE("classification: manifest answers (SPEC 5 table)", "[classification]") {
  struct Case {
    const char* name;
    FetchResult result;
    bool sent_token;
    ProbeClass klass;
    const char* reason;
  };
  FetchResult refused;
  refused.refused = "refused http://169.254.169.254/: link-local address";
  FetchResult retry_after = Answer(429, {}, "", 1);
  retry_after.retry_note = "Retry-After 120 s exceeds the time left";
  const Case cases[] = {
      {"200 anonymous", Answer(200), false, ProbeClass::kPublic, "200 without authentication"},
      {"200 with token", Answer(200), true, ProbeClass::kPublic, "200 after anonymous token"},
      {"401 insufficient_scope", Answer(401, Challenge(kInsufficient)), true, ProbeClass::kPrivate,
       "401 insufficient_scope after anonymous token"},
      {"401 Bearer after token, no error", Answer(401, Challenge(kBearer)), true,
       ProbeClass::kPrivate, "401 after anonymous token"},
      {"401 Basic", Answer(401, Challenge(R"(Basic realm="Registry Realm")")), false,
       ProbeClass::kPrivate, "401 Basic: credentials required"},
      {"401 other", Answer(401, Challenge("Negotiate")), false, ProbeClass::kPrivate,
       "401 Negotiate: credentials required"},
      {"401 bare", Answer(401), false, ProbeClass::kPrivate, "401 without a challenge"},
      {"401 Bearer without realm", Answer(401, Challenge("Bearer service=x")), false,
       ProbeClass::kPrivate, "401 Bearer: credentials required"},
      {"403", Answer(403), false, ProbeClass::kPrivate, "403 denied"},
      {"403 body", Answer(403, {}, R"({"errors":[{"code":"DENIED"}]})"), true, ProbeClass::kPrivate,
       "403 denied"},
      {"404 HEAD", Answer(404), true, ProbeClass::kMissing, "404 manifest unknown"},
      {"404 GET body", Answer(404, {}, R"({"errors":[{"code":"NAME_UNKNOWN"}]})"), false,
       ProbeClass::kMissing, "404 name unknown"},
      {"429", Answer(429, {}, "", 3), false, ProbeClass::kRateLimited, "429 after 3 attempts"},
      {"429 Retry-After too long", retry_after, false, ProbeClass::kRateLimited,
       "429 after 1 attempt (Retry-After 120 s exceeds the time left)"},
      {"503", Answer(503, {}, "", 3), false, ProbeClass::kUnreachable, "HTTP 503 after 3 attempts"},
      {"408", Answer(408, {}, "", 3), false, ProbeClass::kUnreachable, "HTTP 408 after 3 attempts"},
      {"302 without Location", Answer(302), false, ProbeClass::kUnreachable,
       "HTTP 302 without Location"},
      {"418", Answer(418), false, ProbeClass::kUnreachable, "unexpected HTTP 418"},
      {"connect", Failure(HttpError::kConnect, "Connection refused", 3), false,
       ProbeClass::kUnreachable, "connect failed: Connection refused (after 3 attempts)"},
      {"dns", Failure(HttpError::kDns, "Could not resolve host: x", 1), false,
       ProbeClass::kUnreachable, "DNS failed: Could not resolve host: x"},
      {"tls", Failure(HttpError::kTls, "SSL certificate problem", 1), false,
       ProbeClass::kUnreachable, "TLS failed: SSL certificate problem"},
      {"timeout", Failure(HttpError::kTimeout, "Operation timed out", 1), false,
       ProbeClass::kUnreachable, "timeout: Operation timed out"},
      {"refused", refused, false, ProbeClass::kUnreachable,
       "refused http://169.254.169.254/: link-local address"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto d = DecideManifest(c.result, {c.sent_token, false});
    REQUIRE(d.step == ManifestStep::kVerdict);
    CHECK(d.verdict.klass == c.klass);
    CHECK(d.verdict.reason == c.reason);
  }
}

TEST_CASE("classification: next steps", "[classification]") {
  auto token = DecideManifest(Answer(401, Challenge(kBearer)), {false, false});
  CHECK(token.step == ManifestStep::kFetchToken);
  CHECK(token.challenge.Param("realm") == "https://auth.example/token");
  auto mixed = DecideManifest(
      Answer(401, {{"www-authenticate", R"(Basic realm="x")"}, {"www-authenticate", kBearer}}),
      {false, false});
  CHECK(mixed.step == ManifestStep::kFetchToken);
  CHECK(DecideManifest(Answer(405), {false, false}).step == ManifestStep::kRetryWithGet);
  CHECK(DecideManifest(Answer(400), {true, false}).step == ManifestStep::kRetryWithGet);
  auto get405 = DecideManifest(Answer(405), {false, true});
  CHECK(get405.step == ManifestStep::kVerdict);
  CHECK(get405.verdict.klass == ProbeClass::kUnreachable);
  CHECK(get405.verdict.reason == "HTTP 405 to HEAD and GET");
}

TEST_CASE("classification: token endpoint answers", "[classification]") {
  struct Case {
    FetchResult result;
    const char* parse_error;
    ProbeClass klass;
    const char* reason;
  };
  FetchResult refused;
  refused.refused = "refused https://169.254.169.254/t: link-local address";
  const Case cases[] = {
      {Answer(401), "", ProbeClass::kPrivate, "token endpoint answered 401"},
      {Answer(403), "", ProbeClass::kPrivate, "token endpoint answered 403"},
      {Answer(429, {}, "", 3), "", ProbeClass::kRateLimited,
       "429 from token endpoint after 3 attempts"},
      {Answer(502, {}, "", 3), "", ProbeClass::kUnreachable,
       "token endpoint: HTTP 502 after 3 attempts"},
      {Answer(404), "", ProbeClass::kUnreachable, "token endpoint answered 404"},
      {Answer(200), "token response has no token", ProbeClass::kUnreachable,
       "token endpoint: token response has no token"},
      {Failure(HttpError::kConnect, "refused", 2), "", ProbeClass::kUnreachable,
       "token endpoint: connect failed: refused (after 2 attempts)"},
      {refused, "", ProbeClass::kUnreachable,
       "token endpoint refused https://169.254.169.254/t: link-local address"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.reason);
    auto v = DecideTokenFailure(c.result, c.parse_error);
    CHECK(v.klass == c.klass);
    CHECK(v.reason == c.reason);
  }
}
