#include "function/config/license_source.h"

#include <string>
#include <variant>

#include "function/license/license_item.h"
#include "function/license/trusted_keys.h"
#include "function/license/verify.h"
#include "krm/item.h"

namespace ppi {
namespace {

using license::LicenseError;
using license::LicenseOutcome;
using license::Quote;
using license::VerifiedLicense;

// Where the one License comes from: an item, or the text of licenseFile.
struct Source {
  std::optional<krm::Node> item;
  std::string file;  // licenseFile's path when it is the source
  std::string text;  // licenseFile's text
};

std::string InFile(const krm::Node& item) {
  krm::FileRef file = krm::FileOf(item);
  return file.path.empty() ? "" : " (" + file.path + ")";
}

// Step 1, and step 2 for every item. nullopt when there is no single
// source to read.
std::optional<Source> FindSource(const std::vector<krm::Node>& items, const Settings& s,
                                 std::vector<krm::Result>* results) {
  for (const krm::Node& item : items) {
    if (krm::IsLocalConfig(item)) continue;
    results->push_back(krm::ItemResult(
        item, krm::Severity::kError, "metadata.annotations",
        "a License must not be applied to the cluster with the application: add the annotation "
        "config.kubernetes.io/local-config: \"true\""));
  }
  for (size_t i = 1; i < items.size(); ++i) {
    results->push_back(krm::ItemResult(items[i], krm::Severity::kError, "",
                                       "a second License, beside " +
                                           krm::Describe(krm::RefOf(items[0])) + InFile(items[0]) +
                                           ": the input may hold one License; keep one"));
  }
  const std::optional<std::string>& file = s.identity.license_file;
  if (file && !items.empty()) {
    results->push_back(krm::ItemResult(items[0], krm::Severity::kError, "",
                                       "a License item and the setting licenseFile (" +
                                           Quote(*file) + ", " + s.source.FieldOf("licenseFile") +
                                           ") both give the License: keep one"));
  }
  if (items.size() + (file ? 1 : 0) != 1) return std::nullopt;
  Source source;
  if (!items.empty()) source.item = items[0];
  if (file) source.file = *file;
  return source;
}

// A problem with a file named by `key`, as an error on that setting.
void FileProblem(const Settings& s, const char* key, const std::string& path,
                 const std::string& what, std::vector<krm::Result>* results) {
  results->push_back(s.source.Problem(s.source.FieldOf(key), Quote(path) + " " + what));
}

// Step 4.
std::optional<license::TrustedKeys> Keys(const Settings& s, const FileReader& read,
                                         std::vector<krm::Result>* results) {
  license::TrustedKeys keys = license::TrustedKeys::BuiltIn();
  const std::optional<std::string>& path = s.identity.license_key_file;
  if (!path) return keys;
  std::string text, error;
  if (!read(*path, kMaxLicenseKeyFileBytes, &text, &error)) {
    FileProblem(s, "licenseKeyFile", *path, error, results);
    return std::nullopt;
  }
  if (std::optional<LicenseError> bad = keys.AddKeyFile(text)) {
    FileProblem(s, "licenseKeyFile", *path, "cannot be used: " + bad->message, results);
    return std::nullopt;
  }
  return keys;
}

// A refusal of the License, on the item or on licenseFile.
krm::Result Refusal(const Settings& s, const Source& source, const std::string& field,
                    const std::string& message) {
  if (source.item) return krm::ItemResult(*source.item, krm::Severity::kError, field, message);
  return s.source.Problem(
      s.source.FieldOf("licenseFile"),
      Quote(source.file) + ": " + (field.empty() ? "" : field + ": ") + message);
}

// Step 6: the values that will be used, in the configuration's forms.
std::optional<krm::Result> CheckSigned(const Settings& s, const Source& source,
                                       const VerifiedLicense& l) {
  if (!IsAppSlug(l.app_slug)) {
    return Refusal(s, source, "spec.appSlug",
                   "license app slug " + Quote(l.app_slug) + " " + kAppSlugForm);
  }
  if (!s.identity.proxy_host && !IsHost(l.proxy_host)) {
    std::string from = l.proxy_host_signed ? "replicatedProxyDomain" : "endpoint";
    return Refusal(
        s, source, "spec." + from,
        "license proxy host " + Quote(l.proxy_host) + " (from " + from + ") " + kHostForm);
  }
  if (!s.identity.registry_host && !IsHost(l.registry_host)) {
    return Refusal(
        s, source, "spec.endpoint",
        "license registry host " + Quote(l.registry_host) + " (from endpoint) " + kHostForm);
  }
  return std::nullopt;
}

// Step 7.
krm::Result Verified(const Source& source, const VerifiedLicense& l) {
  std::string expires = l.expiry.at ? "expires " + l.expiry.text : "never expires";
  std::string key = l.signing_key == "extra" ? "an extra key of licenseKeyFile"
                                             : "KOTS' " + l.signing_key + " key";
  std::string message = "license for app " + Quote(l.app_slug) + " verified: type " +
                        Quote(l.license_type) + ", " + expires + ", signed by " + key;
  krm::Result r;
  if (source.item) {
    r = krm::ItemResult(*source.item, krm::Severity::kInfo, "", message);
  } else {
    r.message = "licenseFile " + Quote(source.file) + ": " + message;
    r.severity = krm::Severity::kInfo;
  }
  r.tags = {{"appSlug", l.app_slug},
            {"licenseType", l.license_type},
            {"expires", l.expiry.at ? l.expiry.text : "never"},
            {"signingKey", l.signing_key}};
  return r;
}

LicenseIdentity IdentityOf(const VerifiedLicense& l) {
  return LicenseIdentity{l.app_slug, l.license_id, l.proxy_host, l.registry_host,
                         l.is_airgap_supported};
}

// Steps 3 to 7 for the one source.
std::optional<LicenseIdentity> Verify(const Settings& s, Source source, const license::Instant& now,
                                      const FileReader& read, std::vector<krm::Result>* results) {
  if (!source.item) {
    std::string error;
    if (!read(source.file, kMaxLicenseFileBytes, &source.text, &error)) {
      FileProblem(s, "licenseFile", source.file, error, results);
      return std::nullopt;
    }
  }
  std::optional<license::TrustedKeys> keys = Keys(s, read, results);
  if (!keys) return std::nullopt;
  LicenseOutcome out = source.item ? license::VerifyLicenseItem(*source.item, *keys, now)
                                   : license::VerifyLicenseText(source.text, *keys, now);
  if (const auto* error = std::get_if<LicenseError>(&out)) {
    results->push_back(Refusal(s, source, error->field, error->message));
    return std::nullopt;
  }
  const VerifiedLicense& l = std::get<VerifiedLicense>(out);
  if (std::optional<krm::Result> bad = CheckSigned(s, source, l)) {
    results->push_back(*bad);
    return std::nullopt;
  }
  results->push_back(Verified(source, l));
  return IdentityOf(l);
}

}  // namespace

std::vector<krm::Node> LicenseItems(const krm::Node& items) {
  std::vector<krm::Node> out;
  for (krm::Node item : krm::Elements(items)) {
    if (item.IsMap() && license::IsLicenseItem(item)) out.push_back(item);
  }
  return out;
}

LicenseRead ReadLicense(const std::vector<krm::Node>& license_items, const Settings& s,
                        const license::Instant& now, const FileReader& read,
                        std::vector<krm::Result>* results) {
  LicenseRead out;
  out.given = !license_items.empty() || s.identity.license_file.has_value();
  std::optional<Source> source = FindSource(license_items, s, results);
  if (!out.given && s.identity.license_key_file) {
    results->push_back(s.source.Problem(
        s.source.FieldOf("licenseKeyFile"),
        "is set, but there is no License to verify (a License item, or licenseFile)"));
  }
  if (!s.read || !source) return out;
  out.identity = Verify(s, *source, now, read, results);
  return out;
}

}  // namespace ppi
