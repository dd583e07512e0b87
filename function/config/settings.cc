#include "function/config/settings.h"

#include <cctype>

namespace ppi {
namespace {

bool IsDnsLabelText(const std::string& s, bool allow_dots) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_dots && c == '.');
    if (!ok) return false;
  }
  return s.front() != '-' && s.back() != '-' && s.front() != '.' && s.back() != '.';
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

bool NotEmpty(const std::string& s) { return !s.empty(); }

// A setting that, when given, must pass `valid`.
std::optional<std::string> Checked(krm::FunctionConfig& fc, const char* key,
                                   bool (*valid)(const std::string&), const std::string& why) {
  if (!fc.Has(key)) return std::nullopt;
  std::string v = fc.String(key, "");
  if (valid && !valid(v)) fc.Error(fc.FieldOf(key), "\"" + v + "\" " + why);
  return v;
}

void ReadIdentity(krm::FunctionConfig& fc, IdentitySettings* id) {
  id->app_slug = Checked(fc, "appSlug", IsAppSlug, kAppSlugForm);
  id->license_id_env_set = fc.Has("licenseIDEnv");
  id->license_id_env = fc.String("licenseIDEnv", id->license_id_env);
  id->license_id = Checked(fc, "licenseID", nullptr, "");
  id->proxy_host = Checked(fc, "proxyHost", IsHost, kHostForm);
  id->registry_host = Checked(fc, "registryHost", IsHost, kHostForm);
  id->pull_secret_name = Checked(
      fc, "pullSecretName", [](const std::string& s) { return IsDnsLabelText(s, true); },
      "is not a valid Secret name");
  id->pull_secret_username = fc.String("pullSecretUsername", id->pull_secret_username);
  id->license_file = Checked(fc, "licenseFile", NotEmpty, "must name a file");
  id->license_key_file = Checked(fc, "licenseKeyFile", NotEmpty, "must name a file");
}

void ReadRules(krm::FunctionConfig& fc, Settings* s) {
  s->attach =
      fc.Choice<AttachPolicy>("attachPullSecret", s->attach,
                              {{"needed", AttachPolicy::kNeeded}, {"all", AttachPolicy::kAll}});
  s->private_patterns = PatternList(fc.List("private"));
  s->public_patterns = PatternList(fc.List("public"));
  s->exclude_patterns = PatternList(fc.List("exclude"));
  s->proxy_all = fc.Choice<bool>("proxyAll", false, {{"true", true}, {"false", false}});
  s->hub_names = fc.Choice<HubNames>(
      "dockerHubNames", s->hub_names,
      {{"as-written", HubNames::kAsWritten}, {"normalized", HubNames::kNormalized}});
  for (const std::string& text : fc.List("imageFields")) {
    ImageField field;
    if (!ParseImageField(text, &field)) {
      fc.Error(fc.FieldOf("imageFields"),
               "\"" + text + "\" is not Kind:path (e.g. Prometheus:spec.image)");
    } else {
      s->image_fields.push_back(std::move(field));
    }
  }
}

Policy PolicyOf(krm::FunctionConfig& fc, const char* key, Policy dflt) {
  return fc.Choice<Policy>(
      key, dflt, {{"proxy", Policy::kProxy}, {"keep", Policy::kKeep}, {"fail", Policy::kFail}});
}

void ReadProbe(krm::FunctionConfig& fc, Settings* s) {
  s->probe = fc.Choice<ProbeMode>(
      "probe", s->probe, {{"online", ProbeMode::kOnline}, {"offline", ProbeMode::kOffline}});
  ProbeOptions& o = s->probe_options;
  o.timeout_seconds = fc.Number("probeTimeoutSeconds", o.timeout_seconds, kProbeTimeoutRange.lo,
                                kProbeTimeoutRange.hi);
  o.concurrency = fc.Number("probeConcurrency", o.concurrency, kProbeConcurrencyRange.lo,
                            kProbeConcurrencyRange.hi);
  o.insecure_registries = fc.List("insecureRegistries");
  o.ca_file = fc.String("caFile", "");
  Policies& p = s->policies;
  p.on_missing = PolicyOf(fc, "onMissing", p.on_missing);
  p.on_unreachable = PolicyOf(fc, "onUnreachable", p.on_unreachable);
  p.on_rate_limited = PolicyOf(fc, "onRateLimited", p.on_rate_limited);
}

}  // namespace

bool IsAppSlug(const std::string& s) { return IsDnsLabelText(s, false); }

bool IsHost(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' ||
              c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

const krm::ConfigSchema& SettingsSchema() {
  static const krm::ConfigSchema schema = {
      kConfigKind,
      kApiVersion,
      {"appSlug",
       "licenseID",
       "licenseIDEnv",
       "licenseFile",
       "licenseKeyFile",
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
       "imageFields"},
      std::string("give a ConfigMap with data.appSlug (and data.licenseID or a LICENSE_ID "
                  "environment variable), or a ") +
          kConfigKind + " (" + kApiVersion +
          ") with spec.appSlug (or a License item in the package)",
      " (see --help for the settings)",
  };
  return schema;
}

bool ParseSettings(const krm::Node& function_config, Settings* s, std::vector<krm::Result>* results,
                   bool may_be_absent) {
  krm::FunctionConfig& fc = s->source;
  if (may_be_absent && (!function_config.IsDefined() || function_config.IsNull())) {
    s->read = true;  // every setting at its default
    return true;
  }
  s->read = fc.Read(function_config, SettingsSchema());
  if (s->read) {
    ReadIdentity(fc, &s->identity);
    ReadRules(fc, s);
    ReadProbe(fc, s);
  }
  results->insert(results->end(), fc.errors().begin(), fc.errors().end());
  return fc.ok();
}

}  // namespace ppi
