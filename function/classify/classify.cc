#include "function/classify/classify.h"

#include <optional>

namespace ppi {
namespace {

Verdict ByPattern(Visibility v, Basis basis, const char* which, const std::string& pattern) {
  return Verdict{v, basis, std::string("matches ") + which + " pattern \"" + pattern + "\"", ""};
}

// Steps 3 to 5: what decides without asking a registry.
std::optional<Verdict> DecideLocally(const ImageRef& ref, const Settings& s,
                                     const ProbeRecord& record, bool online) {
  std::string name = ref.Name();
  if (const std::string* p = s.private_patterns.Matches(name)) {
    return ByPattern(Visibility::kPrivate, Basis::kPrivatePattern, "private", *p);
  }
  if (const std::string* p = s.public_patterns.Matches(name)) {
    return ByPattern(Visibility::kPublic, Basis::kPublicPattern, "public", *p);
  }
  auto rec = record.entries.find(ref.Normalized());
  if (rec != record.entries.end()) {
    const RecordEntry& e = rec->second;
    bool settled = e.klass == Visibility::kPublic || e.klass == Visibility::kPrivate;
    if (settled || !online) return Verdict{e.klass, Basis::kRecord, e.reason, e.probed_at};
  }
  if (s.proxy_all) return Verdict{Visibility::kPrivate, Basis::kProxyAll, "proxyAll is true", ""};
  return std::nullopt;
}

}  // namespace

std::vector<Classification> Classify(const std::vector<ImageRef>& refs, const Settings& s,
                                     const ProbeRecord& record, Prober* prober,
                                     const std::string& now) {
  bool online = prober && s.probe == ProbeMode::kOnline;
  std::vector<Classification> out(refs.size());
  std::vector<size_t> asked;  // indexes into refs
  std::vector<ProbeTarget> targets;
  for (size_t i = 0; i < refs.size(); ++i) {
    const ImageRef& ref = refs[i];
    if (std::optional<Verdict> v = DecideLocally(ref, s, record, online)) {
      out[i] = *v;
    } else if (online) {
      asked.push_back(i);
      targets.push_back(
          ProbeTarget{ref.Normalized(), ref.ApiHost(), ref.path, ref.ManifestReference()});
    } else {
      out[i] = Undecided{
          "no rule or probe record decides it and probing is " +
          std::string(s.probe == ProbeMode::kOffline ? "off (probe: offline)" : "not available")};
    }
  }
  if (targets.empty()) return out;
  std::map<std::string, ProbeVerdict> verdicts = prober->Probe(targets);
  for (size_t i : asked) {
    auto v = verdicts.find(refs[i].Normalized());
    ProbeVerdict pv =
        v != verdicts.end() ? v->second : ProbeVerdict{ProbeClass::kUnreachable, "not probed"};
    out[i] = Verdict{pv.klass, Basis::kProbe, pv.reason, now};
  }
  return out;
}

}  // namespace ppi
