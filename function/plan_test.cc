#include "function/plan.h"

#include <catch2/catch.hpp>

namespace ppi {
namespace {

Config TestConfig() {
  Config c;
  c.app_slug = "app";
  c.license_id = "lic";
  c.pull_secret_name = "app-registry";
  c.private_patterns = PatternList({"quay.io/my-org/*"});
  c.public_patterns = PatternList({"docker.io/library/*"});
  c.exclude_patterns = PatternList({"registry.k8s.io/*"});
  return c;
}

struct Planned {
  std::unique_ptr<krm::Document> doc;  // w's nodes point into it
  Workloads w;
  RewritePlan plan;
};

Planned PlanFor(const std::string& yaml, const Config& c) {
  Planned p;
  p.doc = krm::Document::Load(yaml);
  p.w = FindImages(p.doc->root(), c);
  std::vector<std::string> images;
  for (const ImageSite& s : p.w.images) images.push_back(s.image);
  auto decisions = Classify(images, c, ProbeRecord{}, nullptr);
  p.plan = Plan(p.w, decisions, c, ProbeRecord{}, "now");
  return p;
}

TEST_CASE("Plan rewrites private images and attaches the secret where needed") {
  Planned p = PlanFor(R"(
- kind: Deployment
  metadata: {name: a, namespace: one, annotations: {config.kubernetes.io/path: dir/a.yaml}}
  spec: {template: {spec: {containers: [{image: quay.io/my-org/a:1}, {image: nginx}]}}}
- kind: Deployment
  metadata: {name: b, namespace: one}
  spec: {template: {spec: {containers: [{image: nginx}]}}}
- kind: Deployment
  metadata: {name: c}
  spec: {template: {spec: {containers: [{image: quay.io/my-org/a:1}],
                           imagePullSecrets: [{name: app-registry}]}}}
)",
                      TestConfig());
  REQUIRE(p.plan.images.size() == 2);
  CHECK(p.plan.images[0].value == "proxy.replicated.com/proxy/app/quay.io/my-org/a:1");
  CHECK(p.plan.attach == std::vector<size_t>{0});  // c already has it, b needs none
  REQUIRE(p.plan.secrets.size() == 2);
  CHECK(p.plan.secrets[0].ns == "");
  CHECK(p.plan.secrets[0].path == "app-registry.yaml");
  CHECK(p.plan.secrets[1].ns == "one");
  CHECK(p.plan.secrets[1].path == "dir/app-registry.one.yaml");
  CHECK_FALSE(p.plan.secrets[1].existing_item);
  // one result per distinct image, none an error
  CHECK(p.plan.results.size() == 2);
  CHECK_FALSE(krm::HasErrors(p.plan.results));
  CHECK(p.plan.results[0].tags.at("rewrittenTo") ==
        "proxy.replicated.com/proxy/app/quay.io/my-org/a:1");
}

TEST_CASE("Plan with attachPullSecret all skips only excluded images") {
  Config c = TestConfig();
  c.attach = AttachPolicy::kAll;
  Planned p = PlanFor(R"(
- kind: Pod
  spec: {containers: [{image: nginx}]}
- kind: Pod
  spec: {containers: [{image: registry.k8s.io/pause:3.9}]}
)",
                      c);
  CHECK(p.plan.images.empty());
  CHECK(p.plan.attach == std::vector<size_t>{0});
  REQUIRE(p.plan.secrets.size() == 1);
}

TEST_CASE("Plan finds an existing Secret and the next free index in its file") {
  Planned p = PlanFor(R"(
- kind: Deployment
  metadata: {name: a, namespace: ns, annotations: {config.kubernetes.io/path: app-registry.ns.yaml}}
  spec: {template: {spec: {containers: [{image: quay.io/my-org/a:1}]}}}
- apiVersion: v1
  kind: Secret
  metadata: {name: app-registry, namespace: other}
)",
                      TestConfig());
  REQUIRE(p.plan.secrets.size() == 1);
  CHECK(p.plan.secrets[0].index == 1);  // the Deployment holds index 0 of that file
  CHECK_FALSE(p.plan.secrets[0].existing_item);

  Planned q = PlanFor(R"(
- kind: Pod
  metadata: {name: p, namespace: ns}
  spec: {containers: [{image: quay.io/my-org/a:1}]}
- apiVersion: v1
  kind: Secret
  metadata: {name: app-registry, namespace: ns}
)",
                      TestConfig());
  REQUIRE(q.plan.secrets.size() == 1);
  CHECK(q.plan.secrets[0].existing_item == std::optional<size_t>(1));
}

TEST_CASE("Plan reports invalid images and a non-list imagePullSecrets as errors") {
  Planned p = PlanFor(R"(
- kind: Pod
  metadata: {name: p}
  spec: {containers: [{image: "nginx:"}, {image: quay.io/my-org/a:1}], imagePullSecrets: x}
)",
                      TestConfig());
  std::vector<std::string> errors;
  for (const auto& r : p.plan.results) {
    if (r.severity == krm::Severity::kError) errors.push_back(r.message);
  }
  CHECK(errors == std::vector<std::string>{
                      "Pod/p: spec.containers[0].image: invalid reference \"nginx:\": empty tag",
                      "Pod/p: spec.imagePullSecrets: must be a list"});
}

TEST_CASE("Plan refuses a rewrite that runtimes would refuse: a registry port") {
  Config c = TestConfig();
  c.private_patterns = PatternList({"quay.io/my-org/*", "registry.example.com:5000/*"});
  c.public_patterns = PatternList({"localhost:5000/*"});
  c.exclude_patterns = PatternList({"registry:5000/*"});
  Planned p = PlanFor(R"(
- kind: Deployment
  metadata: {name: web}
  spec: {template: {spec: {containers: [{image: quay.io/my-org/a:1},
                                        {image: "registry.example.com:5000/team/app:v1"},
                                        {image: "localhost:5000/cache:2"},
                                        {image: "registry:5000/image:tag"}]}}}
)",
                      c);
  std::vector<std::string> errors;
  for (const auto& r : p.plan.results) {
    if (r.severity == krm::Severity::kError) {
      errors.push_back(r.message);
      CHECK(r.field->path == "spec.template.spec.containers[1].image");
      CHECK(r.field->current_value == "registry.example.com:5000/team/app:v1");
      CHECK_FALSE(r.field->proposed_value);
    }
  }
  CHECK(errors == std::vector<std::string>{
                      "Deployment/web: spec.template.spec.containers[1].image: "
                      "registry.example.com:5000/team/app:v1: private (matches private pattern "
                      "\"registry.example.com:5000/*\"), but a registry port cannot be part of a "
                      "proxied name; exclude the image, or host it on a registry without a port"});
  // The ported image is not rewritten; public and excluded ones never were.
  REQUIRE(p.plan.images.size() == 1);
  CHECK(p.plan.images[0].value == "proxy.replicated.com/proxy/app/quay.io/my-org/a:1");
}

}  // namespace
}  // namespace ppi
