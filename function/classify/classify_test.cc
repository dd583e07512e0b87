#include "function/classify/classify.h"

#include <catch2/catch.hpp>

#include "function/classify/fake_prober.h"

namespace ppi {
namespace {

ImageRef Ref(const std::string& text) { return std::get<ImageRef>(ParseImageRef(text)); }

Classification One(const std::string& image, const Settings& s, const ProbeRecord& r = {},
                   Prober* p = nullptr) {
  return Classify({Ref(image)}, s, r, p, "now").at(0);
}

const Verdict& V(const Classification& c) { return std::get<Verdict>(c); }

TEST_CASE("patterns decide first: private before public, then proxyAll") {
  Settings s;
  s.private_patterns = PatternList({"quay.io/*"});
  s.public_patterns = PatternList({"quay.io/*", "docker.io/library/*"});
  s.proxy_all = true;
  Classification c = One("quay.io/x/a:1", s);
  CHECK(V(c).visibility == Visibility::kPrivate);
  CHECK(V(c).basis == Basis::kPrivatePattern);
  CHECK(V(c).reason == "matches private pattern \"quay.io/*\"");
  CHECK(V(One("nginx", s)).visibility == Visibility::kPublic);
  CHECK(V(One("nginx", s)).basis == Basis::kPublicPattern);
  Classification all = One("ghcr.io/x/y", s);
  CHECK(V(all).visibility == Visibility::kPrivate);
  CHECK(V(all).basis == Basis::kProxyAll);
  CHECK(VerdictLabel(V(all)) == "proxied-all");
  CHECK(VerdictReason(V(all)) == "proxyAll is true");
}

TEST_CASE("the probe record decides before proxyAll and the probe") {
  Settings s;
  ProbeRecord r;
  r.entries["docker.io/library/nginx:1"] = {"docker.io/library/nginx:1", ProbeClass::kPublic, "200",
                                            "t"};
  r.entries["quay.io/a/b:1"] = {"quay.io/a/b:1", ProbeClass::kMissing, "404", "t"};
  s.proxy_all = true;
  FakeProber prober({ProbeClass::kPrivate, "401"});
  Classification kept = One("nginx:1", s, r, &prober);
  CHECK(V(kept).visibility == Visibility::kPublic);
  CHECK(V(kept).basis == Basis::kRecord);
  CHECK(V(kept).probed_at == "t");
  CHECK(prober.asked.empty());

  // offline: a recorded "missing" decides
  s.proxy_all = false;
  s.probe = ProbeMode::kOffline;
  Classification missing = One("quay.io/a/b:1", s, r, &prober);
  CHECK(V(missing).visibility == Visibility::kMissing);
  CHECK(VerdictReason(V(missing)) == "404 (probe record of t)");
  CHECK(prober.asked.empty());

  // online: the probe asks again about a record that is neither public nor private
  s.probe = ProbeMode::kOnline;
  Classification again = One("quay.io/a/b:1", s, r, &prober);
  CHECK(V(again).visibility == Visibility::kPrivate);
  CHECK(V(again).basis == Basis::kProbe);
  CHECK(V(again).probed_at == "now");
  CHECK(VerdictReason(V(again)) == "401 (probed)");
  REQUIRE(prober.asked.size() == 1);
  CHECK(prober.asked[0].key == "quay.io/a/b:1");
  CHECK(prober.asked[0].api_host == "quay.io");
  CHECK(prober.asked[0].path == "a/b");
  CHECK(prober.asked[0].reference == "1");
}

TEST_CASE("a record entry without a time says only where it came from") {
  Verdict v{Visibility::kPrivate, Basis::kRecord, "401", ""};
  CHECK(VerdictReason(v) == "401 (probe record)");
  CHECK(VerdictLabel(v) == "private");
}

TEST_CASE("probing asks for every image nothing else decided, once per reference") {
  Settings s;
  FakeProber prober({ProbeClass::kPublic, "200"});
  prober.by_key["ghcr.io/o/r:2"] = {ProbeClass::kRateLimited, "429"};
  std::vector<Classification> out = Classify(
      {Ref("ghcr.io/o/r:2"), Ref("docker.io/library/nginx"), Ref("nginx")}, s, {}, &prober, "t");
  REQUIRE(out.size() == 3);
  CHECK(V(out[0]).visibility == Visibility::kRateLimited);
  CHECK(V(out[1]).visibility == Visibility::kPublic);
  CHECK(V(out[2]).visibility == Visibility::kPublic);
  CHECK(prober.asked.size() == 3);  // the prober itself asks once per key
}

TEST_CASE("without rules or a prober an image is undecided, saying why") {
  Settings s;
  CHECK(std::get<Undecided>(One("quay.io/a/b", s)).reason ==
        "no rule or probe record decides it and probing is not available");
  s.probe = ProbeMode::kOffline;
  FakeProber prober({ProbeClass::kPublic, "200"});
  CHECK(std::get<Undecided>(One("quay.io/a/b", s, {}, &prober)).reason ==
        "no rule or probe record decides it and probing is off (probe: offline)");
  CHECK(prober.asked.empty());
}

}  // namespace
}  // namespace ppi
