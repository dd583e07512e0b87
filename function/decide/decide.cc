#include "function/decide/decide.h"

#include "function/classify/classify.h"

namespace ppi {
namespace {

Decision Make(Action action, std::string label, std::string reason) {
  Decision d;
  d.action = action;
  d.label = std::move(label);
  d.reason = std::move(reason);
  return d;
}

Action ActionOf(TargetAction::Kind kind) {
  switch (kind) {
    case TargetAction::Kind::kRewrite:
      return Action::kRewrite;
    case TargetAction::Kind::kAttach:
      return Action::kAttach;
    case TargetAction::Kind::kFail:
      return Action::kFail;
    case TargetAction::Kind::kKeep:
      break;
  }
  return Action::kKeep;
}

// Steps 0 to 2; nothing when classification must decide.
std::optional<Decision> DecideFirst(const std::string& image, const ImageRef* ref,
                                    const RefError* error, const Settings& s, const Target& t) {
  std::optional<OwnImage> own = OwnImageOf(t, image, ref);
  if (!ref && !own) return Make(Action::kInvalid, "", error->message);
  std::string name = own ? own->name : ref->Name();
  if (const std::string* p = s.exclude_patterns.Matches(name)) {
    return Make(Action::kExclude, "excluded", "matches exclude pattern \"" + *p + "\"");
  }
  if (!own) return std::nullopt;
  Decision d = Make(ActionOf(own->action.kind), own->label, own->reason);
  d.to = own->action.to;
  return d;
}

// Steps 3 to 7 for one image: the classification, acted on by the target.
Decision FromClassification(const ImageRef& ref, const Classification& c, const Target& t) {
  const Verdict* v = std::get_if<Verdict>(&c);
  if (!v && NeedsVisibility(t)) {
    return Make(Action::kUnclassified, "unclassified", std::get<Undecided>(c).reason);
  }
  TargetAction act = ActOn(t, ref, v);
  std::string reason = v ? VerdictReason(*v) : "";
  if (!act.note.empty()) reason += "; " + act.note;
  Decision d = Make(ActionOf(act.kind), v ? VerdictLabel(*v) : act.label, reason);
  d.to = act.to;
  if (v) d.verdict = *v;
  return d;
}

}  // namespace

bool NeedsSecret(Action a) { return a == Action::kRewrite || a == Action::kAttach; }

std::vector<Decision> Decide(const std::vector<std::string>& images, const Settings& s,
                             const Target& t, const ProbeRecord& record, Prober* prober,
                             const std::string& now) {
  std::vector<Decision> out(images.size());
  std::vector<ImageRef> refs;      // to classify
  std::vector<size_t> classified;  // their indexes in `images`
  for (size_t i = 0; i < images.size(); ++i) {
    auto parsed = ParseImageRef(images[i]);
    const ImageRef* ref = std::get_if<ImageRef>(&parsed);
    std::optional<Decision> first =
        DecideFirst(images[i], ref, std::get_if<RefError>(&parsed), s, t);
    if (first) {
      out[i] = std::move(*first);
    } else {
      refs.push_back(*ref);
      classified.push_back(i);
    }
    if (ref) out[i].key = ref->Normalized();
  }
  // A target that takes every image asks nothing of classification.
  std::vector<Classification> verdicts =
      NeedsVisibility(t) ? Classify(refs, s, record, prober, now)
                         : std::vector<Classification>(refs.size(), Undecided{""});
  for (size_t k = 0; k < classified.size(); ++k) {
    std::string key = out[classified[k]].key;
    out[classified[k]] = FromClassification(refs[k], verdicts[k], t);
    out[classified[k]].key = key;
  }
  return out;
}

}  // namespace ppi
