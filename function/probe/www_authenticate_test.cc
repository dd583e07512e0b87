#include "function/probe/www_authenticate.h"

#include <catch2/catch.hpp>
#include <string>

using ppi::AuthChallenge;
using ppi::ParseWwwAuthenticate;

TEST_CASE("WWW-Authenticate: registry challenges", "[www_authenticate]") {
  struct Case {
    const char* header;
    const char* scheme;
    const char* realm;
    const char* service;
    const char* scope;
  };
  const Case cases[] = {
      {R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull")",
       "bearer", "https://auth.docker.io/token", "registry.docker.io",
       "repository:library/nginx:pull"},
      {R"(Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull")",
       "bearer", "https://ghcr.io/token", "ghcr.io", "repository:o/r:pull"},
      {R"(BEARER Realm = "https://q/t" , Service=quay.io)", "bearer", "https://q/t", "quay.io", ""},
      {R"(Basic realm="Registry Realm")", "basic", "Registry Realm", "", ""},
      {R"(Bearer realm=https://t/x,service=s)", "bearer", "https://t/x", "s", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.header);
    auto all = ParseWwwAuthenticate(c.header);
    REQUIRE(all.size() == 1);
    CHECK(all[0].scheme == c.scheme);
    CHECK(all[0].Param("realm") == c.realm);
    CHECK(all[0].Param("service") == c.service);
    CHECK(all[0].Param("scope") == c.scope);
  }
}

TEST_CASE("WWW-Authenticate: several challenges in one header", "[www_authenticate]") {
  auto all = ParseWwwAuthenticate(
      R"(Basic realm="a, b", Bearer realm="https://t/token",scope="repository:x:pull,push",error="insufficient_scope", Negotiate abc==)");
  REQUIRE(all.size() == 3);
  CHECK(all[0].scheme == "basic");
  CHECK(all[0].Param("realm") == "a, b");
  CHECK(all[1].scheme == "bearer");
  CHECK(all[1].Param("scope") == "repository:x:pull,push");
  CHECK(all[1].Param("error") == "insufficient_scope");
  CHECK(all[2].scheme == "negotiate");
  CHECK(all[2].token68 == "abc==");
  CHECK(ppi::FindChallenge(all, "bearer") == &all[1]);
  CHECK(ppi::FindChallenge(all, "digest") == nullptr);
}

TEST_CASE("WWW-Authenticate: quoted strings", "[www_authenticate]") {
  SECTION("escapes") {
    auto all = ParseWwwAuthenticate(R"(Bearer realm="a\"b\\c\,d")");
    REQUIRE(all.size() == 1);
    CHECK(all[0].Param("realm") == R"(a"b\c,d)");
  }
  SECTION("unterminated runs to the end") {
    auto all = ParseWwwAuthenticate(R"(Bearer realm="https://t/x, service=y)");
    REQUIRE(all.size() == 1);
    CHECK(all[0].Param("realm") == "https://t/x, service=y");
    CHECK(all[0].Param("service").empty());
  }
  SECTION("the first of a repeated parameter wins") {
    auto all = ParseWwwAuthenticate(R"(Bearer realm="one",realm="two")");
    CHECK(all.at(0).Param("realm") == "one");
  }
  SECTION("empty value") {
    auto all = ParseWwwAuthenticate(R"(Bearer realm="",service=x)");
    CHECK(all.at(0).Param("realm").empty());
    CHECK(all.at(0).Param("service") == "x");
  }
}

TEST_CASE("WWW-Authenticate: malformed input", "[www_authenticate]") {
  const char* junk[] = {"",      ",,,",          "=",        "\"",   "Bearer ,,=,=",
                        "=== x", "Bearer \"a\"", "\x01\x02", "@@@@", "Bearer realm"};
  for (const char* header : junk) {
    CAPTURE(header);
    auto all = ParseWwwAuthenticate(header);
    for (const AuthChallenge& c : all) CHECK(!c.scheme.empty());
  }
  CHECK(ParseWwwAuthenticate("").empty());
  CHECK(ParseWwwAuthenticate(" , ,").empty());
  auto bare = ParseWwwAuthenticate("Bearer");
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].params.empty());
}

TEST_CASE("WWW-Authenticate: 10,000 parameters", "[www_authenticate]") {
  std::string header = "Bearer ";
  for (int i = 0; i < 10000; ++i) {
    header += "p" + std::to_string(i) + "=\"v,\\\"" + std::to_string(i) + "\", ";
  }
  header += "realm=\"https://t/token\", Basic realm=x";
  auto all = ParseWwwAuthenticate(header);
  REQUIRE(all.size() == 2);
  CHECK(all[0].params.size() == 10001);
  CHECK(all[0].Param("p9999") == "v,\"9999");
  CHECK(all[0].Param("realm") == "https://t/token");
  CHECK(all[1].scheme == "basic");
}

TEST_CASE("WWW-Authenticate: 100,000 stray characters", "[www_authenticate]") {
  std::string header(100000, '=');
  header += std::string(100000, ' ') + std::string(100000, '"');
  CHECK(ParseWwwAuthenticate(header).empty());
}
