// The function's settings, read from its functionConfig (a ConfigMap's
// `data`, or the function's own kind ProxyPrivateImages with the settings
// under `spec`: see krm/function_config.h). Typed and checked here, with no
// access to the environment; who the run acts for (appSlug, license ID,
// hosts, Secret name) is settled afterwards by ResolveIdentity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "function/image/pattern.h"
#include "function/probe/prober.h"
#include "krm/document.h"
#include "krm/function_config.h"
#include "krm/result.h"

namespace ppi {

inline constexpr const char* kApiGroup = "fn.proxy-private-images.io";
inline constexpr const char* kApiVersion = "fn.proxy-private-images.io/v1alpha1";
inline constexpr const char* kConfigKind = "ProxyPrivateImages";

// The allowed ranges of the probe's limits, for the settings and the probe
// subcommand's flags alike.
struct IntRange {
  int lo, hi;
};
inline constexpr IntRange kProbeTimeoutRange{1, 600};
inline constexpr IntRange kProbeConcurrencyRange{1, 256};

enum class AttachPolicy { kNeeded, kAll };
enum class HubNames { kAsWritten, kNormalized };
enum class ProbeMode { kOnline, kOffline };
// What to do with an image whose probe did not say public or private.
enum class Policy { kProxy, kKeep, kFail };

struct Policies {
  Policy on_missing = Policy::kProxy;
  Policy on_unreachable = Policy::kFail;
  Policy on_rate_limited = Policy::kProxy;
};

// An extra place where images live in custom resources: kind plus a
// dot-separated path, "[]" meaning every element of a list
// (e.g. "Prometheus:spec.image", "MyApp:spec.workers[].image").
struct ImageField {
  std::string kind;
  std::vector<std::string> path;  // segments; "[]" for every list element
  std::string text;               // as written in the configuration
};

// The identity settings as given; each is checked for its form here and
// resolved (defaults, environment, a License) by ResolveIdentity.
struct IdentitySettings {
  std::optional<std::string> app_slug;
  std::optional<std::string> license_id;  // never printed
  std::string license_id_env = "LICENSE_ID";
  bool license_id_env_set = false;  // licenseIDEnv given explicitly
  std::optional<std::string> proxy_host;
  std::optional<std::string> registry_host;
  std::optional<std::string> pull_secret_name;
  std::string pull_secret_username = "LICENSE_ID";
  std::optional<std::string> license_file;      // a License file to read
  std::optional<std::string> license_key_file;  // extra trusted PEM keys
};

// The forms an app slug and a host must have, for the configured values
// and for those a License signs alike.
inline constexpr const char* kAppSlugForm = "must be lowercase letters, digits and '-'";
inline constexpr const char* kHostForm = "is not a host name";
bool IsAppSlug(const std::string& s);
bool IsHost(const std::string& s);

struct Settings {
  IdentitySettings identity;
  AttachPolicy attach = AttachPolicy::kNeeded;
  PatternList private_patterns;
  PatternList public_patterns;
  PatternList exclude_patterns;
  bool proxy_all = false;
  HubNames hub_names = HubNames::kAsWritten;
  std::vector<ImageField> image_fields;
  ProbeMode probe = ProbeMode::kOnline;
  ProbeOptions probe_options;
  Policies policies;
  // Where the settings came from, for errors of later stages that name a
  // setting (ResolveIdentity).
  krm::FunctionConfig source;
  // Every key was known and every value had the right shape: the values
  // are there (some may still have been refused, with an error).
  bool read = false;
};

// How the function's configuration is read (keys, kinds, messages).
const krm::ConfigSchema& SettingsSchema();

// Reads the functionConfig. Problems are appended to `results` as errors
// naming the field; returns false when there was any. An absent
// functionConfig is an error, unless `may_be_absent` (a License item in
// the input answers what it would have to say): every setting then has
// its default.
bool ParseSettings(const krm::Node& function_config, Settings* settings,
                   std::vector<krm::Result>* results, bool may_be_absent = false);

}  // namespace ppi
