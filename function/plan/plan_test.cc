#include "function/plan/plan.h"

#include <catch2/catch.hpp>

#include "function/classify/fake_prober.h"

namespace ppi {
namespace {

Settings TestSettings() {
  Settings s;
  s.private_patterns = PatternList({"quay.io/my-org/*"});
  s.public_patterns = PatternList({"docker.io/library/*"});
  s.exclude_patterns = PatternList({"registry.k8s.io/*"});
  return s;
}

struct Planned {
  std::unique_ptr<krm::Document> doc;  // w's nodes point into it
  Workloads w;
  RewritePlan plan;
};

Planned PlanFor(const std::string& yaml, const Settings& s, Prober* prober = nullptr,
                const ProbeRecord& record = {}) {
  Identity id;
  id.app_slug = "app";
  id.license_id = "lic";
  id.pull_secret_name = "app-registry";
  Target target = MakeProxyTarget(id, s);
  Planned p;
  p.doc = krm::Document::Load(yaml);
  p.w = FindImages(p.doc->root(), s.image_fields);
  std::vector<Decision> decisions = Decide(p.w.distinct, s, target, record, prober, "now");
  p.plan =
      Plan(p.doc->root(), p.w, decisions, SecretSpec{"app-registry", "{json}", s.attach}, record);
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
                      TestSettings());
  REQUIRE(p.plan.rewrites.size() == 2);
  const ImageRewrite& r = p.plan.rewrites[0];
  CHECK(r.to == "proxy.replicated.com/proxy/app/quay.io/my-org/a:1");
  CHECK(r.from == "quay.io/my-org/a:1");
  CHECK(r.field_path == "spec.template.spec.containers[0].image");
  CHECK(r.owner.ref.name == "a");
  CHECK(r.owner.file.path == "dir/a.yaml");
  CHECK(r.node.Scalar() == "quay.io/my-org/a:1");
  REQUIRE(p.plan.attachments.size() == 1);  // c already has it, b needs none
  CHECK(p.plan.attachments[0].owner.ref.name == "a");
  CHECK(p.plan.attachments[0].path == "spec.template.spec");
  CHECK_FALSE(p.plan.attachments[0].list.IsDefined());
  REQUIRE(p.plan.secrets.size() == 2);
  CHECK(p.plan.secrets[0].ns == "");
  CHECK(p.plan.secrets[0].path == "app-registry.yaml");
  CHECK(p.plan.secrets[0].dockerconfigjson == "{json}");
  CHECK(p.plan.secrets[1].ns == "one");
  CHECK(p.plan.secrets[1].name == "app-registry");
  CHECK(p.plan.secrets[1].path == "dir/app-registry.one.yaml");
  CHECK_FALSE(p.plan.secrets[1].existing);
  CHECK_FALSE(p.plan.record);
  CHECK(p.plan.counts.images == 4);
  CHECK(p.plan.counts.distinct == 2);
  CHECK(p.plan.counts.pod_specs == 3);
  // one result per distinct image, none an error
  CHECK(p.plan.results.size() == 2);
  CHECK_FALSE(krm::HasErrors(p.plan.results));
  CHECK(p.plan.results[0].tags.at("rewrittenTo") ==
        "proxy.replicated.com/proxy/app/quay.io/my-org/a:1");
}

TEST_CASE("Plan with attachPullSecret all skips only excluded images") {
  Settings s = TestSettings();
  s.attach = AttachPolicy::kAll;
  Planned p = PlanFor(R"(
- kind: Pod
  spec: {containers: [{image: nginx}]}
- kind: Pod
  spec: {containers: [{image: registry.k8s.io/pause:3.9}]}
)",
                      s);
  CHECK(p.plan.rewrites.empty());
  REQUIRE(p.plan.attachments.size() == 1);
  CHECK(p.plan.attachments[0].pod_spec.is(p.w.pod_specs[0].pod_spec));
  REQUIRE(p.plan.secrets.size() == 1);
}

// A Pod in namespace ns (annotated with `path`) and a Secret app-registry in
// namespace `secret_ns`.
std::string PodAndSecret(const std::string& path, const std::string& secret_ns) {
  return "- kind: Pod\n"
         "  metadata: {name: p, namespace: ns, annotations: {config.kubernetes.io/path: " +
         path +
         "}}\n"
         "  spec: {containers: [{image: quay.io/my-org/a:1}]}\n"
         "- apiVersion: v1\n"
         "  kind: Secret\n"
         "  metadata: {name: app-registry, namespace: " +
         secret_ns + "}\n";
}

