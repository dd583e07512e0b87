#include "function/find/image_sites.h"

#include <catch2/catch.hpp>

namespace ppi {
namespace {

std::vector<std::string> Paths(const Workloads& w) {
  std::vector<std::string> out;
  for (const ImageSite& s : w.images) {
    out.push_back(std::to_string(s.item) + ":" + s.field_path + "=" + s.image);
  }
  return out;
}

TEST_CASE("FindImages walks every PodSpec location and container list") {
  auto doc = krm::Document::Load(R"(
- kind: Pod
  spec:
    containers: [{image: a}]
    initContainers: [{image: b}]
    ephemeralContainers: [{image: c}]
- kind: Deployment
  spec: {template: {spec: {containers: [{image: d}], initContainers: [{image: e}]}}}
- kind: CronJob
  spec: {jobTemplate: {spec: {template: {spec: {containers: [{image: f}]}}}}}
- kind: PodTemplate
  template: {spec: {containers: [{image: g}]}}
- kind: AnyCustomKind
  spec: {template: {spec: {ephemeralContainers: [{image: h}]}}}
- kind: NotAPod
  spec: {containers: [{image: not-me}]}
- kind: Pod
  spec:
    iniContainers: [{image: typo-is-not-a-list}]
    containers: [{name: no-image}]
)");
  krm::Node items = doc->root();
  Settings config;
  Workloads w = FindImages(items, config.image_fields);
  CHECK(Paths(w) == std::vector<std::string>{
                        "0:spec.containers[0].image=a",
                        "0:spec.initContainers[0].image=b",
                        "0:spec.ephemeralContainers[0].image=c",
                        "1:spec.template.spec.containers[0].image=d",
                        "1:spec.template.spec.initContainers[0].image=e",
                        "2:spec.jobTemplate.spec.template.spec.containers[0].image=f",
                        "3:template.spec.containers[0].image=g",
                        "4:spec.template.spec.ephemeralContainers[0].image=h",
                    });
  CHECK(w.pod_specs.size() == 6);  // NotAPod is not one
  CHECK(w.problems.empty());
}

TEST_CASE("FindImages skips the Kptfile, local config and this function's kinds") {
  auto doc = krm::Document::Load(R"(
- kind: Kptfile
  pipeline: {mutators: [{image: fn}]}
  spec: {template: {spec: {containers: [{image: kptfile}]}}}
- kind: Deployment
  metadata: {annotations: {config.kubernetes.io/local-config: "true"}}
  spec: {template: {spec: {containers: [{image: local}]}}}
- apiVersion: fn.proxy-private-images.io/v1alpha1
  kind: ProxyPrivateImages
  spec: {template: {spec: {containers: [{image: cfg}]}}}
- kind: Deployment
  metadata: {namespace: ns}
  spec: {template: {spec: {containers: [{image: real}]}}}
)");
  krm::Node items = doc->root();
  Settings config;
  Workloads w = FindImages(items, config.image_fields);
  REQUIRE(w.images.size() == 1);
  CHECK(w.images[0].image == "real");
  CHECK(w.images[0].ns == "ns");
}

TEST_CASE("imageFields find images in custom resources") {
  auto doc = krm::Document::Load(R"(
- kind: Prometheus
  spec:
    image: p
    sidecars: [{image: s0}, {other: x}, {image: s2}]
- kind: Alertmanager
  spec: {image: not-configured}
)");
  krm::Node items = doc->root();
  Settings config;
  config.image_fields = {{"Prometheus", {"spec", "image"}, ""},
                         {"Prometheus", {"spec", "sidecars", "[]", "image"}, ""}};
  Workloads w = FindImages(items, config.image_fields);
  CHECK(Paths(w) == std::vector<std::string>{"0:spec.image=p", "0:spec.sidecars[0].image=s0",
                                             "0:spec.sidecars[2].image=s2"});
  CHECK(w.images[0].pod_spec == ImageSite::kNoPodSpec);
}

TEST_CASE("FindImages reports wrong shapes with resource and field") {
  auto doc = krm::Document::Load(R"(
- kind: Pod
  metadata: {name: p, namespace: n}
  spec:
    containers: {image: a}
    initContainers: [plain-string]
- scalar-item
)");
  krm::Node items = doc->root();
  Settings config;
  Workloads w = FindImages(items, config.image_fields);
  std::vector<std::string> messages;
  for (const auto& r : w.problems) messages.push_back(r.message);
  CHECK(messages ==
        std::vector<std::string>{
            "Pod/p (namespace n): spec.containers: must be a list of containers",
            "Pod/p (namespace n): spec.initContainers[0]: a container must be a mapping",
            "items[1] is not a resource (a mapping)"});
}

TEST_CASE("FindImages numbers each distinct image once, in the order found") {
  auto doc = krm::Document::Load(R"(
- kind: Pod
  spec: {containers: [{image: b}, {image: a}, {image: b}]}
- kind: Pod
  spec: {containers: [{image: a}, {image: c}]}
)");
  Workloads w = FindImages(doc->root(), {});
  CHECK(w.distinct == std::vector<std::string>{"b", "a", "c"});
  std::vector<size_t> index;
  for (const ImageSite& s : w.images) index.push_back(s.distinct);
  CHECK(index == std::vector<size_t>{0, 1, 0, 1, 2});
}

}  // namespace
}  // namespace ppi
