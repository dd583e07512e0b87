#include "krm/item.h"

#include <catch2/catch.hpp>

namespace krm {
namespace {

TEST_CASE("RefOf and FileOf read what results need of an item") {
  auto doc = Document::Load(R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  annotations:
    internal.config.kubernetes.io/path: dir/web.yaml
    config.kubernetes.io/index: '2'
    config.kubernetes.io/local-config: "true"
)");
  ResourceRef ref = RefOf(doc->root());
  CHECK(ref.api_version == "apps/v1");
  CHECK(ref.kind == "Deployment");
  CHECK(ref.name == "web");
  CHECK(ref.ns == "prod");
  FileRef file = FileOf(doc->root());
  CHECK(file.path == "dir/web.yaml");
  CHECK(file.index == 2);
  CHECK(IsLocalConfig(doc->root()));
  CHECK(Annotation(doc->root(), "nope").empty());
}

TEST_CASE("an index that is not a small whole number is not known") {
  for (const char* index : {"'x'", "'-1'", "'1234567890'"}) {
    auto doc = Document::Load(std::string("metadata: {annotations: {config.kubernetes.io/index: ") +
                              index + "}}");
    CHECK(FileOf(doc->root()).index == -1);
  }
  CHECK_FALSE(IsLocalConfig(Document::Load("metadata: {name: x}")->root()));
}

TEST_CASE("AddFileAnnotations writes both forms kpt reads") {
  Value annotations = Value::Map();
  AddFileAnnotations("a/b.yaml", 3, &annotations);
  CHECK(ToBlock(annotations, 0, BlockStyle{}) ==
        "config.kubernetes.io/path: a/b.yaml\n"
        "config.kubernetes.io/index: \"3\"\n"
        "internal.config.kubernetes.io/path: a/b.yaml\n"
        "internal.config.kubernetes.io/index: \"3\"\n");
}

TEST_CASE("ItemResult leads with the resource and the field") {
  auto doc = Document::Load("kind: Pod\nmetadata: {name: p, namespace: n}\n");
  Result r = ItemResult(doc->root(), Severity::kWarning, "spec.x", "odd");
  CHECK(r.message == "Pod/p (namespace n): spec.x: odd");
  CHECK(r.severity == Severity::kWarning);
  REQUIRE(r.field);
  CHECK(r.field->path == "spec.x");
  CHECK(ItemResult(doc->root(), Severity::kInfo, "", "fine").message ==
        "Pod/p (namespace n): fine");
  CHECK_FALSE(ItemResult(doc->root(), Severity::kInfo, "", "fine").field);
}

}  // namespace
}  // namespace krm
