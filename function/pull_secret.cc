#include "function/pull_secret.h"

namespace ppi {

std::string Base64(std::string_view data) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < data.size()) {
    unsigned n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string DockerConfigJson(const Config& c) {
  std::string auth = Base64(c.pull_secret_username + ":" + c.license_id);
  std::string entry = "{\"auth\":\"" + auth + "\"}";
  std::string json = "{\"auths\":{" + krm::JsonString(c.proxy_host) + ":" + entry;
  if (c.registry_host != c.proxy_host) {
    json += "," + krm::JsonString(c.registry_host) + ":" + entry;
  }
  return json + "}}";
}

krm::Value NewPullSecret(const Config& c, const std::string& ns, const std::string& path,
                         int index) {
  krm::Value annotations = krm::Value::Map();
  annotations.Set("config.kubernetes.io/path", path);
  annotations.Set("config.kubernetes.io/index", std::to_string(index));
  annotations.Set("internal.config.kubernetes.io/path", path);
  annotations.Set("internal.config.kubernetes.io/index", std::to_string(index));
  krm::Value metadata = krm::Value::Map();
  metadata.Set("name", c.pull_secret_name);
  if (!ns.empty()) metadata.Set("namespace", ns);
  metadata.Set("annotations", annotations);
  krm::Value data = krm::Value::Map();
  data.Set(".dockerconfigjson", Base64(DockerConfigJson(c)));
  krm::Value secret = krm::Value::Map();
  secret.Set("apiVersion", "v1");
  secret.Set("kind", "Secret");
  secret.Set("metadata", metadata);
  secret.Set("type", "kubernetes.io/dockerconfigjson");
  secret.Set("data", data);
  return secret;
}

}  // namespace ppi
