#include "function/probe/url.h"

#include <catch2/catch.hpp>

using ppi::ParseUrl;
using ppi::ResolveUrl;
using ppi::Url;

TEST_CASE("URL parsing", "[url]") {
  struct Case {
    const char* text;
    const char* scheme;
    const char* host;
    const char* port;
    const char* path;
    const char* origin;
  };
  const Case cases[] = {
      {"https://Registry-1.Docker.io/v2/", "https", "registry-1.docker.io", "", "/v2/",
       "https://registry-1.docker.io:443"},
      {"http://127.0.0.1:5000", "http", "127.0.0.1", "5000", "/", "http://127.0.0.1:5000"},
      {"HTTPS://[::1]:8443/t?a=b#frag", "https", "::1", "8443", "/t?a=b", "https://[::1]:8443"},
      {"https://auth.example?x=1", "https", "auth.example", "", "/?x=1",
       "https://auth.example:443"},
      {"file:///etc/passwd", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"https://user:pw@host/", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"https://host:99999/", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"https://host:/", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"https:///x", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"//host/x", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"https://host/a b", nullptr, nullptr, nullptr, nullptr, nullptr},
      {"https://[::1/", nullptr, nullptr, nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Url url;
    bool ok = ParseUrl(c.text, &url);
    REQUIRE(ok == (c.scheme != nullptr));
    if (!ok) continue;
    CHECK(url.scheme == c.scheme);
    CHECK(url.host == c.host);
    CHECK(url.port == c.port);
    CHECK(url.path_query == c.path);
    CHECK(url.Origin() == c.origin);
  }
}

TEST_CASE("file:// parses as a URL with a host so the policy can refuse it", "[url]") {
  Url url;
  REQUIRE(ParseUrl("file://localhost/etc/passwd", &url));
  CHECK(url.scheme == "file");
}

TEST_CASE("resolving a Location", "[url]") {
  Url base;
  REQUIRE(ParseUrl("https://registry.k8s.io/v2/pause/manifests/3.9?x=1", &base));
  struct Case {
    const char* location;
    const char* resolved;
  };
  const Case cases[] = {
      {"https://us-west1-docker.pkg.dev/v2/k8s/pause/manifests/3.9",
       "https://us-west1-docker.pkg.dev/v2/k8s/pause/manifests/3.9"},
      {"//other.example/v2/x", "https://other.example/v2/x"},
      {"/v2/other/manifests/1", "https://registry.k8s.io/v2/other/manifests/1"},
      {"latest", "https://registry.k8s.io/v2/pause/manifests/latest"},
      {"?y=2", "https://registry.k8s.io/v2/pause/manifests/?y=2"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.location);
    Url out;
    REQUIRE(ResolveUrl(base, c.location, &out));
    CHECK(out.ToString() == c.resolved);
  }
  Url out;
  CHECK_FALSE(ResolveUrl(base, "https://u:p@evil/", &out));
}

TEST_CASE("query escaping", "[url]") {
  CHECK(ppi::QueryEscape("repository:library/nginx:pull") == "repository%3Alibrary%2Fnginx%3Apull");
  CHECK(ppi::QueryEscape("a b&c=d~-._") == "a%20b%26c%3Dd~-._");
}
