#include "function/probe/url_policy.h"

#include <catch2/catch.hpp>

using ppi::AddressScope;
using ppi::ClassifyAddress;
using ppi::Url;

namespace {

Url U(const char* text) {
  Url url;
  REQUIRE(ppi::ParseUrl(text, &url));
  return url;
}

}  // namespace

TEST_CASE("address scopes", "[url_policy]") {
  struct Case {
    const char* host;
    AddressScope scope;
  };
  const Case cases[] = {
      {"127.0.0.1", AddressScope::kLoopback},
      {"127.255.0.9", AddressScope::kLoopback},
      {"::1", AddressScope::kLoopback},
      {"localhost", AddressScope::kLoopback},
      {"registry.localhost", AddressScope::kLoopback},
      {"169.254.169.254", AddressScope::kLinkLocal},
      {"fe80::1", AddressScope::kLinkLocal},
      {"febf::1", AddressScope::kLinkLocal},
      {"10.1.2.3", AddressScope::kPrivate},
      {"172.16.0.1", AddressScope::kPrivate},
      {"172.31.255.255", AddressScope::kPrivate},
      {"192.168.1.1", AddressScope::kPrivate},
      {"100.64.0.1", AddressScope::kPrivate},
      {"0.0.0.0", AddressScope::kLoopback},
      {"::", AddressScope::kLoopback},
      {"fd00::1", AddressScope::kPrivate},
      {"fc00::1", AddressScope::kPrivate},
      {"::ffff:169.254.169.254", AddressScope::kLinkLocal},
      {"::ffff:10.0.0.1", AddressScope::kPrivate},
      {"172.32.0.1", AddressScope::kPublic},
      {"172.15.0.1", AddressScope::kPublic},
      {"100.128.0.1", AddressScope::kPublic},
      {"8.8.8.8", AddressScope::kPublic},
      {"2001:db8::1", AddressScope::kPublic},
      {"registry-1.docker.io", AddressScope::kNotAnAddress},
      {"169.254.169.254.nip.io", AddressScope::kNotAnAddress},
  };
  for (const Case& c : cases) {
    CAPTURE(c.host);
    CHECK(ClassifyAddress(c.host) == c.scope);
  }
}

TEST_CASE("insecure hosts: host or host:port", "[url_policy]") {
  std::vector<std::string> insecure = {"localhost", "10.0.0.5:5000", "[::1]:5000"};
  CHECK(ppi::IsInsecureHost(U("http://localhost:5000/"), insecure));
  CHECK(ppi::IsInsecureHost(U("http://localhost/"), insecure));
  CHECK(ppi::IsInsecureHost(U("http://10.0.0.5:5000/"), insecure));
  CHECK_FALSE(ppi::IsInsecureHost(U("http://10.0.0.5:5001/"), insecure));
  CHECK_FALSE(ppi::IsInsecureHost(U("http://10.0.0.5/"), insecure));
  CHECK(ppi::IsInsecureHost(U("http://[::1]:5000/"), insecure));
  CHECK_FALSE(ppi::IsInsecureHost(U("http://localhost.evil.com/"), insecure));
}

TEST_CASE("the URL policy (SSRF guard)", "[url_policy]") {
  std::vector<std::string> insecure = {"127.0.0.1:5000", "plain.example"};
  struct Case {
    const char* url;
    bool allow_private;
    const char* refusal;
  };
  const Case cases[] = {
      {"https://auth.docker.io/token", false, ""},
      {"https://127.0.0.1:5001/token", true, ""},
      {"http://127.0.0.1:5000/v2/", true, ""},
      {"http://plain.example/token", false, ""},
      {"https://169.254.169.254/latest/meta-data/", false,
       "refused https://169.254.169.254/latest/meta-data/: link-local address"},
      {"https://127.0.0.1:5001/token", false,
       "refused https://127.0.0.1:5001/token: loopback address"},
      {"https://localhost/x", false, "refused https://localhost/x: loopback address"},
      {"https://10.0.0.1/x", false, "refused https://10.0.0.1/x: private address"},
      {"https://[fe80::1]/x", false, "refused https://[fe80::1]/x: link-local address"},
      {"https://[::ffff:a9fe:a9fe]/", false,
       "refused https://[::ffff:a9fe:a9fe]/: link-local address"},
      {"http://auth.example/token", false,
       "refused http://auth.example/token: plain http to a host not listed as "
       "insecure"},
      {"http://127.0.0.1:5001/token", true,
       "refused http://127.0.0.1:5001/token: plain http to a host not listed "
       "as "
       "insecure"},
      {"file://localhost/etc/passwd", true,
       "refused file://localhost/etc/passwd: scheme file is not allowed"},
      {"gopher://evil.example/x", false,
       "refused gopher://evil.example/x: scheme gopher is not allowed"},
      {"ftp://evil.example/x", false, "refused ftp://evil.example/x: scheme ftp is not allowed"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.url, c.allow_private);
    CHECK(ppi::CheckUrl(U(c.url), insecure, c.allow_private) == c.refusal);
  }
}