TEST_CASE("Plan finds an existing Secret and the next free index in its file") {
  Planned p = PlanFor(PodAndSecret("app-registry.ns.yaml", "other"), TestSettings());
  REQUIRE(p.plan.secrets.size() == 1);
  CHECK(p.plan.secrets[0].index == 1);  // the Pod holds index 0 of that file
  CHECK_FALSE(p.plan.secrets[0].existing);

  Planned q = PlanFor(PodAndSecret("pod.yaml", "ns"), TestSettings());
  REQUIRE(q.plan.secrets.size() == 1);
  REQUIRE(q.plan.secrets[0].existing);
  CHECK(q.plan.secrets[0].existing->item.is(q.w.items[1]));
  CHECK(q.plan.secrets[0].existing->ref.kind == "Secret");
  CHECK(q.plan.secrets[0].index == 0);
}

TEST_CASE("Plan reports invalid images and a non-list imagePullSecrets as errors") {
  Planned p = PlanFor(R"(
- kind: Pod
  metadata: {name: p}
  spec: {containers: [{image: "nginx:"}, {image: quay.io/my-org/a:1}], imagePullSecrets: x}
)",
                      TestSettings());
  std::vector<std::string> errors;
  for (const auto& r : p.plan.results) {
    if (r.severity == krm::Severity::kError) errors.push_back(r.message);
  }
  CHECK(errors == std::vector<std::string>{
                      "Pod/p: spec.containers[0].image: invalid reference \"nginx:\": empty tag",
                      "Pod/p: spec.imagePullSecrets: must be a list"});
}

// Regression: "imagePullSecrets:" written but empty (Helm output often has
// it) failed the whole run with "must be a list".
TEST_CASE("an empty (null) imagePullSecrets counts as absent") {
  for (const char* empty : {"imagePullSecrets:", "imagePullSecrets: null", "imagePullSecrets: ~"}) {
    INFO(empty);
    Planned p = PlanFor(std::string(R"(
- kind: Pod
  metadata: {name: p}
  spec:
    )") + empty + R"(
    containers: [{image: quay.io/my-org/a:1}]
)",
                        TestSettings());
    CHECK_FALSE(krm::HasErrors(p.plan.results));
    REQUIRE(p.plan.attachments.size() == 1);
    CHECK(p.plan.attachments[0].list.IsNull());
  }
}

TEST_CASE("Plan updates the probe record with what was probed in this run") {
  Settings s;
  FakeProber prober({ProbeClass::kPrivate, "401"});
  ProbeRecord record;
  record.entries["docker.io/library/old:1"] = {"docker.io/library/old:1", ProbeClass::kPublic,
                                               "200", "then"};
  Planned p = PlanFor(R"(
- kind: Pod
  metadata: {name: p}
  spec: {containers: [{image: ghcr.io/o/r:1}]}
)",
                      s, &prober, record);
  REQUIRE(p.plan.record);
  CHECK_FALSE(p.plan.record->existing);
  REQUIRE(p.plan.record->entries.size() == 2);
  const RecordEntry& e = p.plan.record->entries.at("ghcr.io/o/r:1");
  CHECK(e.klass == ProbeClass::kPrivate);
  CHECK(e.reason == "401");
  CHECK(e.probed_at == "now");
}

TEST_CASE("Plan reports decisions it was not given for every image") {
  auto doc = krm::Document::Load("- kind: Pod\n  spec: {containers: [{image: nginx}]}\n");
  Workloads w = FindImages(doc->root(), {});
  RewritePlan plan = Plan(doc->root(), w, {}, SecretSpec{}, ProbeRecord{});
  REQUIRE(plan.results.size() == 1);
  CHECK(plan.results[0].message == "internal error: 0 decisions for 1 images");
}

TEST_CASE("Plan refuses a rewrite that runtimes would refuse: a registry port") {
  Settings c = TestSettings();
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
  REQUIRE(p.plan.rewrites.size() == 1);
  CHECK(p.plan.rewrites[0].to == "proxy.replicated.com/proxy/app/quay.io/my-org/a:1");
}

TEST_CASE("Plan warns of a kept name under the proxy with a registry port") {
  Planned p = PlanFor(R"(
- kind: Pod
  metadata: {name: p}
  spec: {containers: [{image: "proxy.replicated.com/proxy/app/registry:5000/team/b:2"}]}
)",
                      TestSettings());
  std::vector<std::string> warnings;
  for (const auto& r : p.plan.results) {
    if (r.severity == krm::Severity::kWarning) warnings.push_back(r.message);
  }
  CHECK(warnings == std::vector<std::string>{
                        "Pod/p: spec.containers[0].image: "
                        "proxy.replicated.com/proxy/app/registry:5000/team/b:2: runtimes refuse "
                        "this reference (a registry port cannot be part of a proxied name); it is "
                        "left as written"});
  CHECK_FALSE(krm::HasErrors(p.plan.results));
  CHECK(p.plan.attachments.size() == 1);  // still the proxy's own: the Secret is attached
}

}  // namespace
}  // namespace ppi
