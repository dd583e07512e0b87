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

const ppi::HttpHeaders kJson = {{"content-type", "application/json; charset=utf-8"}};
const ppi::HttpHeaders kDistribution = {{"docker-distribution-api-version", "registry/2.0"}};
const ppi::HttpHeaders kHtml = {{"content-type", "text/html; charset=UTF-8"}};
const char kGoogle403[] =
    "<!DOCTYPE html>\n<html lang=en>\n  <title>Error 403 (Forbidden)!!1</title>\n"
    "  <p>Your client does not have permission to get URL <code>/v2/</code></p>";
const char kFirewall[] =
    R"({"errors":[{"code":"DENIED","message":"client with IP '10.0.0.1' is not allowed access, refer https://aka.ms/acr/firewall to grant access"}]})";
const char kAcceptMismatch[] =
    R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"OCI index found, but Accept header does not support OCI indexes"}]})";

}  // namespace

TEST_CASE("classification: manifest answers (classification.h table)", "[classification]") {
  struct Case {
    const char* name;
    FetchResult result;
    bool sent_token;
    bool was_get;
    ProbeClass klass;
    const char* reason;
  };
  FetchResult refused;
  refused.refused = "refused http://169.254.169.254/: link-local address";
  FetchResult retry_after = Answer(429, {}, "", 1);
  retry_after.retry_note = "Retry-After 120 s exceeds the time left";
  FetchResult not_sent = Answer(429, {}, "", 0);
  not_sent.retry_note = "https://r.example asked to slow down; its next turn is 31 s away";
  const Case cases[] = {
      {"200 anonymous", Answer(200), false, false, ProbeClass::kPublic,
       "200 without authentication"},
      {"200 with token", Answer(200), true, false, ProbeClass::kPublic,
       "200 after anonymous token"},
      {"401 Basic", Answer(401, Challenge(R"(Basic realm="Registry Realm")")), false, false,
       ProbeClass::kPrivate, "401 Basic: credentials required"},
      {"401 BASIC (Nexus)", Answer(401, Challenge(R"(BASIC realm="Sonatype Nexus")")), false, false,
       ProbeClass::kPrivate, "401 Basic: credentials required"},
      {"401 Basic after token (Harbor)", Answer(401, Challenge(R"(Basic realm="harbor")")), true,
       false, ProbeClass::kPrivate, "401 Basic after anonymous token: credentials required"},
      {"401 other", Answer(401, Challenge("Negotiate")), false, false, ProbeClass::kPrivate,
       "401 Negotiate: credentials required"},
      {"401 without a challenge, JSON", Answer(401, kJson), false, false, ProbeClass::kPrivate,
       "401 without a challenge"},
      {"401 empty challenge after token (Harbor)",
       Answer(401, {{"www-authenticate", ""}}, R"({"errors":[{"code":"UNAUTHORIZED"}]})"), true,
       false, ProbeClass::kPrivate, "401 without a challenge after anonymous token"},
      {"401 HTML to GET", Answer(401, kHtml, "<title>Login</title>"), false, true,
       ProbeClass::kUnreachable,
       "blocked: HTTP 401 with text/html \"Login\", not a registry's answer"},
      {"401 Bearer without realm", Answer(401, Challenge("Bearer service=x")), false, false,
       ProbeClass::kPrivate, "401 Bearer: credentials required"},
      {"403 JSON", Answer(403, kJson, R"({"errors":[{"code":"DENIED"}]})"), true, true,
       ProbeClass::kPrivate, "403 denied"},
      {"403 registry header, no body", Answer(403, kDistribution), false, true,
       ProbeClass::kPrivate, "403 denied"},
      {"403 Google HTML", Answer(403, kHtml, kGoogle403), false, true, ProbeClass::kUnreachable,
       "blocked: HTTP 403 with text/html \"Error 403 (Forbidden)!!1\", not a registry's answer"},
      {"403 S3 XML", Answer(403, {{"content-type", "application/xml"}}, "<Error/>"), false, true,
       ProbeClass::kUnreachable, "blocked: HTTP 403 with application/xml, not a registry's answer"},
      {"403 bare", Answer(403), false, true, ProbeClass::kUnreachable,
       "blocked: HTTP 403 with no media type, not a registry's answer"},
      {"403 ACR firewall", Answer(403, kJson, kFirewall), false, true, ProbeClass::kUnreachable,
       "blocked: 403 denied: client with IP '10.0.0.1' is not allowed access, refer "
       "https://aka.ms/acr/firewall to grant access"},
      {"404 registry, no body", Answer(404, kDistribution), true, true, ProbeClass::kMissing,
       "404 manifest unknown"},
      {"404 GET body", Answer(404, {}, R"({"errors":[{"code":"NAME_UNKNOWN"}]})"), false, true,
       ProbeClass::kMissing, "404 name unknown"},
      {"404 Accept mismatch", Answer(404, kJson, kAcceptMismatch), true, true, ProbeClass::kPublic,
       "404 manifest unknown, but \"OCI index found, but Accept header does not support OCI "
       "indexes\": it exists and is readable"},
      {"404 HTML", Answer(404, kHtml, "<title>Not Found</title>"), false, true,
       ProbeClass::kUnreachable,
       "blocked: HTTP 404 with text/html \"Not Found\", not a registry's answer"},
      {"429", Answer(429, {}, "", 3), false, false, ProbeClass::kRateLimited,
       "429 after 3 attempts"},
      {"429 Retry-After too long", retry_after, false, false, ProbeClass::kRateLimited,
       "429 after 1 attempt (Retry-After 120 s exceeds the time left)"},
      {"429 not sent (paced host)", not_sent, false, false, ProbeClass::kRateLimited,
       "429 (not sent: https://r.example asked to slow down; its next turn is 31 s away)"},
      {"503", Answer(503, {}, "", 3), false, false, ProbeClass::kUnreachable,
       "HTTP 503 after 3 attempts"},
      {"408", Answer(408, {}, "", 3), false, false, ProbeClass::kUnreachable,
       "HTTP 408 after 3 attempts"},
      {"405 to GET", Answer(405), false, true, ProbeClass::kUnreachable,
       "HTTP 405 to HEAD and GET"},
      {"302 without Location", Answer(302), false, false, ProbeClass::kUnreachable,
       "HTTP 302 without Location"},
      {"418", Answer(418), false, false, ProbeClass::kUnreachable, "unexpected HTTP 418"},
      {"connect", Failure(HttpError::kConnect, "Connection refused", 3), false, false,
       ProbeClass::kUnreachable, "connect failed: Connection refused (after 3 attempts)"},
      {"dns", Failure(HttpError::kDns, "Could not resolve host: x", 1), false, false,
       ProbeClass::kUnreachable, "DNS failed: Could not resolve host: x"},
      {"tls", Failure(HttpError::kTls, "SSL certificate problem", 1), false, false,
       ProbeClass::kUnreachable, "TLS failed: SSL certificate problem"},
      {"timeout", Failure(HttpError::kTimeout, "Operation timed out", 1), false, false,
       ProbeClass::kUnreachable, "timeout: Operation timed out"},
      {"refused", refused, false, false, ProbeClass::kUnreachable,
       "refused http://169.254.169.254/: link-local address"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto d = DecideManifest(c.result, {c.sent_token, c.was_get});
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
  // Row 5: the token did not open it; the challenge is handed on.
  auto refused = DecideManifest(Answer(401, Challenge(kInsufficient)), {true, false});
  CHECK(refused.step == ManifestStep::kTokenRefused);
  CHECK(refused.verdict.klass == ProbeClass::kPrivate);
  CHECK(refused.verdict.reason == "401 insufficient_scope after anonymous token");
  CHECK(refused.challenge.Param("scope") == "repository:a:pull");
  auto quay = DecideManifest(Answer(401, Challenge(kBearer)), {true, false});
  CHECK(quay.step == ManifestStep::kTokenRefused);
  CHECK(quay.verdict.reason == "401 after anonymous token");
  // Rows 7 and 8: HEAD has no body; GET says what happened.
  for (long status : {400L, 403L, 404L, 405L}) {
    CAPTURE(status);
    CHECK(DecideManifest(Answer(status, kJson), {false, false}).step ==
          ManifestStep::kRetryWithGet);
  }
  CHECK(DecideManifest(Answer(401), {false, false}).step == ManifestStep::kRetryWithGet);
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
  const char kDenied[] = R"({"errors":[{"code":"DENIED","message":"denied"}]})";
  const Case cases[] = {
      {Answer(401), "", ProbeClass::kPrivate, "token endpoint answered 401"},
      {Answer(401, kJson, R"({"errors":[{"code":"UNAUTHORIZED"}]})"), "", ProbeClass::kPrivate,
       "token endpoint answered 401 unauthorized"},
      {Answer(403, kJson, kDenied), "", ProbeClass::kPrivate, "token endpoint answered 403 denied"},
      {Answer(403, kHtml, kGoogle403), "", ProbeClass::kUnreachable,
       "token endpoint: blocked: HTTP 403 with text/html \"Error 403 (Forbidden)!!1\", not a "
       "registry's answer"},
      {Answer(405, kJson, kDenied), "", ProbeClass::kPrivate, "token endpoint answered 405 denied"},
      {Answer(405, kJson, R"({"errors":[{"code":"UNSUPPORTED"}]})"), "", ProbeClass::kUnreachable,
       "token endpoint answered 405 unsupported"},
      {Answer(400, kJson, R"({"errors":[{"code":"NAME_INVALID"}]})"), "", ProbeClass::kUnreachable,
       "token endpoint answered 400 name invalid"},
      {Answer(404, kJson, R"({"errors":[{"code":"UNAVAILABLE"}]})"), "", ProbeClass::kUnreachable,
       "token endpoint answered 404 unavailable"},
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
