#include "function/secret/pull_secret.h"

#include "krm/item.h"

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

std::string DockerConfigJson(const RegistryCredentials& c) {
  std::string entry = "{\"auth\":\"" + Base64(c.username + ":" + c.password) + "\"}";
  std::string json = "{\"auths\":{";
  for (size_t i = 0; i < c.hosts.size(); ++i) {
    json += (i ? "," : "") + krm::JsonString(c.hosts[i]) + ":" + entry;
  }
  return json + "}}";
}

krm::Value NewPullSecret(const PullSecret& s) {
  krm::Value annotations = krm::Value::Map();
  krm::AddFileAnnotations(s.path, s.index, &annotations);
  krm::Value metadata = krm::Value::Map();
  metadata.Set("name", s.name);
  if (!s.ns.empty()) metadata.Set("namespace", s.ns);
  metadata.Set("annotations", annotations);
  krm::Value data = krm::Value::Map();
  data.Set(".dockerconfigjson", Base64(s.dockerconfigjson));
  krm::Value secret = krm::Value::Map();
  secret.Set("apiVersion", "v1");
  secret.Set("kind", "Secret");
  secret.Set("metadata", metadata);
  secret.Set("type", kDockerConfigJsonType);
  secret.Set("data", data);
  return secret;
}

}  // namespace ppi
