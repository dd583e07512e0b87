// The only part of the License module that knows krm: a License item of a
// ResourceList, or a license file's text, read into an OuterLicense (the
// License as written) and verified. It uses only krm::Node's type tests
// (IsDefined, IsNull, IsScalar, IsMap, IsSequence), Scalar, Tag (to tell
// plain scalars from quoted ones), Entries and Elements, and for a file
// krm::ReadOneDocument (krm/yaml_reader.h) and krm::Document::Load.
#pragma once

#include <string_view>
#include <variant>

#include "function/license/verify.h"
#include "krm/document.h"

namespace ppi::license {

// An item with kind License and apiVersion kots.io/v1beta1 or v1beta2.
bool IsLicenseItem(const krm::Node& item);

// The License as written. Scalars keep their YAML types (typed_value.h);
// a key written twice is an error.
std::variant<OuterLicense, LicenseError> ReadOuterLicense(const krm::Node& item);

// ReadOuterLicense, then VerifyLicense.
LicenseOutcome VerifyLicenseItem(const krm::Node& item, const TrustedKeys& keys,
                                 const Instant& now);

// The same for the text of a license file, which must hold one YAML
// document: a second one (after "---") is refused, not ignored.
LicenseOutcome VerifyLicenseText(std::string_view text, const TrustedKeys& keys,
                                 const Instant& now);

}  // namespace ppi::license
