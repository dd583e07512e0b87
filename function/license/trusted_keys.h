// The global keys a License may be signed by (KOTS-LICENSE.md §5): the
// Production, Staging and Dev keys that every KOTS build trusts, plus the
// keys of a key file (a vendor's own signing setup, or tests).
//
// A key file is text with PEM public keys (public_key.h). A line
// "globalKeyId: <id>" gives the id of the key that follows it; a key
// without one may sign for any id that is not a built-in one (as KOTS'
// custom key does in its tests). Other lines are ignored, so comments and
// labels may sit between the keys:
//
//   # our signing key
//   globalKeyId: vendor-key-1
//   -----BEGIN PUBLIC KEY-----
//   MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…
//   -----END PUBLIC KEY-----
//
// A key file may not give a built-in id to its own key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "function/license/license_error.h"
#include "function/license/public_key.h"

namespace ppi::license {

struct TrustedKey {
  std::string id;    // the globalKeyId; "" for an extra key without one
  std::string name;  // "Production", "Staging", "Dev", or "extra"
  PublicKey key;
};

// The built-in keys: id, name and PEM text, exactly as KOTS has them.
struct BuiltInKey {
  const char* id;
  const char* name;
  const char* pem;
};
const std::vector<BuiltInKey>& BuiltInKeys();

class TrustedKeys {
 public:
  // Production, Staging and Dev.
  static TrustedKeys BuiltIn();

  // Adds the keys of a key file's text. An error names the line of the
  // key at fault; no key is added then.
  std::optional<LicenseError> AddKeyFile(std::string_view text);

  // The keys that may have signed for `id`: the built-in key of that id;
  // else the extra keys with that id and those without an id.
  std::vector<const TrustedKey*> For(std::string_view id) const;

  size_t size() const { return keys_.size(); }

 private:
  std::vector<TrustedKey> keys_;
};

}  // namespace ppi::license
