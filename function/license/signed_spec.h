// The signed data of a License (LICENSE_DATA in KOTS-LICENSE.md §2): the
// server's JSON of the whole License, {"apiVersion", "kind", "metadata",
// "spec"}, read as KOTS' Go structs read it. Every value the function uses
// comes from here, never from the License as written.
#pragma once

#include <string_view>
#include <variant>

#include "function/license/license_error.h"
#include "function/license/license_spec.h"

namespace ppi::license {

// The spec of `license_data`. A field of the wrong type (a licenseSequence
// that is a string, an entitlement value that is null or 1.5) is an error,
// as it is when KOTS loads the License.
std::variant<SpecView, LicenseError> ReadSignedSpec(std::string_view license_data, Version v);

}  // namespace ppi::license
