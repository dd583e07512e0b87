// Redirects and token realms: Authorization stays with its origin, and the
// URL policy (schemes, insecure hosts, SSRF guard) holds at every hop.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "function/probe/probe_test_harness.h"

using namespace ppi::probe_test;  // NOLINT: test vocabulary

TEST_CASE("probe: redirects", "[probe]") {
  const char kStorage[] = "https://storage.example/blobs/manifest?sig=1";
  SECTION("no Authorization to another host") {
    Harness h;
    h.ServeHubToken();
    h.client.On("HEAD", kHub, FakeResponse(307, {{"location", kStorage}}));
    h.client.On("HEAD", kStorage, FakeResponse(200));
    auto v = h.ProbeOne(Hub());
    CHECK(v.klass == ProbeClass::kPublic);
    h.ExpectRequests({{"HEAD", kHub, ""},
                      {"GET", kHubToken, ""},
                      {"HEAD", kHub, "Bearer T1"},
                      {"HEAD", kStorage, ""}});
  }
  SECTION("same origin keeps it, a scheme or port change drops it") {
    const char kSame[] = "https://registry-1.docker.io/v2/library/nginx/manifests/other";
    const char kPort[] = "https://registry-1.docker.io:444/v2/x";
    Harness h;
    h.ServeHubToken();
    h.client.On("HEAD", kHub, FakeResponse(301, {{"location", "other"}}));
    h.client.On("HEAD", kSame, FakeResponse(302, {{"location", kPort}}));
    h.client.On("HEAD", kPort, FakeResponse(200));
    h.ProbeOne(Hub());
    h.ExpectRequests({{"HEAD", kHub, ""},
                      {"GET", kHubToken, ""},
                      {"HEAD", kHub, "Bearer T1"},
                      {"HEAD", kSame, "Bearer T1"},
                      {"HEAD", kPort, ""}});
  }
  SECTION("the other host's own challenge gets its own token") {
    const char kGar[] = "https://gar.example/v2/proj/pause/manifests/1";
    const char kGarToken[] = "https://gar.example/v2/token?scope=repository%3Aproj%2Fpause%3Apull";
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(302, {{"location", kGar}}));
    h.client.On("HEAD", kGar,
                FakeResponse(401, Auth(R"(Bearer realm="https://gar.example/v2/token")")));
    h.client.On("GET", kGarToken, FakeResponse(200, {}, R"({"token":"G"})"));
    h.client.On("HEAD", kGar, FakeResponse(200));
    auto v = h.ProbeOne(Hub());
    CHECK(v.reason == "200 after anonymous token");
    h.ExpectRequests({{"HEAD", kHub, ""},
                      {"HEAD", kGar, ""},
                      {"GET", kGarToken, ""},
                      {"HEAD", kHub, ""},
                      {"HEAD", kGar, "Bearer G"}});
  }
  SECTION("refused targets are never requested") {
    struct Case {
      const char* location;
      const char* reason;
    };
    const Case cases[] = {
        {"http://169.254.169.254/latest/meta-data/",
         "refused http://169.254.169.254/latest/meta-data/: plain http to a "
         "host "
         "not listed as insecure"},
        {"https://169.254.169.254/latest/meta-data/",
         "refused https://169.254.169.254/latest/meta-data/: link-local "
         "address"},
        {"https://[::1]:8080/x", "refused https://[::1]:8080/x: loopback address"},
        {"https://192.168.0.10/x", "refused https://192.168.0.10/x: private address"},
        {"file:///etc/passwd", "redirect to an invalid URL"},
        {"file://localhost/etc/passwd",
         "refused file://localhost/etc/passwd: scheme file is not allowed"},
        {"gopher://evil.example/",
         "refused gopher://evil.example/: scheme gopher "
         "is not allowed"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.location);
      Harness h;
      h.client.On("HEAD", kHub, FakeResponse(302, {{"location", c.location}}));
      auto v = h.ProbeOne(Hub());
      CHECK(v.klass == ProbeClass::kUnreachable);
      CHECK(v.reason == c.reason);
      CHECK(h.client.requests().size() == 1);
    }
  }
  SECTION("a name that resolves to a private address is refused at connect") {
    Harness h;
    h.client.Resolve("metadata.internal", "169.254.169.254");
    h.client.On("HEAD", kHub, FakeResponse(302, {{"location", "https://metadata.internal/x"}}));
    h.client.On("HEAD", "https://metadata.internal/x", FakeResponse(200));
    auto v = h.ProbeOne(Hub());
    CHECK(v.klass == ProbeClass::kUnreachable);
    CHECK(v.reason == "address refused: refused to connect to 169.254.169.254");
    REQUIRE(h.client.requests().size() == 2);
    CHECK_FALSE(h.client.requests()[1].request.allow_private_addresses);
  }
  SECTION("more than 10 redirects") {
    Harness h;
    h.client.On("HEAD", kHub, FakeResponse(302, {{"location", kHub}}));
    auto v = h.ProbeOne(Hub());
    CHECK(v.reason == "more than 10 redirects");
    CHECK(h.client.requests().size() == 11);
  }
}

TEST_CASE("probe: token realms (SSRF guard, insecure hosts)", "[probe]") {
  SECTION("a public registry cannot send us to the metadata service") {
    Harness h;
    h.client.On("HEAD", kHub,
                FakeResponse(401, Auth(R"(Bearer realm="https://169.254.169.254/token")")));
    auto v = h.ProbeOne(Hub());
    CHECK(v.klass == ProbeClass::kUnreachable);
    CHECK(v.reason ==
          "token endpoint refused "
          "https://169.254.169.254/token?scope=repository%3A"
          "library%2Fnginx%3Apull: link-local address");
    CHECK(h.client.requests().size() == 1);
  }
  SECTION("nor to a name resolving there") {
    Harness h;
    h.client.Resolve("auth.internal", "10.0.0.7");
    h.client.On("HEAD", kHub,
                FakeResponse(401, Auth(R"(Bearer realm="https://auth.internal/token")")));
    auto v = h.ProbeOne(Hub());
    CHECK(v.reason == "token endpoint: address refused: refused to connect to 10.0.0.7");
  }
  const char kLocal[] = "http://127.0.0.1:5000/v2/app/manifests/v1";
  ProbeTarget local{"127.0.0.1:5000/app:v1", "127.0.0.1:5000", "app", "v1"};
  auto local401 = [](const char* realm) {
    return FakeResponse(
        401, Auth((std::string("Bearer realm=\"") + realm + "\",service=\"local\"").c_str()));
  };
  SECTION("a registry on loopback may use a token server on loopback") {
    ppi::ProbeOptions o;
    o.insecure_registries = {"127.0.0.1:5000"};
    Harness h(o);
    h.client.On("HEAD", kLocal, local401("https://127.0.0.1:5001/auth"));
    h.client.On("GET",
                "https://127.0.0.1:5001/"
                "auth?service=local&scope=repository%3Aapp%3Apull",
                FakeResponse(200, {}, R"({"token":"L"})"));
    h.client.On("HEAD", kLocal, FakeResponse(200));
    CHECK(h.ProbeOne(local).klass == ProbeClass::kPublic);
    CHECK(h.client.requests().size() == 3);
    CHECK_FALSE(h.client.requests()[1].request.allow_private_addresses);
    CHECK(h.client.requests()[1].request.registry_scope == ppi::AddressScope::kLoopback);
  }
  SECTION("plain http to the realm needs the realm's host listed too") {
    ppi::ProbeOptions o;
    o.insecure_registries = {"127.0.0.1:5000"};
    Harness h(o);
    h.client.On("HEAD", kLocal, local401("http://127.0.0.1:5001/auth"));
    auto v = h.ProbeOne(local);
    CHECK(v.reason ==
          "token endpoint refused http://127.0.0.1:5001/auth?service=local&scope="
          "repository%3Aapp%3Apull: plain http to a host not listed as insecure");
    CHECK(h.client.requests().size() == 1);
  }
  SECTION("a registry not listed as insecure is spoken to over https") {
    Harness h;
    h.client.On("HEAD", "https://127.0.0.1:5000/v2/app/manifests/v1", FakeResponse(200));
    CHECK(h.ProbeOne(local).klass == ProbeClass::kPublic);
  }
  SECTION("an opaque scope is sent back as given") {
    Harness h;
    h.client.On(
        "HEAD", kHub,
        FakeResponse(401,
                     Auth(R"(Bearer realm="https://auth.example/t?a=b",scope="opaque scope:x")")));
    h.client.On("GET", "https://auth.example/t?a=b&scope=opaque%20scope%3Ax",
                FakeResponse(200, {}, R"({"token":"O"})"));
    h.client.On("HEAD", kHub, FakeResponse(200));
    CHECK(h.ProbeOne(Hub()).klass == ProbeClass::kPublic);
    CHECK(h.client.requests().size() == 3);
  }
}
