// The parts of a License's spec that the strict policy compares between
// the License as written and its signed data (KOTS-LICENSE.md §4.1), read
// the same way from either: a SpecView. The tables list the fields in the
// order KOTS compares them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "function/license/typed_value.h"

namespace ppi::license {

// kots.io/v1beta1 signs with MD5 and keeps a value-less entitlement as
// "not set"; kots.io/v1beta2 signs with SHA-256 and reads it as 0.
enum class Version { kV1Beta1, kV1Beta2 };

struct FieldSpec {
  const char* name;
  FieldType type;
};

// appSlug, endpoint, …, licenseID, licenseType, then the is…Supported and
// is…Enabled bools.
const std::vector<FieldSpec>& SpecFields();
// channelID, channelName, channelSlug, isDefault, endpoint,
// replicatedProxyDomain, isSemverRequired.
const std::vector<FieldSpec>& ChannelFields();
// title, description, valueType, isHidden (the value is compared apart).
const std::vector<FieldSpec>& EntitlementFields();

struct EntitlementView {
  std::string name;
  std::vector<Typed> fields;  // as EntitlementFields()
  // Typed by KOTS' rules: a string, an integer or a bool; kAbsent when not
  // set in a v1beta1 License (Int 0 in v1beta2); kOther or kNull otherwise.
  Typed value;
  // signature.v1 (v1beta1) or signature.v2 (v1beta2) as written: kString
  // holds base64, kAbsent/kNull mean unsigned, kOther is malformed.
  Typed signature;

  // The field of EntitlementFields() named `name`, as its Go field would
  // hold it.
  Typed Field(std::string_view name) const;
};

// A collection field's shape; absent and null read as empty.
enum class Shape { kEmpty, kPresent, kWrongType };

struct SpecView {
  std::vector<Typed> fields;  // as SpecFields()
  Shape channels_shape = Shape::kEmpty;
  std::vector<std::vector<Typed>> channels;  // each as ChannelFields()
  Shape entitlements_shape = Shape::kEmpty;
  std::vector<EntitlementView> entitlements;

  // The field of SpecFields() named `name`, as its Go field would hold it.
  Typed Field(std::string_view name) const;
  const EntitlementView* Entitlement(std::string_view name) const;
};

// The key of an entitlement's signature for `v`: "v1" or "v2".
const char* SignatureKey(Version v);

// The first field, in KOTS' order, where `outer` differs from `signed_spec`
// (absent and null read as the field's zero value; types must agree):
// "endpoint", "channels", "channels[0].channelSlug", "entitlements",
// "entitlements.expires_at.value". "" when they are equal.
std::string FirstDifference(const SpecView& outer, const SpecView& signed_spec);

}  // namespace ppi::license
