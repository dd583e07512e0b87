#include "function/target/proxy_target.h"

#include "function/common/ascii.h"

namespace ppi {
namespace {

using Kind = TargetAction::Kind;

TargetAction Action(Kind kind, std::string to = "", std::string note = "") {
  TargetAction a;
  a.kind = kind;
  a.to = std::move(to);
  a.note = std::move(note);
  return a;
}

OwnImage Mine(TargetAction action, std::string label, std::string reason, std::string name) {
  return OwnImage{std::move(action), std::move(label), std::move(reason), std::move(name)};
}

Policy PolicyFor(Visibility v, const Policies& p) {
  if (v == Visibility::kMissing) return p.on_missing;
  if (v == Visibility::kRateLimited) return p.on_rate_limited;
  return p.on_unreachable;
}

const char* PolicySetting(Visibility v) {
  if (v == Visibility::kMissing) return "onMissing";
  if (v == Visibility::kRateLimited) return "onRateLimited";
  return "onUnreachable";
}

// "<proxyHost>/proxy/<slug>/<reference>": what this target writes. The
// inner reference keeps a registry port as written (registry:5000/image),
// which the reference grammar does not allow in a path, so a proxied name
// is read as the proxy prefix plus a reference of its own. Returns the
// name without tag and digest, or nothing.
std::optional<std::string> ProxiedNameOf(std::string_view image, const std::string& proxy_host) {
  std::string prefix = AsciiLower(proxy_host) + "/proxy/";
  if (AsciiLower(std::string(image.substr(0, prefix.size()))) != prefix) return std::nullopt;
  size_t slash = image.find('/', prefix.size());
  if (slash == std::string_view::npos || slash == prefix.size()) return std::nullopt;
  auto inner = ParseImageRef(image.substr(slash + 1));
  const ImageRef* ref = std::get_if<ImageRef>(&inner);
  if (!ref) return std::nullopt;
  return std::string(image.substr(0, image.size() - ref->WrittenSuffix().size()));
}

}  // namespace

std::optional<OwnImage> ProxyTarget::Own(std::string_view image, const ImageRef* ref) const {
  std::string proxied = "already under " + proxy_host + "/proxy/";
  if (std::optional<std::string> name = ProxiedNameOf(image, proxy_host)) {
    return Mine(Action(Kind::kAttach), "proxied", proxied, ref ? ref->Name() : *name);
  }
  if (!ref) return std::nullopt;
  std::string domain = AsciiLower(ref->domain);
  if (domain == AsciiLower(proxy_host) && ref->path.rfind("proxy/", 0) == 0) {
    return Mine(Action(Kind::kAttach), "proxied", proxied, ref->Name());
  }
  if (domain == AsciiLower(registry_host)) {
    return Mine(Action(Kind::kAttach), "registry", "on the registry host " + registry_host,
                ref->Name());
  }
  if (domain == kDefaultRegistryHost) {
    return Mine(
        Action(Kind::kRewrite, registry_host + "/" + ref->path + ref->WrittenSuffix()), "registry",
        std::string("on ") + kDefaultRegistryHost + ", replaced by " + registry_host, ref->Name());
  }
  return std::nullopt;
}

TargetAction ProxyTarget::Act(const ImageRef& ref, const Verdict* verdict) const {
  if (!verdict || verdict->visibility == Visibility::kPublic) return Action(Kind::kKeep);
  if (verdict->visibility == Visibility::kPrivate) return Action(Kind::kRewrite, ProxiedName(ref));
  Policy p = PolicyFor(verdict->visibility, policies);
  std::string how = std::string(PolicySetting(verdict->visibility)) + ": ";
  if (p == Policy::kProxy) return Action(Kind::kRewrite, ProxiedName(ref), how + "proxy");
  if (p == Policy::kKeep) return Action(Kind::kKeep, "", how + "keep");
  return Action(Kind::kFail, "", how + "fail");
}

std::string ProxyTarget::ProxiedName(const ImageRef& ref) const {
  std::string name = hub_names == HubNames::kNormalized ? ref.Name() : ref.written_name;
  return proxy_host + "/proxy/" + app_slug + "/" + name + ref.WrittenSuffix();
}

ProxyTarget MakeProxyTarget(const Identity& id, const Settings& s) {
  ProxyTarget t;
  t.proxy_host = id.proxy_host;
  t.registry_host = id.registry_host;
  t.app_slug = id.app_slug;
  t.hub_names = s.hub_names;
  t.policies = s.policies;
  t.credentials.hosts = {id.proxy_host};
  if (id.registry_host != id.proxy_host) t.credentials.hosts.push_back(id.registry_host);
  t.credentials.username = id.pull_secret_username;
  t.credentials.password = id.license_id;
  return t;
}

}  // namespace ppi
