// The SSRF guard both ways, on the fake client, where a registry can be
// "public" without any network: a registry on a public address may not send
// the prober to loopback, link-local or private addresses (as a token realm,
// a redirect, or a name that resolves there); a registry on loopback may use
// loopback and nothing else non-public; one on a private network may use
// that network and nothing else non-public. And what the parsers make of
// hostile challenges and token bodies.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "function/probe/probe_test_harness.h"
#include "function/probe/token_response.h"
#include "function/probe/url_policy.h"
#include "function/probe/www_authenticate.h"

using namespace ppi::probe_test;  // NOLINT: test vocabulary
using ppi::AddressScope;

namespace {

const char kScope[] = "scope=repository%3Aapp%3Apull";

ppi::HttpResponse Challenge(const std::string& realm) {
  return FakeResponse(401, Auth(("Bearer realm=\"" + realm + "\"").c_str()));
}

// A registry at `api_host` (an address or a name), probed over https.
struct Registry {
  std::string api_host;
  std::string manifest() const { return "https://" + api_host + "/v2/app/manifests/v1"; }
  ProbeTarget target() const { return {api_host + "/app:v1", api_host, "app", "v1"}; }
};

const Registry kPublicByName{"registry.example"};  // fake DNS: 198.51.100.1
const Registry kPublicByAddress{"203.0.113.10"};
const Registry kLoopback{"127.0.0.1:5000"};
const Registry kPrivateByName{"registry.corp"};  // resolves to 10.0.0.5

void Setup(Harness& h) {
  h.client.Resolve("registry.corp", "10.0.0.5");
  h.client.Resolve("token.corp", "10.0.0.6");
  h.client.Resolve("loopback.evil.example", "127.0.0.1");
  h.client.Resolve("metadata.evil.example", "169.254.169.254");
  h.client.Resolve("zero.evil.example", "0.0.0.0");
}

// No request ever carries a credential the registry did not issue, nor any
// cookie; and none goes to an address the policy refused.
void CheckNoCredentials(const FakeHttpClient& client) {
  for (const auto& r : client.requests()) {
    CAPTURE(r.request.url);
    CHECK(FakeHttpClient::HeaderOf(r.request, "Authorization").empty());
    CHECK(FakeHttpClient::HeaderOf(r.request, "Cookie").empty());
    CHECK(FakeHttpClient::HeaderOf(r.request, "Proxy-Authorization").empty());
  }
}

}  // namespace

TEST_CASE("hostile: ScopeAllowed, the rule itself", "[hostile]") {
  const AddressScope kinds[] = {AddressScope::kLoopback, AddressScope::kLinkLocal,
                                AddressScope::kPrivate};
  for (AddressScope registry :
       {AddressScope::kPublic, AddressScope::kNotAnAddress, AddressScope::kLoopback,
        AddressScope::kLinkLocal, AddressScope::kPrivate}) {
    CAPTURE(static_cast<int>(registry));
    CHECK(ppi::ScopeAllowed(AddressScope::kPublic, registry));
    CHECK(ppi::ScopeAllowed(AddressScope::kNotAnAddress, registry));
    for (AddressScope target : kinds) {
      CAPTURE(static_cast<int>(target));
      CHECK(ppi::ScopeAllowed(target, registry) == (target == registry));
    }
  }
}

