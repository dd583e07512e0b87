#include "function/classify.h"

#include <algorithm>

#include "function/probe/ascii.h"

namespace ppi {
namespace {

constexpr const char* kDefaultRegistryHost = "registry.replicated.com";

Decision Make(Action action, std::string klass, std::string reason) {
  Decision d;
  d.action = action;
  d.klass = std::move(klass);
  d.reason = std::move(reason);
  return d;
}

// Steps 1–3: decisions from the configuration alone.
bool DecideByRules(const ImageRef& ref, const Config& c, Decision* d) {
  std::string name = ref.Name();
  std::string domain = AsciiLower(ref.domain);
  if (const std::string* p = c.exclude_patterns.Matches(name)) {
    *d = Make(Action::kExclude, "excluded", "matches exclude pattern \"" + *p + "\"");
  } else if (domain == AsciiLower(c.proxy_host) && ref.path.rfind("proxy/", 0) == 0) {
    *d = Make(Action::kAttach, "proxied", "already under " + c.proxy_host + "/proxy/");
  } else if (domain == AsciiLower(c.registry_host)) {
    *d = Make(Action::kAttach, "registry", "on the registry host " + c.registry_host);
  } else if (domain == kDefaultRegistryHost) {
    *d = Make(Action::kRehost, "registry",
              std::string("on ") + kDefaultRegistryHost + ", replaced by " + c.registry_host);
    d->rewritten = c.registry_host + "/" + ref.path + ref.WrittenSuffix();
  } else if (const std::string* p = c.private_patterns.Matches(name)) {
    *d = Make(Action::kProxy, "private", "matches private pattern \"" + *p + "\"");
  } else if (const std::string* p = c.public_patterns.Matches(name)) {
    *d = Make(Action::kKeep, "public", "matches public pattern \"" + *p + "\"");
  } else {
    return false;
  }
  return true;
}

Policy PolicyFor(ProbeClass k, const Config& c) {
  if (k == ProbeClass::kMissing) return c.on_missing;
  if (k == ProbeClass::kRateLimited) return c.on_rate_limited;
  return c.on_unreachable;
}

const char* PolicySetting(ProbeClass k) {
  if (k == ProbeClass::kMissing) return "onMissing";
  if (k == ProbeClass::kRateLimited) return "onRateLimited";
  return "onUnreachable";
}

// A probe verdict (from the record or a probe just made) as a decision.
Decision FromVerdict(const ProbeVerdict& v, const Config& c, const std::string& source) {
  std::string klass = ProbeClassName(v.klass);
  std::string reason = v.reason + " (" + source + ")";
  if (v.klass == ProbeClass::kPublic) return Make(Action::kKeep, klass, reason);
  if (v.klass == ProbeClass::kPrivate) return Make(Action::kProxy, klass, reason);
  Policy p = PolicyFor(v.klass, c);
  std::string how = std::string(PolicySetting(v.klass)) + ": ";
  if (p == Policy::kProxy) return Make(Action::kProxy, klass, reason + "; " + how + "proxy");
  if (p == Policy::kKeep) return Make(Action::kKeep, klass, reason + "; " + how + "keep");
  return Make(Action::kFail, klass, reason + "; " + how + "fail");
}

// "<proxyHost>/proxy/<slug>/<reference>": what this function writes. The
// inner reference keeps a registry port as written (registry:5000/image),
// which the reference grammar does not allow in a path, so a proxied name
// is read as the proxy prefix plus a reference of its own.
bool IsProxiedName(const std::string& image, const Config& c) {
  std::string prefix = AsciiLower(c.proxy_host) + "/proxy/";
  if (AsciiLower(image.substr(0, prefix.size())) != prefix) return false;
  size_t slash = image.find('/', prefix.size());
  if (slash == std::string::npos || slash == prefix.size()) return false;
  return std::holds_alternative<ImageRef>(ParseImageRef(image.substr(slash + 1)));
}

}  // namespace

bool NeedsSecret(Action a) {
  return a == Action::kProxy || a == Action::kAttach || a == Action::kRehost;
}

std::string ProxiedName(const ImageRef& ref, const Config& c) {
  std::string name = c.hub_names == HubNames::kNormalized ? ref.Name() : ref.written_name;
  return c.proxy_host + "/proxy/" + c.app_slug + "/" + name + ref.WrittenSuffix();
}

std::map<std::string, Decision> Classify(const std::vector<std::string>& images, const Config& c,
                                         const ProbeRecord& record, Prober* prober) {
  std::map<std::string, Decision> out;
  std::map<std::string, ImageRef> to_probe;  // written -> ref
  for (const std::string& image : images) {
    if (IsProxiedName(image, c)) {
      out[image] = Make(Action::kAttach, "proxied", "already under " + c.proxy_host + "/proxy/");
      continue;
    }
    auto parsed = ParseImageRef(image);
    if (auto* err = std::get_if<RefError>(&parsed)) {
      out[image] = Make(Action::kFail, "invalid", err->message);
      continue;
    }
    const ImageRef& ref = std::get<ImageRef>(parsed);
    Decision d;
    auto rec = record.entries.find(ref.Normalized());
    bool online = prober && c.probe == ProbeMode::kOnline;
    if (DecideByRules(ref, c, &d)) {
    } else if (rec != record.entries.end() &&
               (!online || rec->second.klass == ProbeClass::kPublic ||
                rec->second.klass == ProbeClass::kPrivate)) {
      d = FromVerdict(
          {rec->second.klass, rec->second.reason}, c,
          "probe record" +
              (rec->second.probed_at.empty() ? std::string() : " of " + rec->second.probed_at));
    } else if (c.proxy_all) {
      d = Make(Action::kProxy, "proxied-all", "proxyAll is true");
    } else if (online) {
      to_probe[image] = ref;
      continue;
    } else {
      d = Make(Action::kUnclassified, "unclassified",
               "no rule or probe record decides it and probing is " +
                   std::string(c.probe == ProbeMode::kOffline ? "off (probe: offline)"
                                                              : "not available"));
    }
    d.key = ref.Normalized();
    if (d.action == Action::kProxy) d.rewritten = ProxiedName(ref, c);
    out[image] = std::move(d);
  }
  if (to_probe.empty()) return out;
  std::vector<ProbeTarget> targets;
  for (const auto& [image, ref] : to_probe) {
    targets.push_back(
        ProbeTarget{ref.Normalized(), ref.ApiHost(), ref.path, ref.ManifestReference()});
  }
  std::map<std::string, ProbeVerdict> verdicts = prober->Probe(targets);
  for (const auto& [image, ref] : to_probe) {
    auto v = verdicts.find(ref.Normalized());
    ProbeVerdict verdict =
        v != verdicts.end() ? v->second : ProbeVerdict{ProbeClass::kUnreachable, "not probed"};
    Decision d = FromVerdict(verdict, c, "probed");
    d.probed = true;
    d.verdict = verdict;
    d.key = ref.Normalized();
    if (d.action == Action::kProxy) d.rewritten = ProxiedName(ref, c);
    out[image] = std::move(d);
  }
  return out;
}

}  // namespace ppi
