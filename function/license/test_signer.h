// A small License signer for the tests: test keys generated with OpenSSL
// when the tests start, and Licenses signed with them the way the
// Replicated server signs (KOTS-LICENSE.md §2), with knobs to sign them
// wrongly.
#pragma once

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "function/license/instant.h"
#include "function/license/license_spec.h"
#include "function/license/rsa_pss.h"
#include "function/license/trusted_keys.h"

namespace ppi::license::testing {

struct KeyPair {
  std::shared_ptr<EVP_PKEY> key;  // the private key
  std::string public_pem;         // SubjectPublicKeyInfo PEM, ending in "\n"
};

KeyPair GenerateRsaKey(int bits);
// Generated once per process: the test global key, the app key it
// vouches for, and a key that nobody trusts.
const KeyPair& GlobalKey();
const KeyPair& AppKey();
const KeyPair& StrangerKey();
inline constexpr const char* kTestKeyId = "test-global-key";

struct SignOptions {
  Digest digest = Digest::kSha256;
  int salt_length = RSA_PSS_SALTLEN_MAX;  // what the server uses
  const EVP_MD* mgf1 = nullptr;           // nullptr: the same digest
  bool pkcs1_v15 = false;                 // no PSS at all
};
std::string Sign(const KeyPair& key, std::string_view message, const SignOptions& options);

std::string Base64(std::string_view bytes);

// Compact JSON text of a value.
std::string JsonText(const rapidjson::Value& v);

struct LicenseOptions {
  Version version = Version::kV1Beta2;
  std::string global_key_id = kTestKeyId;
  const KeyPair* global = nullptr;  // nullptr: GlobalKey()
  const KeyPair* app = nullptr;     // nullptr: AppKey()
  int salt_length = RSA_PSS_SALTLEN_MAX;
  std::optional<Digest> digest;    // default: the version's
  bool sign_entitlements = false;  // signature.v1 / .v2 over each value
  bool block_scalars = false;      // signatures as YAML literal blocks, 76 a line
};

// A License YAML whose signed spec is `spec_json`. The spec as written is
// `outer_spec_json` when given, else the same; entitlement signatures, when
// asked for, go into both.
std::string SignedLicenseYaml(std::string_view spec_json, const LicenseOptions& options = {},
                              std::optional<std::string_view> outer_spec_json = std::nullopt);

// `json` (an object) with the value at `path` replaced by the JSON text
// `value`, or removed when `value` is empty. The path is dot-separated
// member names, with numbers as list indexes: "channels.0.channelSlug".
std::string WithField(std::string_view json, std::string_view path, std::string_view value);

// The built-in keys plus GlobalKey() as kTestKeyId.
TrustedKeys TestKeys();

Instant At(std::string_view rfc3339);

}  // namespace ppi::license::testing
