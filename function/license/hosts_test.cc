#include "function/license/hosts.h"

#include <catch2/catch.hpp>

#include "function/license/test_licenses.h"

namespace ppi::license {
namespace {

TEST_CASE("hosts from the endpoint, as KOTS derives them") {
  struct Case {
    const char* endpoint;
    const char* proxy;
    const char* registry;
  };
  const Case cases[] = {
      {"", "proxy.replicated.com", "registry.replicated.com"},
      {"https://replicated.app", "proxy.replicated.com", "registry.replicated.com"},
      {"https://staging.replicated.app", "proxy.staging.replicated.com",
       "registry.staging.replicated.com"},
      {"https://staging.replicated.app:443/path?q", "proxy.staging.replicated.com",
       "registry.staging.replicated.com"},
      // KOTS' own test cases (registry_test.go).
      {"protocol://user:pwd@staging.replicated.app", "proxy.staging.replicated.com",
       "registry.staging.replicated.com"},
      {"protocol://user:pwd@replicated-app-user1.okteto.repldev.com",
       "registry-proxy-user1.okteto.repldev.com", "vendor-registry-v2-user1.okteto.repldev.com"},
      {"protocol://use<<>>r:pwd@replicated-app", "proxy.replicated.com", "registry.replicated.com"},
      // The okteto rule needs four labels and a first label of three parts.
      {"https://replicated-app-emosbaugh.okteto.repldev.com",
       "registry-proxy-emosbaugh.okteto.repldev.com",
       "vendor-registry-v2-emosbaugh.okteto.repldev.com"},
      {"https://a-b.okteto.repldev.com", "proxy.replicated.com", "registry.replicated.com"},
      {"https://a-b-c-d.okteto.repldev.com", "proxy.replicated.com", "registry.replicated.com"},
      {"https://x.a-b-c.okteto.repldev.com", "proxy.replicated.com", "registry.replicated.com"},
      // Only the host name counts; anything else is the default.
      {"staging.replicated.app", "proxy.replicated.com", "registry.replicated.com"},
      {"https://staging.replicated.app.evil.example", "proxy.replicated.com",
       "registry.replicated.com"},
      {"https://evil.example/staging.replicated.app", "proxy.replicated.com",
       "registry.replicated.com"},
      {"https://staging.replicated.app:x", "proxy.replicated.com", "registry.replicated.com"},
      {"https://STAGING.replicated.app", "proxy.replicated.com", "registry.replicated.com"},
      {"https://staging.replicated.app\n", "proxy.replicated.com", "registry.replicated.com"},
  };
  for (const Case& c : cases) {
    INFO(c.endpoint);
    Hosts h = HostsFromEndpoint(c.endpoint);
    CHECK(h.proxy == c.proxy);
    CHECK(h.registry == c.registry);
  }
}

TEST_CASE("the host name of a URL, as Go's url.Parse and Hostname give it") {
  CHECK(UrlHostname("https://replicated.app") == "replicated.app");
  CHECK(UrlHostname("https://u:p@host:8080/x") == "host");
  CHECK(UrlHostname("https://[::1]:8080/x") == "::1");
  CHECK(UrlHostname("https://host#frag") == "host");
  CHECK(UrlHostname("//host/x") == "host");
  CHECK(UrlHostname("host/x") == "");
  CHECK(UrlHostname("mailto:a@b") == "");
  CHECK(!UrlHostname("https://[::1/x").has_value());
  CHECK(!UrlHostname("https://a b@host").has_value());
  CHECK(!UrlHostname("https://host:80a").has_value());
  CHECK(!UrlHostname("https://host\x7f").has_value());
}

TEST_CASE("without a signed replicatedProxyDomain the hosts come from the endpoint") {
  auto hosts = [](const std::string& endpoint) {
    std::string spec = testing::WithField(testing::FullSpec(), "replicatedProxyDomain", "");
    spec = testing::WithField(spec, "endpoint", "\"" + endpoint + "\"");
    return testing::LicenseOf(testing::VerifyYaml(testing::SignedLicenseYaml(spec)));
  };
  const VerifiedLicense staging = hosts("https://staging.replicated.app");
  CHECK(staging.proxy_host == "proxy.staging.replicated.com");
  CHECK(!staging.proxy_host_signed);
  CHECK(staging.registry_host == "registry.staging.replicated.com");
  const VerifiedLicense okteto = hosts("https://replicated-app-ns1.okteto.repldev.com");
  CHECK(okteto.proxy_host == "registry-proxy-ns1.okteto.repldev.com");
  CHECK(okteto.registry_host == "vendor-registry-v2-ns1.okteto.repldev.com");
  CHECK(hosts("https://replicated.app").proxy_host == "proxy.replicated.com");
}

}  // namespace
}  // namespace ppi::license
