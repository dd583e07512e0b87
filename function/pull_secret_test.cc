#include "function/pull_secret.h"

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

TEST_CASE("DockerConfigJson holds both hosts with user:license") {
  Config c;
  c.license_id = "lic-123";
  CHECK(DockerConfigJson(c) == "{\"auths\":{\"proxy.replicated.com\":{\"auth\":\"" +
                                   Base64("LICENSE_ID:lic-123") +
                                   "\"},\"registry.replicated.com\":{\"auth\":\"" +
                                   Base64("LICENSE_ID:lic-123") + "\"}}}");
  c.pull_secret_username = "lic-123";
  c.proxy_host = c.registry_host = "images.example.com";
  CHECK(DockerConfigJson(c) ==
        "{\"auths\":{\"images.example.com\":{\"auth\":\"" + Base64("lic-123:lic-123") + "\"}}}");
}

TEST_CASE("NewPullSecret carries name, namespace, type and kpt annotations") {
  Config c;
  c.license_id = "lic";
  c.pull_secret_name = "app-registry";
  krm::Value s = NewPullSecret(c, "prod", "dir/app-registry.prod.yaml", 1);
  std::string yaml = krm::ToBlock(s, 0, krm::BlockStyle{});
  CHECK(yaml ==
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-registry\n  namespace: prod\n"
        "  annotations:\n    config.kubernetes.io/path: dir/app-registry.prod.yaml\n"
        "    config.kubernetes.io/index: \"1\"\n"
        "    internal.config.kubernetes.io/path: dir/app-registry.prod.yaml\n"
        "    internal.config.kubernetes.io/index: \"1\"\n"
        "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: " +
            Base64(DockerConfigJson(c)) + "\n");
}

}  // namespace
}  // namespace ppi
