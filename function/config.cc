#include "function/config.h"

#include <cstdlib>
#include <map>
#include <set>

#include "krm/resource_list.h"

namespace ppi {
namespace {

using krm::ResourceList;

// One setting as found: its text value(s) and where it was.
struct Setting {
  std::vector<std::string> values;  // a list setting may hold several
  bool is_list = false;
  std::string field;  // "data.appSlug" or "spec.appSlug"
};

class Reader {
 public:
  Reader(const krm::Node& fc, std::vector<krm::Result>* results)
      : ref_(krm::RefOf(fc)), file_(krm::FileOf(fc)), results_(results) {}

  void Error(const std::string& field, const std::string& message) {
    krm::Result r;
    r.message = (field == "functionConfig" ? field : "functionConfig " + field) + ": " + message;
    r.severity = krm::Severity::kError;
    if (!ref_.kind.empty() || !ref_.name.empty()) r.resource = ref_;
    r.field = krm::FieldRef{field, std::nullopt, std::nullopt};
    r.file = file_;
    results_->push_back(std::move(r));
    ok_ = false;
  }
  bool ok() const { return ok_; }

  std::map<std::string, Setting> settings;

 private:
  krm::ResourceRef ref_;
  krm::FileRef file_;
  std::vector<krm::Result>* results_;
  bool ok_ = true;
};

const std::set<std::string>& KnownKeys() {
  static const std::set<std::string> keys = {"appSlug",
                                             "licenseID",
                                             "licenseIDEnv",
                                             "proxyHost",
                                             "registryHost",
                                             "pullSecretName",
                                             "pullSecretUsername",
                                             "attachPullSecret",
                                             "private",
                                             "public",
                                             "exclude",
                                             "proxyAll",
                                             "dockerHubNames",
                                             "probe",
                                             "probeTimeoutSeconds",
                                             "probeConcurrency",
                                             "insecureRegistries",
                                             "caFile",
                                             "onMissing",
                                             "onUnreachable",
                                             "onRateLimited",
                                             "imageFields"};
  return keys;
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    size_t b = part.find_first_not_of(" \t\r\n");
    size_t e = part.find_last_not_of(" \t\r\n");
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    start = comma + 1;
  }
  return out;
}

// Collects the settings of `map` (data or spec), checking names and shapes.
void Collect(const krm::Node& map, const std::string& prefix, Reader* r) {
  for (auto [key_node, v] : krm::Entries(map)) {
    std::string key(key_node.Scalar());
    std::string field = prefix + "." + key;
    if (!KnownKeys().count(key)) {
      r->Error(field, "unknown setting \"" + key + "\" (see --help for the settings)");
      continue;
    }
    Setting s{{}, false, field};
    if (v.IsScalar()) {
      s.values.emplace_back(v.Scalar());
    } else if (v.IsSequence() && prefix == "spec") {
      s.is_list = true;
      for (krm::Node item : krm::Elements(v)) {
        if (!item.IsScalar()) {
          r->Error(field, "list entries must be strings");
          break;
        }
        s.values.emplace_back(item.Scalar());
      }
    } else if (v.IsNull()) {
      s.values.push_back("");
    } else {
      r->Error(field,
               prefix == "data" ? "must be a string" : "must be a string or a list of strings");
      continue;
    }
    r->settings[key] = std::move(s);
  }
}

const Setting* Find(Reader& r, const std::string& key) {
  auto it = r.settings.find(key);
  return it == r.settings.end() ? nullptr : &(*it).second;
}

std::string Single(Reader& r, const std::string& key, const std::string& dflt) {
  const Setting* s = Find(r, key);
  if (!s) return dflt;
  if (s->is_list || s->values.size() != 1) {
    r.Error(s->field, "must be a single string");
    return dflt;
  }
  return s->values[0];
}

std::vector<std::string> ListOf(Reader& r, const std::string& key) {
  const Setting* s = Find(r, key);
  if (!s) return {};
  if (s->is_list) return s->values;
  return SplitComma(s->values.empty() ? "" : s->values[0]);
}

template <typename E>
E Choice(Reader& r, const std::string& key, E dflt,
         const std::vector<std::pair<std::string, E>>& options) {
  const Setting* s = Find(r, key);
  if (!s) return dflt;
  std::string v = Single(r, key, "");
  std::string names;
  for (const auto& [name, value] : options) {
    if (v == name) return value;
    names += (names.empty() ? "" : ", ") + name;
  }
  r.Error(s->field, "\"" + v + "\" is not one of: " + names);
  return dflt;
}

int Number(Reader& r, const std::string& key, int dflt, int lo, int hi) {
  const Setting* s = Find(r, key);
  if (!s) return dflt;
  std::string v = Single(r, key, "");
  bool digits =
      !v.empty() && v.size() < 9 && v.find_first_not_of("0123456789") == std::string::npos;
  int n = digits ? std::atoi(v.c_str()) : -1;
  if (n < lo || n > hi) {
    r.Error(s->field, "\"" + v + "\" must be a whole number from " + std::to_string(lo) + " to " +
                          std::to_string(hi));
    return dflt;
  }
  return n;
}

Policy PolicyOf(Reader& r, const std::string& key, Policy dflt) {
  return Choice<Policy>(
      r, key, dflt, {{"proxy", Policy::kProxy}, {"keep", Policy::kKeep}, {"fail", Policy::kFail}});
}

bool IsDnsLabelText(const std::string& s, bool allow_dots) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_dots && c == '.');
    if (!ok) return false;
  }
  return s.front() != '-' && s.back() != '-' && s.front() != '.' && s.back() != '.';
}

