// The function's configuration, from a ConfigMap's `data` (what
// `kpt fn eval -- key=value` sends) or from the function's own kind
// ProxyPrivateImages (settings under `spec`). Both forms mean the same.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "function/pattern.h"
#include "function/probe/prober.h"
#include "krm/document.h"
#include "krm/result.h"

namespace ppi {

inline constexpr const char* kApiGroup = "fn.proxy-private-images.io";
inline constexpr const char* kApiVersion = "fn.proxy-private-images.io/v1alpha1";
inline constexpr const char* kConfigKind = "ProxyPrivateImages";

enum class AttachPolicy { kNeeded, kAll };
enum class HubNames { kAsWritten, kNormalized };
enum class ProbeMode { kOnline, kOffline };
// What to do with an image whose probe did not say public or private.
enum class Policy { kProxy, kKeep, kFail };

// An extra place where images live in custom resources: kind plus a
// dot-separated path, "[]" meaning every element of a list
// (e.g. "Prometheus:spec.image", "MyApp:spec.workers[].image").
struct ImageField {
  std::string kind;
  std::vector<std::string> path;  // segments; "[]" for every list element
  std::string text;               // as written in the configuration
};

struct Config {
  std::string app_slug;
  std::string license_id;  // never printed
  std::string proxy_host = "proxy.replicated.com";
  std::string registry_host = "registry.replicated.com";
  std::string pull_secret_name;  // default <appSlug>-registry
  std::string pull_secret_username = "LICENSE_ID";
  AttachPolicy attach = AttachPolicy::kNeeded;
  PatternList private_patterns;
  PatternList public_patterns;
  PatternList exclude_patterns;
  bool proxy_all = false;
  HubNames hub_names = HubNames::kAsWritten;
  ProbeMode probe = ProbeMode::kOnline;
  ProbeOptions probe_options;
  Policy on_missing = Policy::kProxy;
  Policy on_unreachable = Policy::kFail;
  Policy on_rate_limited = Policy::kProxy;
  std::vector<ImageField> image_fields;
};

// Reads environment variables (a parameter so tests need not touch the
// process environment). Returns nullptr when unset.
using EnvLookup = std::function<const char*(const char*)>;

// Reads the functionConfig. Problems are appended to `results` as errors
// naming the field; returns false when there was any.
bool ParseConfig(const krm::Node& function_config, const EnvLookup& env, Config* config,
                 std::vector<krm::Result>* results);

// The configuration reference printed by --help.
std::string ConfigReference();

}  // namespace ppi
