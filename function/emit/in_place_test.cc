#include "function/emit/in_place.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "function/classify/fake_prober.h"
#include "function/secret/pull_secret.h"

namespace ppi {
namespace {

const char kHead[] = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n";

struct Emitted {
  std::vector<krm::Result> problems;
  std::string text;  // the output without results
};

// Find, decide and plan as the pipeline does, then emit.
Emitted Emit(const std::string& items, Prober* prober = nullptr) {
  krm::ResourceList list;
  std::string error;
  REQUIRE(krm::ResourceList::Parse(kHead + items, krm::Limits{}, &list, &error));
  Settings s;
  s.private_patterns = PatternList({"quay.io/my-org/*"});
  Identity id;
  id.app_slug = "app";
  id.license_id = "lic";
  id.pull_secret_name = "app-registry";
  Target target = MakeProxyTarget(id, s);
  Workloads w = FindImages(list.items(), s.image_fields);
  ProbeRecord record = ReadProbeRecord(w.items, nullptr);
  std::vector<Decision> d = Decide(w.distinct, s, target, record, prober, "now");
  SecretSpec spec{"app-registry", DockerConfigJson(CredentialsOf(target)), s.attach};
  RewritePlan plan = Plan(list.root(), w, d, spec, record);
  krm::Editor editor(list);
  Emitted e;
  e.problems = EmitInPlace(plan, &editor);
  std::ostringstream out;
  REQUIRE(editor.Write(out, &error));
  e.text = out.str().substr(sizeof kHead - 1);
  return e;
}

std::string SecretData() {
  return Base64(DockerConfigJson(RegistryCredentials{
      {"proxy.replicated.com", "registry.replicated.com"}, "LICENSE_ID", "lic"}));
}

TEST_CASE("EmitInPlace rewrites, attaches and adds the Secret where the plan says") {
  Emitted e = Emit(
      "- kind: Pod\n"
      "  metadata: {name: a}\n"
      "  spec:\n"
      "    containers:\n"
      "    - image: quay.io/my-org/a:1 # private\n"
      "- kind: Pod\n"
      "  metadata: {name: b}\n"
      "  spec:\n"
      "    imagePullSecrets: [{name: other}]\n"
      "    containers: [{image: \"quay.io/my-org/b:1\"}]\n");
  CHECK(e.problems.empty());
  CHECK(e.text ==
        "- kind: Pod\n"
        "  metadata: {name: a}\n"
        "  spec:\n"
        "    containers:\n"
        "    - image: proxy.replicated.com/proxy/app/quay.io/my-org/a:1 # private\n"
        "    imagePullSecrets:\n"
        "    - name: app-registry\n"
        "- kind: Pod\n"
        "  metadata: {name: b}\n"
        "  spec:\n"
        "    imagePullSecrets: [{name: other}, {\"name\": \"app-registry\"}]\n"
        "    containers: [{image: \"proxy.replicated.com/proxy/app/quay.io/my-org/b:1\"}]\n"
        "- apiVersion: v1\n"
        "  kind: Secret\n"
        "  metadata:\n"
        "    name: app-registry\n"
        "    annotations:\n"
        "      config.kubernetes.io/path: app-registry.yaml\n"
        "      config.kubernetes.io/index: \"0\"\n"
        "      internal.config.kubernetes.io/path: app-registry.yaml\n"
        "      internal.config.kubernetes.io/index: \"0\"\n"
        "  type: kubernetes.io/dockerconfigjson\n"
        "  data:\n"
        "    .dockerconfigjson: " +
            SecretData() + "\n");
}

// Regression: an empty imagePullSecrets failed the run; it is now
// replaced by the entry, and the rest of the item stays as it was.
TEST_CASE("EmitInPlace fills an empty (null) imagePullSecrets") {
  Emitted e = Emit(
      "- kind: Pod\n"
      "  metadata: {name: a}\n"
      "  spec:\n"
      "    imagePullSecrets:\n"
      "    containers:\n"
      "    - image: quay.io/my-org/a:1\n"
      "    restartPolicy: Never\n"
      "- apiVersion: v1\n"
      "  kind: Secret\n"
      "  metadata: {name: app-registry}\n"
      "  type: Opaque\n");
  CHECK(e.problems.empty());
  CHECK(e.text ==
        "- kind: Pod\n"
        "  metadata: {name: a}\n"
        "  spec:\n"
        "    imagePullSecrets:\n"
        "    - name: app-registry\n"
        "    containers:\n"
        "    - image: proxy.replicated.com/proxy/app/quay.io/my-org/a:1\n"
        "    restartPolicy: Never\n"
        "- apiVersion: v1\n"
        "  kind: Secret\n"
        "  metadata: {name: app-registry}\n"
        "  type: kubernetes.io/dockerconfigjson\n"
        "  data:\n"
        "    .dockerconfigjson: " +
            SecretData() + "\n");
}

// Regression: "cannot rewrite image" named no resource or field.
TEST_CASE("an image that cannot be edited in place is an error naming resource and field") {
  Emitted e = Emit(
      "- kind: Deployment\n"
      "  metadata: {name: web, namespace: prod}\n"
      "  spec:\n"
      "    template:\n"
      "      spec:\n"
      "        containers:\n"
      "        - image: >-\n"
      "            quay.io/my-org/a:1\n");
  REQUIRE(e.problems.size() == 1);
  const krm::Result& r = e.problems[0];
  CHECK(r.message ==
        "Deployment/web (namespace prod): spec.template.spec.containers[0].image: cannot rewrite "
        "image \"quay.io/my-org/a:1\" to \"proxy.replicated.com/proxy/app/quay.io/my-org/a:1\": "
        "the value of image is written in a form that cannot be edited in place (a multi-line or "
        "block scalar)");
  REQUIRE(r.field);
  CHECK(r.field->path == "spec.template.spec.containers[0].image");
  CHECK(r.field->current_value == std::optional<std::string>("quay.io/my-org/a:1"));
  CHECK(r.resource->name == "web");
}

TEST_CASE("EmitInPlace writes the probe record: a new item, or the old one's images") {
  FakeProber prober({ProbeClass::kPublic, "200"});
  Emitted added =
      Emit("- kind: Pod\n  metadata: {name: a}\n  spec: {containers: [{image: x}]}\n", &prober);
  CHECK(added.problems.empty());
  CHECK(added.text.find("- apiVersion: fn.proxy-private-images.io/v1alpha1\n"
                        "  kind: ImageProbeRecord\n") != std::string::npos);
  CHECK(added.text.find("    images:\n"
                        "    - image: docker.io/library/x\n"
                        "      class: public\n"
                        "      reason: \"200\"\n"
                        "      probedAt: now\n") != std::string::npos);
  Emitted updated = Emit(
      "- kind: Pod\n  metadata: {name: a}\n  spec: {containers: [{image: x}]}\n"
      "- apiVersion: fn.proxy-private-images.io/v1alpha1\n"
      "  kind: ImageProbeRecord\n"
      "  metadata: {name: image-probe-record}\n"
      "  spec:\n"
      "    images: []\n",
      &prober);
  CHECK(updated.problems.empty());
  CHECK(updated.text.find("kind: ImageProbeRecord") ==
        updated.text.rfind("kind: ImageProbeRecord"));
  CHECK(updated.text.find("    images:\n    - image: docker.io/library/x\n") != std::string::npos);
}

}  // namespace
}  // namespace ppi