bool IsHost(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' ||
              c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

bool ParseImageField(const std::string& text, ImageField* out) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return false;
  }
  out->kind = text.substr(0, colon);
  out->text = text;
  std::string path = text.substr(colon + 1);
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    std::string seg = path.substr(start, dot - start);
    if (seg.size() > 2 && seg.compare(seg.size() - 2, 2, "[]") == 0) {
      out->path.push_back(seg.substr(0, seg.size() - 2));
      out->path.push_back("[]");
    } else if (seg.empty() || seg.find_first_of("[]") != std::string::npos) {
      return false;
    } else {
      out->path.push_back(seg);
    }
    start = dot + 1;
  }
  return out->path.back() != "[]";
}

void ReadIdentity(Reader& r, const EnvLookup& env, Config* c) {
  c->app_slug = Single(r, "appSlug", "");
  if (!Find(r, "appSlug")) {
    r.Error("appSlug",
            "is required: the application slug used in proxied "
            "image names and the pull secret's name");
  } else if (!IsDnsLabelText(c->app_slug, false)) {
    r.Error(Find(r, "appSlug")->field,
            "\"" + c->app_slug + "\" must be lowercase letters, digits and '-'");
  }
  std::string env_name = Single(r, "licenseIDEnv", "LICENSE_ID");
  if (Find(r, "licenseID")) {
    c->license_id = Single(r, "licenseID", "");
  } else if (const char* v = env(env_name.c_str())) {
    c->license_id = v;
  }
  if (c->license_id.empty()) {
    r.Error(Find(r, "licenseID") ? Find(r, "licenseID")->field : "licenseID",
            "no license ID: set licenseID, or set the environment variable " + env_name +
                " (named by licenseIDEnv)");
  }
  c->proxy_host = Single(r, "proxyHost", c->proxy_host);
  c->registry_host = Single(r, "registryHost", c->registry_host);
  for (const char* key : {"proxyHost", "registryHost"}) {
    const Setting* s = Find(r, key);
    if (s && !IsHost(Single(r, key, ""))) {
      r.Error(s->field, "\"" + Single(r, key, "") + "\" is not a host name");
    }
  }
  c->pull_secret_name = Single(r, "pullSecretName", c->app_slug + "-registry");
  if (Find(r, "pullSecretName") && !IsDnsLabelText(c->pull_secret_name, true)) {
    r.Error(Find(r, "pullSecretName")->field,
            "\"" + c->pull_secret_name + "\" is not a valid Secret name");
  }
  c->pull_secret_username = Single(r, "pullSecretUsername", c->pull_secret_username);
}

