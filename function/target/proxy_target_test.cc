#include "function/target/proxy_target.h"

#include <catch2/catch.hpp>

#include "function/target/target.h"

namespace ppi {
namespace {

ProxyTarget Proxy() {
  Identity id;
  id.app_slug = "app";
  id.license_id = "lic";
  id.pull_secret_name = "app-registry";
  return MakeProxyTarget(id, Settings{});
}

std::optional<OwnImage> Own(const ProxyTarget& t, const std::string& image) {
  auto parsed = ParseImageRef(image);
  return t.Own(image, std::get_if<ImageRef>(&parsed));
}

ImageRef Ref(const std::string& text) { return std::get<ImageRef>(ParseImageRef(text)); }

TEST_CASE("the proxy's own images: its output and the registry host") {
  struct Case {
    const char* image;
    const char* label;
    const char* name;  // what exclude patterns match
  };
  const Case cases[] = {
      {"proxy.replicated.com/proxy/app/quay.io/a:1", "proxied",
       "proxy.replicated.com/proxy/app/quay.io/a"},
      // a registry port: no reference by itself, read as prefix + reference
      {"proxy.replicated.com/proxy/app/registry:5000/image:tag", "proxied",
       "proxy.replicated.com/proxy/app/registry:5000/image"},
      {"PROXY.replicated.com/proxy/other/registry:5000/image", "proxied",  // any slug, any case
       "PROXY.replicated.com/proxy/other/registry:5000/image"},
      {"registry.replicated.com/app/a:1", "registry", "registry.replicated.com/app/a"},
  };
  ProxyTarget t = Proxy();
  for (const Case& c : cases) {
    INFO(c.image);
    std::optional<OwnImage> own = Own(t, c.image);
    REQUIRE(own);
    CHECK(own->action.kind == TargetAction::Kind::kAttach);
    CHECK(own->label == c.label);
    CHECK(own->name == c.name);
  }
  CHECK(Own(t, cases[0].image)->reason == "already under proxy.replicated.com/proxy/");
  for (const char* other :
       {"quay.io/a:1", "Not A Reference", "proxy.replicated.com/proxy/app/Bad:5000/Image"}) {
    CHECK_FALSE(Own(t, other));
  }
}

TEST_CASE("a custom registryHost rehosts registry.replicated.com images") {
  Identity id;
  id.app_slug = "app";
  id.registry_host = "registry.example.com";
  ProxyTarget t = MakeProxyTarget(id, Settings{});
  const std::string digest =
      "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  std::optional<OwnImage> own = Own(t, "registry.replicated.com/app/api:1" + digest);
  REQUIRE(own);
  CHECK(own->action.kind == TargetAction::Kind::kRewrite);
  CHECK(own->action.to == "registry.example.com/app/api:1" + digest);
  CHECK(own->reason == "on registry.replicated.com, replaced by registry.example.com");
  CHECK(Own(t, "registry.example.com/app/api:1")->action.kind == TargetAction::Kind::kAttach);
}

TEST_CASE("Act: public kept, private proxied, the rest by policy") {
  using Kind = TargetAction::Kind;
  struct Case {
    Visibility visibility;
    Policy policy;
    Kind kind;
    const char* note;
  };
  const Case cases[] = {
      {Visibility::kPublic, Policy::kFail, Kind::kKeep, ""},
      {Visibility::kPrivate, Policy::kFail, Kind::kRewrite, ""},
      {Visibility::kMissing, Policy::kProxy, Kind::kRewrite, "onMissing: proxy"},
      {Visibility::kMissing, Policy::kKeep, Kind::kKeep, "onMissing: keep"},
      {Visibility::kUnreachable, Policy::kFail, Kind::kFail, "onUnreachable: fail"},
      {Visibility::kRateLimited, Policy::kKeep, Kind::kKeep, "onRateLimited: keep"},
  };
  for (const Case& k : cases) {
    ProxyTarget t = Proxy();
    t.policies = Policies{k.policy, k.policy, k.policy};
    Verdict v{k.visibility, Basis::kProbe, "why", "t"};
    INFO(VisibilityName(k.visibility));
    TargetAction a = t.Act(Ref("ghcr.io/o/r:2"), &v);
    CHECK(a.kind == k.kind);
    CHECK(a.note == k.note);
    CHECK(a.to == (k.kind == Kind::kRewrite ? "proxy.replicated.com/proxy/app/ghcr.io/o/r:2" : ""));
  }
}

TEST_CASE("ProxiedName writes Docker Hub names as written or normalised") {
  ProxyTarget t = Proxy();
  CHECK(t.ProxiedName(Ref("myorg/api:1")) == "proxy.replicated.com/proxy/app/myorg/api:1");
  t.hub_names = HubNames::kNormalized;
  CHECK(t.ProxiedName(Ref("myorg/api:1")) ==
        "proxy.replicated.com/proxy/app/docker.io/myorg/api:1");
  CHECK(t.ProxiedName(
            Ref("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")) ==
        "proxy.replicated.com/proxy/app/docker.io/library/"
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

TEST_CASE("the credentials: the license for the proxy and the registry host, once each") {
  Target t = Proxy();
  const RegistryCredentials& c = CredentialsOf(t);
  CHECK(c.hosts == std::vector<std::string>{"proxy.replicated.com", "registry.replicated.com"});
  CHECK(c.username == "LICENSE_ID");
  CHECK(c.password == "lic");
  Identity same;
  same.proxy_host = same.registry_host = "images.example.com";
  CHECK(MakeProxyTarget(same, Settings{}).credentials.hosts ==
        std::vector<std::string>{"images.example.com"});
  CHECK(NeedsVisibility(t));
}

}  // namespace
}  // namespace ppi
