// Where a run of the function may show the license ID: where its input had
// it, and inside a pull Secret's .dockerconfigjson (base64 of JSON that
// holds base64("<user>:<license>")). Anywhere else (results, messages,
// stderr, other fields) is a leak. Used by the golden runner (in process)
// and by the hostile tests (the real binary).
#pragma once

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "function/secret/pull_secret.h"
#include "krm/resource_list.h"
#include "tests/file_util.h"

namespace ppi_test {

// The license as it could show up: raw, base64, and base64 of both
// username forms KOTS has used ("LICENSE_ID:<id>" and "<id>:<id>").
inline std::vector<std::string> LicenseForms(const std::string& license) {
  return {license, ppi::Base64(license), ppi::Base64("LICENSE_ID:" + license),
          ppi::Base64(license + ":" + license)};
}

// The value of each `key:` in `text` (YAML or JSON, quoted or not), in
// order; a longer key that starts with `key` (licenseIDEnv) is not `key`.
inline std::vector<std::string> ValuesOf(const std::string& text, const std::string& key) {
  std::vector<std::string> out;
  for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + 1)) {
    size_t after = p + key.size();
    if (after < text.size() && std::isalnum(static_cast<unsigned char>(text[after]))) continue;
    size_t b = text.find_first_not_of(" :\"'", after);
    if (b == std::string::npos || text.find(':', after) >= b) continue;  // not a key
    size_t e = text.find_first_of("\"',}\r\n ", b);
    out.push_back(text.substr(b, e == std::string::npos ? e : e - b));
  }
  return out;
}

// The licenses a test case's run may see, the one its pull Secrets must
// hold first: LICENSE-like variables of its environment; licenseID in its
// input (the configuration's, a License item's); licenseID in the file
// its licenseFile names, relative to the case's directory `dir`.
inline std::vector<std::string> CaseLicenses(const std::string& input,
                                             const std::map<std::string, std::string>& env,
                                             const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& [k, v] : env) {
    if (k.find("LICENSE") != std::string::npos) out.push_back(v);
  }
  for (const std::string& id : ValuesOf(input, "licenseID")) out.push_back(id);
  for (const std::string& file : ValuesOf(input, "licenseFile")) {
    std::string path = file.front() == '/' ? file : dir + "/" + file;
    for (const std::string& id : ValuesOf(ReadFile(path), "licenseID")) out.push_back(id);
  }
  std::vector<std::string> distinct;
  for (const std::string& id : out) {
    bool seen = false;
    for (const std::string& d : distinct) seen = seen || d == id;
    if (!seen && !id.empty()) distinct.push_back(id);
  }
  return distinct;
}

inline size_t CountOf(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

inline std::string DecodeBase64(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;  // padding, quotes
    bits = (bits << 6) | static_cast<unsigned>(v);
    if ((count += 6) >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

inline void CollectScalars(const krm::Node& node, std::vector<std::string>* out) {
  std::vector<krm::Node> stack{node};
  while (!stack.empty()) {
    krm::Node n = stack.back();
    stack.pop_back();
    if (n.IsScalar()) out->emplace_back(n.Scalar());
    for (krm::Node element : krm::Elements(n)) stack.push_back(element);
    for (auto [key, value] : krm::Entries(n)) {
      stack.push_back(key);
      stack.push_back(value);
    }
  }
}

// What is wrong with a run's output and stderr, one line per problem; empty
// when the license stays where it belongs.
inline std::vector<std::string> LicenseLeaks(const std::string& input, const std::string& out,
                                             const std::string& err, const std::string& license) {
  std::vector<std::string> problems;
  if (license.empty()) return problems;
  std::vector<std::string> forms = LicenseForms(license);
  for (size_t i = 0; i < forms.size(); ++i) {
    std::string which = "license form " + std::to_string(i);
    if (CountOf(out, forms[i]) > CountOf(input, forms[i])) {
      problems.push_back(which + " appears in stdout where the input did not have it");
    }
    if (err.find(forms[i]) != std::string::npos) problems.push_back(which + " appears on stderr");
  }
  krm::ResourceList list;
  std::string error;
  krm::Limits loose;
  loose.max_input_bytes = 1u << 30;
  if (!krm::ResourceList::Parse(out, loose, &list, &error)) {
    problems.push_back("stdout does not read back: " + error);
    return problems;
  }
  std::vector<std::string> scalars;
  CollectScalars(krm::ResourceList::Get(list.root(), "results"), &scalars);
  for (const std::string& s : scalars) {
    for (const std::string& form : forms) {
      if (s.find(form) != std::string::npos) problems.push_back("the results hold the license");
    }
  }
  return problems;
}

// The positive control: every .dockerconfigjson in `out` that the input did
// not have holds base64("<user>:<license>") in each "auth". Returns how many
// there are, adding a problem for each one that does not.
inline size_t CheckSecretsHoldLicense(const std::string& input, const std::string& out,
                                      const std::string& license,
                                      std::vector<std::string>* problems) {
  krm::ResourceList list;
  std::string error;
  krm::Limits loose;
  loose.max_input_bytes = 1u << 30;
  if (!krm::ResourceList::Parse(out, loose, &list, &error) || !list.items().IsSequence()) return 0;
  size_t found = 0;
  for (krm::Node item : krm::Elements(list.items())) {
    std::string value =
        krm::ResourceList::GetString(krm::ResourceList::Get(item, "data"), ".dockerconfigjson");
    if (value.empty() || input.find(value) != std::string::npos) continue;
    ++found;
    std::string json = DecodeBase64(value);
    const std::string key = "\"auth\":\"";
    size_t auths = 0;
    for (size_t p = json.find(key); p != std::string::npos; p = json.find(key, p + 1)) {
      size_t begin = p + key.size();
      std::string credentials = DecodeBase64(json.substr(begin, json.find('"', begin) - begin));
      std::string suffix = ":" + license;
      bool holds =
          credentials.size() > suffix.size() &&
          credentials.compare(credentials.size() - suffix.size(), suffix.size(), suffix) == 0;
      if (!holds) problems->push_back("a pull Secret's auth is not <user>:<license>");
      ++auths;
    }
    if (auths == 0) problems->push_back("a pull Secret has no auth");
  }
  return found;
}

}  // namespace ppi_test