void ReadRules(Reader& r, Config* c) {
  c->attach =
      Choice<AttachPolicy>(r, "attachPullSecret", c->attach,
                           {{"needed", AttachPolicy::kNeeded}, {"all", AttachPolicy::kAll}});
  c->private_patterns = PatternList(ListOf(r, "private"));
  c->public_patterns = PatternList(ListOf(r, "public"));
  c->exclude_patterns = PatternList(ListOf(r, "exclude"));
  c->proxy_all = Choice<bool>(r, "proxyAll", false, {{"true", true}, {"false", false}});
  c->hub_names = Choice<HubNames>(
      r, "dockerHubNames", c->hub_names,
      {{"as-written", HubNames::kAsWritten}, {"normalized", HubNames::kNormalized}});
  for (const std::string& text : ListOf(r, "imageFields")) {
    ImageField field;
    if (!ParseImageField(text, &field)) {
      r.Error(Find(r, "imageFields")->field,
              "\"" + text + "\" is not Kind:path (e.g. Prometheus:spec.image)");
    } else {
      c->image_fields.push_back(std::move(field));
    }
  }
}

void ReadProbe(Reader& r, Config* c) {
  c->probe = Choice<ProbeMode>(r, "probe", c->probe,
                               {{"online", ProbeMode::kOnline}, {"offline", ProbeMode::kOffline}});
  ProbeOptions& o = c->probe_options;
  o.timeout_seconds = Number(r, "probeTimeoutSeconds", o.timeout_seconds, 1, 600);
  o.concurrency = Number(r, "probeConcurrency", o.concurrency, 1, 256);
  o.insecure_registries = ListOf(r, "insecureRegistries");
  o.ca_file = Single(r, "caFile", "");
  c->on_missing = PolicyOf(r, "onMissing", c->on_missing);
  c->on_unreachable = PolicyOf(r, "onUnreachable", c->on_unreachable);
  c->on_rate_limited = PolicyOf(r, "onRateLimited", c->on_rate_limited);
}

}  // namespace

bool ParseConfig(const krm::Node& fc, const EnvLookup& env, Config* config,
                 std::vector<krm::Result>* results) {
  Reader r(fc, results);
  if (!fc.IsDefined() || fc.IsNull()) {
    r.Error("functionConfig", std::string("is missing: give a ConfigMap with data.appSlug (and "
                                          "data.licenseID or a LICENSE_ID environment variable), "
                                          "or a ") +
                                  kConfigKind + " (" + kApiVersion + ") with spec.appSlug");
    return false;
  }
  if (!fc.IsMap()) {
    r.Error("functionConfig", std::string("must be a mapping: a ConfigMap or a ") + kConfigKind +
                                  " (" + kApiVersion + ")");
    return false;
  }
  std::string kind = ResourceList::GetString(fc, "kind");
  if (kind == "ConfigMap") {
    krm::Node data = ResourceList::Get(fc, "data");
    if (data.IsMap())
      Collect(data, "data", &r);
    else if (data.IsDefined() && !data.IsNull())
      r.Error("data", "must be a mapping of strings");
  } else if (kind == kConfigKind) {
    krm::Node spec = ResourceList::Get(fc, "spec");
    if (spec.IsMap())
      Collect(spec, "spec", &r);
    else if (spec.IsDefined() && !spec.IsNull())
      r.Error("spec", "must be a mapping");
  } else {
    r.Error("kind", "\"" + kind + "\" is not supported: use a ConfigMap or " + kConfigKind + " (" +
                        kApiVersion + ")");
    return false;
  }
  if (!r.ok()) return false;
  ReadIdentity(r, env, config);
  ReadRules(r, config);
  ReadProbe(r, config);
  return r.ok();
}

}  // namespace ppi