TEST_CASE("hostile: CheckUrl by the registry's kind of address", "[hostile]") {
  std::vector<std::string> insecure;
  auto check = [&](const char* text, AddressScope registry) {
    ppi::Url url;
    REQUIRE(ppi::ParseUrl(text, &url));
    return ppi::CheckUrl(url, insecure, registry);
  };
  CHECK(check("https://127.0.0.1:5001/t", AddressScope::kLoopback).empty());
  CHECK(check("https://localhost/t", AddressScope::kLoopback).empty());
  CHECK(check("https://[::1]/t", AddressScope::kLoopback).empty());
  CHECK(check("https://169.254.169.254/", AddressScope::kLoopback) ==
        "refused https://169.254.169.254/: link-local address");
  CHECK(check("https://10.0.0.1/", AddressScope::kLoopback) ==
        "refused https://10.0.0.1/: private address");
  CHECK(check("https://10.0.0.6/t", AddressScope::kPrivate).empty());
  CHECK(check("https://127.0.0.1/", AddressScope::kPrivate) ==
        "refused https://127.0.0.1/: loopback address");
  // 0.0.0.0 and :: reach this host: loopback, not "private".
  CHECK(check("https://0.0.0.0:8080/", AddressScope::kPrivate) ==
        "refused https://0.0.0.0:8080/: loopback address");
  CHECK(check("https://[::]:8080/", AddressScope::kPrivate) ==
        "refused https://[::]:8080/: loopback address");
  CHECK(check("https://[::ffff:127.0.0.1]/", AddressScope::kPublic) ==
        "refused https://[::ffff:127.0.0.1]/: loopback address");
  CHECK(check("https://auth.example/t", AddressScope::kPublic).empty());
}

TEST_CASE("hostile: a public registry gets no non-public realm", "[hostile]") {
  struct Case {
    const char* realm;
    const char* refusal;  // after "token endpoint refused <url>: "
  };
  const Case cases[] = {
      {"https://127.0.0.1:5001/token", "loopback address"},
      {"https://localhost:5001/token", "loopback address"},
      {"https://[::1]:5001/token", "loopback address"},
      {"https://0.0.0.0:5001/token", "loopback address"},
      {"https://[::ffff:127.0.0.1]/token", "loopback address"},
      {"https://169.254.169.254/latest/meta-data/", "link-local address"},
      {"https://[fe80::1]/token", "link-local address"},
      {"https://10.0.0.1/token", "private address"},
      {"https://[fd00:ec2::254]/token", "private address"},
      {"file://localhost/etc/passwd", "scheme file is not allowed"},
      {"gopher://127.0.0.1:70/_x", "scheme gopher is not allowed"},
      {"ftp://127.0.0.1/token", "scheme ftp is not allowed"},
  };
  for (const Registry& registry : {kPublicByName, kPublicByAddress}) {
    for (const Case& c : cases) {
      CAPTURE(registry.api_host, c.realm);
      Harness h;
      Setup(h);
      h.client.On("HEAD", registry.manifest(), Challenge(c.realm));
      auto v = h.ProbeOne(registry.target());
      CHECK(v.klass == ProbeClass::kUnreachable);
      CHECK(v.reason ==
            std::string("token endpoint refused ") + c.realm + "?" + kScope + ": " + c.refusal);
      CHECK(h.client.requests().size() == 1);  // the HEAD, nothing else
      CheckNoCredentials(h.client);
    }
  }
}

TEST_CASE("hostile: a public registry, names resolving inside", "[hostile]") {
  struct Case {
    const char* host;
    const char* address;
  };
  const Case cases[] = {{"loopback.evil.example", "127.0.0.1"},
                        {"metadata.evil.example", "169.254.169.254"},
                        {"zero.evil.example", "0.0.0.0"},
                        {"token.corp", "10.0.0.6"}};
  for (const Case& c : cases) {
    CAPTURE(c.host);
    std::string realm = std::string("https://") + c.host + "/token";
    SECTION(std::string("as a realm: ") + c.host) {
      Harness h;
      Setup(h);
      h.client.On("HEAD", kPublicByName.manifest(), Challenge(realm));
      auto v = h.ProbeOne(kPublicByName.target());
      CHECK(v.reason == std::string("token endpoint: address refused: refused to "
                                    "connect to ") +
                            c.address);
      REQUIRE(h.client.requests().size() == 2);
      CHECK(h.client.requests()[1].request.registry_scope == AddressScope::kPublic);
      CheckNoCredentials(h.client);
    }
    SECTION(std::string("as a redirect: ") + c.host) {
      Harness h;
      Setup(h);
      h.client.On("HEAD", kPublicByName.manifest(), FakeResponse(302, {{"location", realm}}));
      h.client.On("HEAD", realm, FakeResponse(200));
      auto v = h.ProbeOne(kPublicByName.target());
      CHECK(v.klass == ProbeClass::kUnreachable);
      CHECK(v.reason == std::string("address refused: refused to connect to ") + c.address);
    }
  }
}

