// The customer's KOTS License: where it comes from, and what it says once
// verified (the verification itself is function/license/verify.h).
//
//   1. Sources: the items of the input with kind License and apiVersion
//      kots.io/v1beta1 or v1beta2, and the setting licenseFile. More than
//      one (two items, or an item and licenseFile) is an error naming both,
//      and none of them is read.
//   2. An item must be annotated config.kubernetes.io/local-config: "true"
//      (else it would be applied to the cluster with the application); it
//      is never a workload and is never changed.
//   3. licenseFile is read (a regular file, at most kMaxLicenseFileBytes,
//      one YAML document).
//   4. Trusted keys: KOTS' Production, Staging and Dev keys, plus the keys
//      of licenseKeyFile when set (read only when there is a License).
//   5. Verification at `now`, before any value is used; a refusal is an
//      error with the module's message (never the license ID), on the item
//      or on licenseFile.
//   6. The signed app slug and the signed (or derived) hosts that will be
//      used must have the forms a configured appSlug, proxyHost and
//      registryHost must have; a host the configuration overrides is not
//      used and not checked.
//   7. One info result: app slug, license type, expiry and signing key.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "function/config/identity.h"
#include "function/config/setting_file.h"
#include "function/config/settings.h"
#include "function/license/instant.h"
#include "krm/document.h"
#include "krm/result.h"

namespace ppi {

inline constexpr size_t kMaxLicenseFileBytes = size_t{1} << 20;
inline constexpr size_t kMaxLicenseKeyFileBytes = size_t{1} << 20;

struct LicenseRead {
  bool given = false;                       // some source gave a License (verified or not)
  std::optional<LicenseIdentity> identity;  // when it was verified
};

// The License items among `items` (step 1), in input order.
std::vector<krm::Node> LicenseItems(const krm::Node& items);

// Steps 1 to 7. Problems are appended to `results` as errors; with
// settings that were not read (settings.read false) only the items' own
// problems (1, 2) are reported.
LicenseRead ReadLicense(const std::vector<krm::Node>& license_items, const Settings& settings,
                        const license::Instant& now, const FileReader& read,
                        std::vector<krm::Result>* results);

}  // namespace ppi
