#include "function/secret/pull_secret.h"

#include <catch2/catch.hpp>

namespace ppi {
namespace {

TEST_CASE("Base64 encodes with padding") {
  CHECK(Base64("") == "");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("fo") == "Zm8=");
  CHECK(Base64("foo") == "Zm9v");
  CHECK(Base64("foobar") == "Zm9vYmFy");
  CHECK(Base64(std::string("\xff\x00\x10", 3)) == "/wAQ");
}

TEST_CASE("DockerConfigJson holds every host with user:password") {
  RegistryCredentials c{
      {"proxy.replicated.com", "registry.replicated.com"}, "LICENSE_ID", "lic-123"};
  CHECK(DockerConfigJson(c) == "{\"auths\":{\"proxy.replicated.com\":{\"auth\":\"" +
                                   Base64("LICENSE_ID:lic-123") +
                                   "\"},\"registry.replicated.com\":{\"auth\":\"" +
                                   Base64("LICENSE_ID:lic-123") + "\"}}}");
  RegistryCredentials one{{"images.example.com"}, "lic-123", "lic-123"};
  CHECK(DockerConfigJson(one) ==
        "{\"auths\":{\"images.example.com\":{\"auth\":\"" + Base64("lic-123:lic-123") + "\"}}}");
}

TEST_CASE("NewPullSecret carries name, namespace, type and kpt annotations") {
  PullSecret s;
  s.ns = "prod";
  s.name = "app-registry";
  s.dockerconfigjson = "{\"auths\":{}}";
  s.path = "dir/app-registry.prod.yaml";
  s.index = 1;
  std::string yaml = krm::ToBlock(NewPullSecret(s), 0, krm::BlockStyle{});
  CHECK(yaml ==
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-registry\n  namespace: prod\n"
        "  annotations:\n    config.kubernetes.io/path: dir/app-registry.prod.yaml\n"
        "    config.kubernetes.io/index: \"1\"\n"
        "    internal.config.kubernetes.io/path: dir/app-registry.prod.yaml\n"
        "    internal.config.kubernetes.io/index: \"1\"\n"
        "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: " +
            Base64(s.dockerconfigjson) + "\n");
  s.ns.clear();
  CHECK(krm::ToBlock(NewPullSecret(s), 0, krm::BlockStyle{}).find("namespace") ==
        std::string::npos);
}

}  // namespace
}  // namespace ppi
