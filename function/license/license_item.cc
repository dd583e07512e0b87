#include "function/license/license_item.h"

#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "krm/yaml_reader.h"

namespace ppi::license {
namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";

// The value of `key` in `map`, or an undefined node. Keys written twice
// are refused (FirstDuplicate) before values are read.
krm::Node Get(const krm::Node& map, std::string_view key) {
  for (auto [k, v] : krm::Entries(map)) {
    if (k.IsScalar() && k.Scalar() == key) return v;
  }
  return krm::Node();
}

// The first key of `map` written twice, or nullptr.
std::optional<std::string> FirstDuplicate(const krm::Node& map) {
  std::set<std::string_view> seen;
  for (auto [k, v] : krm::Entries(map)) {
    if (k.IsScalar() && !seen.insert(k.Scalar()).second) return std::string(k.Scalar());
  }
  return std::nullopt;
}

Typed TypedNode(const krm::Node& n) {
  if (!n.IsDefined()) return {};
  if (n.IsNull()) return {Typed::Kind::kNull, ""};
  if (!n.IsScalar()) return Typed::Other();
  std::string_view tag = n.Tag();
  if (tag == "?" || tag == "!" || tag == kStrTag) {
    return FromYamlScalar(n.Scalar(), tag == "?");
  }
  return Typed::Other();  // an explicit tag: not what KOTS writes
}

std::vector<Typed> Fields(const krm::Node& map, const std::vector<FieldSpec>& specs) {
  std::vector<Typed> out;
  for (const FieldSpec& spec : specs) out.push_back(TypedNode(Get(map, spec.name)));
  return out;
}

EntitlementView Entitlement(std::string_view name, const krm::Node& map, Version v) {
  EntitlementView e;
  e.name = std::string(name);
  e.fields = Fields(map, EntitlementFields());
  krm::Node value = Get(map, "value");
  e.value = TypedNode(value);
  if (!value.IsDefined() && v == Version::kV1Beta2) e.value = Typed::Int(0);
  krm::Node sig = Get(map, "signature");
  if (sig.IsMap()) {
    // Base64 text, whatever a plain scalar would resolve to; null is none.
    krm::Node text = Get(sig, SignatureKey(v));
    Typed t = TypedNode(text);
    bool none = t.is(Typed::Kind::kAbsent) || t.is(Typed::Kind::kNull);
    e.signature = none || !text.IsScalar() ? t : Typed::String(std::string(text.Scalar()));
  } else if (sig.IsDefined() && !sig.IsNull()) {
    e.signature = Typed::Other();
  }
  return e;
}

// Keys written twice anywhere among the compared mappings, as a path.
std::optional<std::string> DuplicateIn(const krm::Node& spec) {
  if (auto d = FirstDuplicate(spec)) return *d;
  for (krm::Node channel : krm::Elements(Get(spec, "channels"))) {
    if (auto d = FirstDuplicate(channel)) return "channels[]." + *d;
  }
  krm::Node entitlements = Get(spec, "entitlements");
  if (auto d = FirstDuplicate(entitlements)) return "entitlements." + *d;
  for (auto [name, e] : krm::Entries(entitlements)) {
    if (auto d = FirstDuplicate(e)) return "entitlements." + std::string(name.Scalar()) + "." + *d;
  }
  return std::nullopt;
}

SpecView ReadSpec(const krm::Node& spec, Version v) {
  SpecView out;
  out.fields = Fields(spec, SpecFields());
  krm::Node channels = Get(spec, "channels");
  if (channels.IsSequence()) out.channels_shape = Shape::kPresent;
  if (channels.IsDefined() && !channels.IsNull() && !channels.IsSequence()) {
    out.channels_shape = Shape::kWrongType;
  }
  for (krm::Node channel : krm::Elements(channels)) {
    if (!channel.IsMap()) out.channels_shape = Shape::kWrongType;
    out.channels.push_back(Fields(channel, ChannelFields()));
  }
  krm::Node entitlements = Get(spec, "entitlements");
  if (entitlements.IsMap()) out.entitlements_shape = Shape::kPresent;
  if (entitlements.IsDefined() && !entitlements.IsNull() && !entitlements.IsMap()) {
    out.entitlements_shape = Shape::kWrongType;
  }
  for (auto [name, e] : krm::Entries(entitlements)) {
    if (!name.IsScalar() || !e.IsMap()) out.entitlements_shape = Shape::kWrongType;
    out.entitlements.push_back(Entitlement(name.Scalar(), e, v));
  }
  return out;
}

LicenseError NotALicense(const std::string& field, const std::string& why) {
  return Error(ErrorKind::kNotALicense, field, "license " + why);
}

}  // namespace

