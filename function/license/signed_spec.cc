#include "function/license/signed_spec.h"

#include <algorithm>
#include <string>

#include "function/license/go_json.h"

namespace ppi::license {
namespace {

constexpr const char* kField = "spec.signature";

LicenseError Malformed(const std::string& path, const std::string& what) {
  return Error(ErrorKind::kMalformed, kField,
               "license signed data is malformed: " + Quote(path) + " is not " + what);
}

// The fields of `specs` in `object`, each absent, null or of its type.
bool ReadFields(const rapidjson::Value& object, const std::vector<FieldSpec>& specs,
                const std::string& prefix, std::vector<Typed>* out, LicenseError* error) {
  out->clear();
  for (const FieldSpec& spec : specs) {
    Typed v = TypedJson(Member(object, spec.name));
    if (!HasType(AsField(v, spec.type), spec.type)) {
      *error = Malformed(prefix + spec.name, TypeName(spec.type));
      return false;
    }
    out->push_back(std::move(v));
  }
  return true;
}

// An entitlement's value by KOTS' rules: a string, an integer or a bool;
// not set reads as "not set" (v1beta1) or 0 (v1beta2).
bool ReadValue(const rapidjson::Value& object, Version version, const std::string& path, Typed* out,
               LicenseError* error) {
  const rapidjson::Value* v = Member(object, "value");
  *out = TypedJson(v);
  if (v == nullptr) {
    if (version == Version::kV1Beta2) *out = Typed::Int(0);
    return true;
  }
  if (out->is(Typed::Kind::kString) || out->is(Typed::Kind::kInt) || out->is(Typed::Kind::kBool)) {
    return true;
  }
  *error = Malformed(path + ".value", "a string, an integer or a boolean");
  return false;
}

bool ReadSignature(const rapidjson::Value& object, Version version, const std::string& path,
                   Typed* out, LicenseError* error) {
  const rapidjson::Value* sig = Member(object, "signature");
  *out = {};
  if (sig == nullptr || sig->IsNull()) return true;
  if (sig->IsObject()) {
    *out = TypedJson(Member(*sig, SignatureKey(version)));
    if (out->is(Typed::Kind::kAbsent) || out->is(Typed::Kind::kNull) ||
        out->is(Typed::Kind::kString)) {
      return true;
    }
  }
  *error = Malformed(path + ".signature", "a mapping of base64 strings");
  return false;
}

bool ReadEntitlement(const std::string& name, const rapidjson::Value& object, Version version,
                     EntitlementView* out, LicenseError* error) {
  std::string path = "entitlements." + name;
  if (!object.IsObject()) {
    *error = Malformed(path, "a mapping");
    return false;
  }
  out->name = name;
  return ReadFields(object, EntitlementFields(), path + ".", &out->fields, error) &&
         ReadValue(object, version, path, &out->value, error) &&
         ReadSignature(object, version, path, &out->signature, error);
}

bool ReadEntitlements(const rapidjson::Value& spec, Version version, SpecView* out,
                      LicenseError* error) {
  const rapidjson::Value* map = Member(spec, "entitlements");
  if (map == nullptr || map->IsNull()) return true;
  if (!map->IsObject()) {
    *error = Malformed("entitlements", "a mapping");
    return false;
  }
  out->entitlements_shape = Shape::kPresent;
  for (auto it = map->MemberBegin(); it != map->MemberEnd(); ++it) {
    EntitlementView e;
    if (!ReadEntitlement(StringOf(it->name), it->value, version, &e, error)) return false;
    auto same = std::find_if(out->entitlements.begin(), out->entitlements.end(),
                             [&](const EntitlementView& x) { return x.name == e.name; });
    if (same != out->entitlements.end()) {
      *same = std::move(e);  // a Go map keeps the last of duplicate keys
    } else {
      out->entitlements.push_back(std::move(e));
    }
  }
  return true;
}

bool ReadChannels(const rapidjson::Value& spec, SpecView* out, LicenseError* error) {
  const rapidjson::Value* list = Member(spec, "channels");
  if (list == nullptr || list->IsNull()) return true;
  if (!list->IsArray()) {
    *error = Malformed("channels", "a list");
    return false;
  }
  out->channels_shape = Shape::kPresent;
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    std::string path = "channels[" + std::to_string(i) + "]";
    if (!(*list)[i].IsObject()) {
      *error = Malformed(path, "a mapping");
      return false;
    }
    out->channels.emplace_back();
    if (!ReadFields((*list)[i], ChannelFields(), path + ".", &out->channels.back(), error)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::variant<SpecView, LicenseError> ReadSignedSpec(std::string_view license_data, Version v) {
  rapidjson::Document doc;
  size_t offset = 0;
  if (!ParseJson(license_data, &doc, &offset)) {
    return Error(ErrorKind::kBadEncoding, kField,
                 "license signed data is not valid JSON at byte " + std::to_string(offset));
  }
  const rapidjson::Value* spec = Member(doc, "spec");
  if (!doc.IsObject() || spec == nullptr || !spec->IsObject()) {
    return Error(ErrorKind::kMalformed, kField, "license signed data has no spec");
  }
  SpecView out;
  LicenseError error;
  if (!ReadFields(*spec, SpecFields(), "", &out.fields, &error) ||
      !ReadChannels(*spec, &out, &error) || !ReadEntitlements(*spec, v, &out, &error)) {
    return error;
  }
  return out;
}

}  // namespace ppi::license
