#include "function/probe/proxy_env.h"

#include <catch2/catch.hpp>
#include <map>

using ppi::NoProxyMatches;

namespace {

ppi::EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const char* name) {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  };
}

std::string ProxyFor(const char* url, const ppi::EnvLookup& env) {
  ppi::Url u;
  REQUIRE(ppi::ParseUrl(url, &u));
  return ppi::ProxyFor(u, env);
}

}  // namespace

TEST_CASE("NO_PROXY matching", "[proxy_env]") {
  struct Case {
    const char* list;
    const char* host;
    bool match;
  };
  const Case cases[] = {
      {"*", "anything.example", true},
      {"example.com", "example.com", true},
      {"example.com", "registry.example.com", true},
      {".example.com", "registry.example.com", true},
      {".example.com", "example.com", true},
      {"example.com", "badexample.com", false},
      {"a.com, b.com", "x.b.com", true},
      {"a.com b.com", "b.com", true},
      {"EXAMPLE.com", "Registry.example.COM", true},
      {"127.0.0.1", "127.0.0.1", true},
      {"127.0.0.1", "127.0.0.2", false},
      {"10.0.0.0/8", "10.20.30.40", true},
      {"10.0.0.0/8", "11.0.0.1", false},
      {"fd00::/8", "fd12::1", true},
      {"::1", "::1", true},
      {"", "example.com", false},
      {",,", "example.com", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.list, c.host);
    CHECK(NoProxyMatches(c.list, c.host) == c.match);
  }
}

TEST_CASE("which proxy a URL uses", "[proxy_env]") {
  auto env = Env({{"HTTPS_PROXY", "http://proxy:3128"},
                  {"http_proxy", "http://plain:3128"},
                  {"NO_PROXY", "internal.example,10.0.0.0/8"}});
  CHECK(ProxyFor("https://registry-1.docker.io/v2/", env) == "http://proxy:3128");
  CHECK(ProxyFor("http://registry.local:5000/v2/", env) == "http://plain:3128");
  CHECK(ProxyFor("https://r.internal.example/v2/", env).empty());
  CHECK(ProxyFor("https://10.1.1.1/v2/", env).empty());
  auto lower_wins = Env({{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:1"}});
  CHECK(ProxyFor("https://x.example/", lower_wins) == "http://lower:1");
  auto all = Env({{"ALL_PROXY", "socks5://s:1080"}});
  CHECK(ProxyFor("https://x.example/", all) == "socks5://s:1080");
  auto upper_http = Env({{"HTTP_PROXY", "http://ignored:1"}});
  CHECK(ProxyFor("http://x.example/", upper_http).empty());
  CHECK(ProxyFor("https://x.example/", Env({})).empty());
}
