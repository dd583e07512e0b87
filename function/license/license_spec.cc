#include "function/license/license_spec.h"

namespace ppi::license {
namespace {

constexpr FieldType kS = FieldType::kString;
constexpr FieldType kB = FieldType::kBool;

// The first index where two rows of `specs` differ, or -1.
int FirstDifferent(const std::vector<FieldSpec>& specs, const std::vector<Typed>& a,
                   const std::vector<Typed>& b) {
  for (size_t i = 0; i < specs.size(); ++i) {
    if (AsField(a[i], specs[i].type) != AsField(b[i], specs[i].type)) return static_cast<int>(i);
  }
  return -1;
}

std::string ChannelsDifference(const SpecView& outer, const SpecView& signed_spec) {
  if (outer.channels_shape == Shape::kWrongType ||
      outer.channels.size() != signed_spec.channels.size()) {
    return "channels";
  }
  for (size_t i = 0; i < outer.channels.size(); ++i) {
    int f = FirstDifferent(ChannelFields(), outer.channels[i], signed_spec.channels[i]);
    if (f >= 0) return "channels[" + std::to_string(i) + "]." + ChannelFields()[f].name;
  }
  return "";
}

std::string EntitlementsDifference(const SpecView& outer, const SpecView& signed_spec) {
  if (outer.entitlements_shape == Shape::kWrongType ||
      outer.entitlements.size() != signed_spec.entitlements.size()) {
    return "entitlements";
  }
  for (const EntitlementView& s : signed_spec.entitlements) {
    std::string path = "entitlements." + s.name;
    const EntitlementView* o = outer.Entitlement(s.name);
    if (o == nullptr) return path;
    int f = FirstDifferent(EntitlementFields(), o->fields, s.fields);
    if (f >= 0) return path + "." + EntitlementFields()[f].name;
    if (o->value != s.value) return path + ".value";
  }
  return "";
}

Typed FieldOf(const std::vector<FieldSpec>& specs, const std::vector<Typed>& values,
              std::string_view name) {
  for (size_t i = 0; i < specs.size() && i < values.size(); ++i) {
    if (name == specs[i].name) return AsField(values[i], specs[i].type);
  }
  return {};
}

}  // namespace

const std::vector<FieldSpec>& SpecFields() {
  static const std::vector<FieldSpec> kFields = {
      {"appSlug", kS},
      {"endpoint", kS},
      {"replicatedProxyDomain", kS},
      {"customerID", kS},
      {"customerName", kS},
      {"customerEmail", kS},
      {"channelID", kS},
      {"channelName", kS},
      {"licenseSequence", FieldType::kInt},
      {"licenseID", kS},
      {"licenseType", kS},
      {"isAirgapSupported", kB},
      {"isGitOpsSupported", kB},
      {"isIdentityServiceSupported", kB},
      {"isGeoaxisSupported", kB},
      {"isSnapshotSupported", kB},
      {"isDisasterRecoverySupported", kB},
      {"isSupportBundleUploadSupported", kB},
      {"isSemverRequired", kB},
      {"isEmbeddedClusterDownloadEnabled", kB},
      {"isEmbeddedClusterMultiNodeEnabled", kB},
  };
  return kFields;
}

const std::vector<FieldSpec>& ChannelFields() {
  static const std::vector<FieldSpec> kFields = {
      {"channelID", kS}, {"channelName", kS},           {"channelSlug", kS},      {"isDefault", kB},
      {"endpoint", kS},  {"replicatedProxyDomain", kS}, {"isSemverRequired", kB},
  };
  return kFields;
}

const std::vector<FieldSpec>& EntitlementFields() {
  static const std::vector<FieldSpec> kFields = {
      {"title", kS}, {"description", kS}, {"valueType", kS}, {"isHidden", kB}};
  return kFields;
}

Typed SpecView::Field(std::string_view name) const { return FieldOf(SpecFields(), fields, name); }

Typed EntitlementView::Field(std::string_view name) const {
  return FieldOf(EntitlementFields(), fields, name);
}

const EntitlementView* SpecView::Entitlement(std::string_view name) const {
  for (const EntitlementView& e : entitlements) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const char* SignatureKey(Version v) { return v == Version::kV1Beta1 ? "v1" : "v2"; }

std::string FirstDifference(const SpecView& outer, const SpecView& signed_spec) {
  int f = FirstDifferent(SpecFields(), outer.fields, signed_spec.fields);
  if (f >= 0) return SpecFields()[f].name;
  std::string path = ChannelsDifference(outer, signed_spec);
  if (path.empty()) path = EntitlementsDifference(outer, signed_spec);
  return path;
}

}  // namespace ppi::license
