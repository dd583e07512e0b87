#include "function/decide/decide.h"

#include <catch2/catch.hpp>

#include "function/classify/fake_prober.h"

namespace ppi {
namespace {

Target Proxy(const Settings& s) {
  Identity id;
  id.app_slug = "app";
  id.license_id = "lic";
  return MakeProxyTarget(id, s);  // the policies are the target's
}

Decision One(const std::string& image, const Settings& s, Prober* p = nullptr,
             const ProbeRecord& r = {}) {
  return Decide({image}, s, Proxy(s), r, p, "now").at(0);
}

TEST_CASE("the order: exclude, the target's own images, then classification") {
  Settings s;
  s.exclude_patterns = PatternList({"quay.io/excluded/*"});
  s.private_patterns = PatternList({"quay.io/*"});
  s.public_patterns = PatternList({"docker.io/library/*"});
  CHECK(One("quay.io/excluded/a:1", s).action == Action::kExclude);
  CHECK(One("quay.io/excluded/a:1", s).label == "excluded");
  CHECK(One("proxy.replicated.com/proxy/app/quay.io/a:1", s).action == Action::kAttach);
  CHECK(One("registry.replicated.com/app/a:1", s).action == Action::kAttach);
  Decision d = One("quay.io/x/a:1", s);
  CHECK(d.action == Action::kRewrite);
  CHECK(d.label == "private");
  CHECK(d.reason == "matches private pattern \"quay.io/*\"");
  CHECK(d.to == "proxy.replicated.com/proxy/app/quay.io/x/a:1");
  CHECK(d.key == "quay.io/x/a:1");
  CHECK(One("nginx", s).action == Action::kKeep);
}

// Regression: with exclude "proxy.replicated.com/*" an already proxied
// image still got the pull Secret (it was recognised before exclusion).
TEST_CASE("exclude wins over already proxied images") {
  Settings s;
  s.exclude_patterns = PatternList({"proxy.replicated.com/*"});
  Decision d = One("proxy.replicated.com/proxy/app/quay.io/a:1", s);
  CHECK(d.action == Action::kExclude);
  CHECK(d.reason == "matches exclude pattern \"proxy.replicated.com/*\"");
  // also when the proxied name holds a port and is no reference by itself
  CHECK(One("proxy.replicated.com/proxy/app/registry:5000/image:tag", s).action ==
        Action::kExclude);
  s.exclude_patterns = PatternList({"registry.replicated.com/*"});
  CHECK(One("registry.replicated.com/app/a:1", s).action == Action::kExclude);
}

TEST_CASE("a policy's note follows the verdict's reason") {
  Settings s;
  s.policies.on_missing = Policy::kKeep;
  FakeProber prober({ProbeClass::kMissing, "404"});
  Decision d = One("quay.io/a/b:1", s, &prober);
  CHECK(d.action == Action::kKeep);
  CHECK(d.label == "missing");
  CHECK(d.reason == "404 (probed); onMissing: keep");
  REQUIRE(d.verdict);
  CHECK(d.verdict->basis == Basis::kProbe);
  s.policies.on_unreachable = Policy::kFail;
  FakeProber down({ProbeClass::kUnreachable, "connection refused"});
  CHECK(One("quay.io/a/b:1", s, &down).action == Action::kFail);
}

TEST_CASE("invalid references and undecided images") {
  Settings s;
  Decision bad = One("nginx:", s);
  CHECK(bad.action == Action::kInvalid);
  CHECK(bad.reason == "invalid reference \"nginx:\": empty tag");
  CHECK(bad.key.empty());
  CHECK(One("proxy.replicated.com/proxy/app/Bad:5000/Image", s).action == Action::kInvalid);
  Decision none = One("quay.io/a/b", s);
  CHECK(none.action == Action::kUnclassified);
  CHECK(none.label == "unclassified");
  CHECK_FALSE(none.verdict);
}

TEST_CASE("NeedsSecret: rewritten and attached images") {
  CHECK(NeedsSecret(Action::kRewrite));
  CHECK(NeedsSecret(Action::kAttach));
  for (Action a :
       {Action::kKeep, Action::kExclude, Action::kUnclassified, Action::kFail, Action::kInvalid}) {
    CHECK_FALSE(NeedsSecret(a));
  }
}

}  // namespace
}  // namespace ppi
