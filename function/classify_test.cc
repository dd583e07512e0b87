#include "function/classify.h"

#include <catch2/catch.hpp>

namespace ppi {
namespace {

// Answers every probe with one verdict and records what it was asked.
class FakeProber : public Prober {
 public:
  explicit FakeProber(ProbeVerdict v) : verdict_(std::move(v)) {}
  std::map<std::string, ProbeVerdict> Probe(const std::vector<ProbeTarget>& targets) override {
    std::map<std::string, ProbeVerdict> out;
    for (const ProbeTarget& t : targets) {
      asked.push_back(t);
      out[t.key] = verdict_;
    }
    return out;
  }
  std::vector<ProbeTarget> asked;

 private:
  ProbeVerdict verdict_;
};

Config BaseConfig() {
  Config c;
  c.app_slug = "app";
  c.license_id = "lic";
  c.pull_secret_name = "app-registry";
  return c;
}

Decision One(const std::string& image, const Config& c, const ProbeRecord& r = {},
             Prober* p = nullptr) {
  return Classify({image}, c, r, p).at(image);
}

TEST_CASE("classification order: first decider wins") {
  Config c = BaseConfig();
  c.exclude_patterns = PatternList({"quay.io/excluded/*"});
  c.private_patterns = PatternList({"quay.io/*"});
  c.public_patterns = PatternList({"quay.io/*", "docker.io/library/*"});
  c.proxy_all = true;

  CHECK(One("quay.io/excluded/a:1", c).action == Action::kExclude);
  CHECK(One("proxy.replicated.com/proxy/app/quay.io/a:1", c).action == Action::kAttach);
  CHECK(One("registry.replicated.com/app/a:1", c).action == Action::kAttach);
  // private is checked before public
  Decision d = One("quay.io/x/a:1", c);
  CHECK(d.action == Action::kProxy);
  CHECK(d.reason == "matches private pattern \"quay.io/*\"");
  CHECK(d.rewritten == "proxy.replicated.com/proxy/app/quay.io/x/a:1");
  CHECK(One("nginx", c).action == Action::kKeep);
  // proxyAll takes what no rule decided
  Decision all = One("ghcr.io/x/y", c);
  CHECK(all.action == Action::kProxy);
  CHECK(all.klass == "proxied-all");
}

TEST_CASE("a custom registryHost rehosts registry.replicated.com images") {
  Config c = BaseConfig();
  c.registry_host = "registry.example.com";
  Decision d =
      One("registry.replicated.com/app/"
          "api:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          c);
  CHECK(d.action == Action::kRehost);
  CHECK(d.rewritten ==
        "registry.example.com/app/"
        "api:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  CHECK(One("registry.example.com/app/api:1", c).action == Action::kAttach);
}

TEST_CASE("the probe record decides before proxyAll and the probe") {
  Config c = BaseConfig();
  ProbeRecord r;
  r.entries["docker.io/library/nginx:1"] = {"docker.io/library/nginx:1", ProbeClass::kPublic, "200",
                                            "t"};
  r.entries["quay.io/a/b:1"] = {"quay.io/a/b:1", ProbeClass::kMissing, "404", "t"};
  c.proxy_all = true;
  FakeProber prober({ProbeClass::kPrivate, "401"});
  CHECK(One("nginx:1", c, r, &prober).action == Action::kKeep);
  CHECK(prober.asked.empty());

  // offline: a recorded "missing" follows onMissing
  c.proxy_all = false;
  c.probe = ProbeMode::kOffline;
  c.on_missing = Policy::kKeep;
  Decision missing = One("quay.io/a/b:1", c, r, &prober);
  CHECK(missing.action == Action::kKeep);
  CHECK(missing.reason == "404 (probe record of t); onMissing: keep");
  CHECK(prober.asked.empty());

  // online: the probe asks again about a record that is neither public nor private
  c.probe = ProbeMode::kOnline;
  Decision again = One("quay.io/a/b:1", c, r, &prober);
  CHECK(again.action == Action::kProxy);
  CHECK(again.probed);
  REQUIRE(prober.asked.size() == 1);
  CHECK(prober.asked[0].api_host == "quay.io");
  CHECK(prober.asked[0].path == "a/b");
  CHECK(prober.asked[0].reference == "1");
}

TEST_CASE("probe verdicts follow the policies") {
  struct Case {
    ProbeClass klass;
    Policy policy;
    Action action;
  };
  const Case cases[] = {
      {ProbeClass::kPublic, Policy::kFail, Action::kKeep},
      {ProbeClass::kPrivate, Policy::kFail, Action::kProxy},
      {ProbeClass::kMissing, Policy::kProxy, Action::kProxy},
      {ProbeClass::kMissing, Policy::kKeep, Action::kKeep},
      {ProbeClass::kUnreachable, Policy::kFail, Action::kFail},
      {ProbeClass::kRateLimited, Policy::kKeep, Action::kKeep},
  };
  for (const Case& k : cases) {
    Config c = BaseConfig();
    c.on_missing = c.on_unreachable = c.on_rate_limited = k.policy;
    FakeProber prober({k.klass, "why"});
    INFO(ProbeClassName(k.klass));
    Decision d = One("ghcr.io/o/r:2", c, {}, &prober);
    CHECK(d.action == k.action);
    CHECK(d.klass == ProbeClassName(k.klass));
    REQUIRE(prober.asked.size() == 1);
    CHECK(prober.asked[0].key == "ghcr.io/o/r:2");
  }
}

TEST_CASE("without rules or a prober an image is unclassified; invalid ones fail") {
  Config c = BaseConfig();
  CHECK(One("quay.io/a/b", c).action == Action::kUnclassified);
  Decision bad = One("nginx:", c);
  CHECK(bad.action == Action::kFail);
  CHECK(bad.reason == "invalid reference \"nginx:\": empty tag");
}

TEST_CASE("ProxiedName writes Docker Hub names as written or normalised") {
  Config c = BaseConfig();
  auto ref = std::get<ImageRef>(ParseImageRef("myorg/api:1"));
  CHECK(ProxiedName(ref, c) == "proxy.replicated.com/proxy/app/myorg/api:1");
  c.hub_names = HubNames::kNormalized;
  CHECK(ProxiedName(ref, c) == "proxy.replicated.com/proxy/app/docker.io/myorg/api:1");
  auto nginx = std::get<ImageRef>(ParseImageRef(
      "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  CHECK(ProxiedName(nginx, c) ==
        "proxy.replicated.com/proxy/app/docker.io/library/"
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

TEST_CASE("our own proxied names with a registry port are recognised") {
  Config c = BaseConfig();
  Decision d = One("proxy.replicated.com/proxy/app/registry:5000/image:tag", c);
  CHECK(d.action == Action::kAttach);
  CHECK(One("proxy.replicated.com/proxy/app/Bad:5000/Image", c).action == Action::kFail);
}

}  // namespace
}  // namespace ppi