TEST_CASE("hostile: a loopback registry may use loopback, nothing else", "[hostile]") {
  ppi::ProbeOptions options;
  options.insecure_registries = {"127.0.0.1:5000"};
  const std::string manifest = "http://127.0.0.1:5000/v2/app/manifests/v1";
  SECTION("another loopback port, by address or as localhost") {
    for (const char* realm : {"https://127.0.0.1:5001/token", "https://localhost:5001/token"}) {
      CAPTURE(realm);
      Harness h(options);
      Setup(h);
      h.client.On("HEAD", manifest, Challenge(realm));
      h.client.On("GET", std::string(realm) + "?" + kScope,
                  FakeResponse(200, {}, R"({"token":"L"})"));
      h.client.On("HEAD", manifest, FakeResponse(200));
      auto v = h.ProbeOne(kLoopback.target());
      CHECK(v.klass == ProbeClass::kPublic);
      REQUIRE(h.client.requests().size() == 3);
      CHECK(FakeHttpClient::HeaderOf(h.client.requests()[1].request, "Authorization").empty());
      CHECK(FakeHttpClient::HeaderOf(h.client.requests()[2].request, "Authorization") ==
            "Bearer L");
    }
  }
  struct Case {
    const char* realm;
    const char* reason;
  };
  const Case refused[] = {
      {"https://169.254.169.254/latest/meta-data/",
       "token endpoint refused https://169.254.169.254/latest/meta-data/?"
       "scope=repository%3Aapp%3Apull: link-local address"},
      {"https://10.0.0.1/token",
       "token endpoint refused https://10.0.0.1/token?"
       "scope=repository%3Aapp%3Apull: private address"},
      {"https://[fd00:ec2::254]/token",
       "token endpoint refused https://[fd00:ec2::254]/token?"
       "scope=repository%3Aapp%3Apull: private address"},
      {"https://metadata.evil.example/token",
       "token endpoint: address refused: refused to connect to "
       "169.254.169.254"},
      {"https://token.corp/token",
       "token endpoint: address refused: refused to connect to 10.0.0.6"},
  };
  for (const Case& c : refused) {
    SECTION(std::string("refused: ") + c.realm) {
      // Two images: the second learns the challenge from the host cache and
      // asks for its token before its HEAD; it is refused just the same.
      Harness h(options);
      Setup(h);
      h.client.On("HEAD", manifest, Challenge(c.realm));
      ProbeTarget second{"127.0.0.1:5000/other:v1", "127.0.0.1:5000", "other", "v1"};
      auto verdicts = h.engine->Probe({kLoopback.target(), second});
      CHECK(verdicts[kLoopback.target().key].reason == c.reason);
      CHECK(verdicts[second.key].klass == ProbeClass::kUnreachable);
      for (const auto& r : h.client.requests()) {
        CAPTURE(r.request.url);
        CHECK(r.request.url.find("169.254.169.254") == std::string::npos);
        CHECK(r.request.url.find("10.0.0.") == std::string::npos);
      }
      CheckNoCredentials(h.client);
    }
  }
  SECTION("redirects: the manifest, and the token endpoint's") {
    Harness h(options);
    Setup(h);
    h.client.On("HEAD", manifest, FakeResponse(302, {{"location", "https://169.254.169.254/"}}));
    CHECK(h.ProbeOne(kLoopback.target()).reason ==
          "refused https://169.254.169.254/: link-local address");
    Harness t(options);
    Setup(t);
    t.client.On("HEAD", manifest, Challenge("https://127.0.0.1:5001/token"));
    t.client.On("GET", std::string("https://127.0.0.1:5001/token?") + kScope,
                FakeResponse(307, {{"location", "https://169.254.169.254/latest/api/token"}}));
    CHECK(t.ProbeOne(kLoopback.target()).reason ==
          "token endpoint refused https://169.254.169.254/latest/api/token: "
          "link-local address");
    CHECK(t.client.requests().size() == 2);
  }
}