bool IsLicenseItem(const krm::Node& item) {
  std::string_view api = Get(item, "apiVersion").Scalar();
  return Get(item, "kind").Scalar() == "License" &&
         (api == "kots.io/v1beta1" || api == "kots.io/v1beta2");
}

std::variant<OuterLicense, LicenseError> ReadOuterLicense(const krm::Node& item) {
  if (!item.IsMap()) return NotALicense("", "is not a mapping");
  if (auto d = FirstDuplicate(item)) {
    return Error(ErrorKind::kMalformed, *d, "license field " + Quote(*d) + " is written twice");
  }
  std::string_view kind = Get(item, "kind").Scalar();
  std::string_view api = Get(item, "apiVersion").Scalar();
  if (kind != "License") return NotALicense("kind", "kind is " + Quote(kind) + ", not License");
  if (api != "kots.io/v1beta1" && api != "kots.io/v1beta2") {
    return NotALicense("apiVersion",
                       "apiVersion " + Quote(api) + " is not kots.io/v1beta1 or kots.io/v1beta2");
  }
  krm::Node spec = Get(item, "spec");
  if (!spec.IsMap()) return NotALicense("spec", "has no spec");
  if (auto d = DuplicateIn(spec)) {
    return Error(ErrorKind::kMalformed, "spec." + *d,
                 "license field " + Quote(*d) + " is written twice");
  }
  krm::Node signature = Get(spec, "signature");
  if (!signature.IsScalar() || signature.Scalar().empty()) {
    return Error(ErrorKind::kMalformed, "spec.signature", "license has no spec.signature");
  }
  OuterLicense out;
  out.version = api == "kots.io/v1beta1" ? Version::kV1Beta1 : Version::kV1Beta2;
  out.signature = std::string(signature.Scalar());
  out.spec = ReadSpec(spec, out.version);
  out.license_id_text = std::string(Get(spec, "licenseID").Scalar());
  return out;
}

LicenseOutcome VerifyLicenseItem(const krm::Node& item, const TrustedKeys& keys,
                                 const Instant& now) {
  auto outer = ReadOuterLicense(item);
  if (auto* error = std::get_if<LicenseError>(&outer)) {
    std::string id(Get(Get(item, "spec"), "licenseID").Scalar());
    error->message = Redact(error->message, id);
    error->field = Redact(error->field, id);
    return *error;
  }
  return VerifyLicense(std::get<OuterLicense>(outer), keys, now);
}

LicenseOutcome VerifyLicenseText(std::string_view text, const TrustedKeys& keys,
                                 const Instant& now) {
  auto doc = std::make_unique<krm::Document>();
  std::string why;
  if (!krm::ReadOneDocument(text, doc.get(), &why)) {
    // Which of the reader's refusals: the first document's own, or more
    // than one document (a License file is one License, nothing after it).
    try {
      doc = krm::Document::Load(text);
    } catch (const std::exception& e) {
      return Error(ErrorKind::kNotALicense, "",
                   std::string("license file is not valid YAML: ") + e.what());
    }
    if (!doc->root().IsDefined()) {
      return Error(ErrorKind::kNotALicense, "", "license file is empty");
    }
    return Error(ErrorKind::kNotALicense, "",
                 "license file holds more than one YAML document: it must hold the License "
                 "alone");
  }
  return VerifyLicenseItem(doc->root(), keys, now);
}

}  // namespace ppi::license