TEST_CASE("hostile: a registry on a private network may use that network", "[hostile]") {
  const std::string manifest = kPrivateByName.manifest();
  SECTION("a token server by name on the same network") {
    Harness h;
    Setup(h);
    h.client.On("HEAD", manifest, Challenge("https://token.corp/token"));
    h.client.On("GET", std::string("https://token.corp/token?") + kScope,
                FakeResponse(200, {}, R"({"token":"P"})"));
    h.client.On("HEAD", manifest, FakeResponse(200));
    CHECK(h.ProbeOne(kPrivateByName.target()).klass == ProbeClass::kPublic);
    REQUIRE(h.client.requests().size() == 3);
    CHECK(h.client.requests()[1].request.registry_scope == AddressScope::kPrivate);
  }
  SECTION("never loopback or the metadata service") {
    struct Case {
      const char* realm;
      const char* reason;
    };
    const Case cases[] = {
        {"https://127.0.0.1:5001/token",
         "token endpoint refused https://127.0.0.1:5001/token?"
         "scope=repository%3Aapp%3Apull: loopback address"},
        {"https://0.0.0.0:5001/token",
         "token endpoint refused https://0.0.0.0:5001/token?"
         "scope=repository%3Aapp%3Apull: loopback address"},
        {"https://loopback.evil.example/token",
         "token endpoint: address refused: refused to connect to 127.0.0.1"},
        {"https://169.254.169.254/token",
         "token endpoint refused https://169.254.169.254/token?"
         "scope=repository%3Aapp%3Apull: link-local address"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.realm);
      Harness h;
      Setup(h);
      h.client.On("HEAD", manifest, Challenge(c.realm));
      CHECK(h.ProbeOne(kPrivateByName.target()).reason == c.reason);
    }
  }
}

TEST_CASE("hostile: WWW-Authenticate parsing", "[hostile]") {
  SECTION("10,000 parameters, the realm last") {
    std::string header = "Bearer ";
    for (int i = 0; i < 10000; ++i) header += "p" + std::to_string(i) + "=1,";
    header += R"(realm="https://auth.example/token",service="s")";
    auto all = ppi::ParseWwwAuthenticate(header);
    REQUIRE(all.size() == 1);
    CHECK(all[0].params.size() == 10002);
    CHECK(all[0].Param("realm") == "https://auth.example/token");
  }
  SECTION("a megabyte of quotes, backslashes and commas") {
    for (std::string unit : {"\"", "\\", ",", "=", "\"\\", "a=\"", "Bearer "}) {
      std::string header;
      while (header.size() < 1024 * 1024) header += unit;
      auto all = ppi::ParseWwwAuthenticate(header);  // returns; no throw
      CHECK(all.size() <= header.size());
    }
  }
  SECTION("malformed quoting") {
    auto one = [](const std::string& header) {
      auto all = ppi::ParseWwwAuthenticate(header);
      REQUIRE_FALSE(all.empty());
      return all[0];
    };
    CHECK(one(R"(Bearer realm="https://a/t)").Param("realm") == "https://a/t");
    CHECK(one(R"(Bearer realm="https:\/\/a\/t",service="x\"y\\")").Param("service") == "x\"y\\");
    CHECK(one(R"(Bearer "realm"="https://a/t", ==,"",)").Param("realm") == "");
    CHECK(ppi::ParseWwwAuthenticate(R"("""""")").empty());
  }
}

TEST_CASE("hostile: token bodies", "[hostile]") {
  ppi::TokenResponse out;
  std::string error;
  SECTION("nested half a million levels deep") {
    CHECK_FALSE(ppi::ParseTokenResponse(std::string(512 * 1024, '['), &out, &error));
    CHECK(error == "token response is not a JSON object");
  }
  SECTION("a token that would inject a header") {
    CHECK_FALSE(ppi::ParseTokenResponse(R"({"token":"t\r\nX-Injected: 1"})", &out, &error));
    CHECK(error == "token response has a token with invalid characters");
  }
  SECTION("no token, an empty one, one that is not a string") {
    for (const char* body : {R"({"expires_in":300})", R"({"token":"","access_token":""})",
                             R"({"token":12345})", R"([{"token":"t"}])"}) {
      CAPTURE(body);
      CHECK_FALSE(ppi::ParseTokenResponse(body, &out, &error));
    }
  }
}
