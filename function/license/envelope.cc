#include "function/license/envelope.h"

#include "function/license/base64.h"
#include "function/license/go_json.h"

namespace ppi::license {
namespace {

constexpr const char* kField = "spec.signature";

LicenseError Encoding(const std::string& what) {
  return Error(ErrorKind::kBadEncoding, kField, "license " + what);
}

LicenseError NotBase64(const std::string& layer, size_t offset) {
  return Encoding("is not valid base64 at byte " + std::to_string(offset) + " of " + layer);
}

bool ParseObject(std::string_view json, const std::string& layer, rapidjson::Document* doc,
                 LicenseError* error) {
  size_t offset = 0;
  if (!ParseJson(json, doc, &offset)) {
    *error = Encoding(layer + " is not valid JSON at byte " + std::to_string(offset));
    return false;
  }
  if (!doc->IsObject()) {
    *error = Encoding(layer + " is not a JSON object");
    return false;
  }
  return true;
}

// The JSON object that `base64` wraps; `layer` names it in errors.
bool DecodeObject(std::string_view base64, const std::string& layer, rapidjson::Document* doc,
                  LicenseError* error) {
  std::string json;
  size_t offset = 0;
  if (!DecodeBase64(base64, &json, &offset)) {
    *error = NotBase64(layer, offset);
    return false;
  }
  return ParseObject(json, layer, doc, error);
}

// A []byte member of `object`, decoded; `layer` is the object's path.
bool Bytes(const rapidjson::Value& object, const std::string& layer, const char* name,
           std::string* out, LicenseError* error) {
  size_t offset = 0;
  switch (BytesMember(object, name, out, &offset)) {
    case BytesResult::kOk:
      return true;
    case BytesResult::kNotString:
      *error = Encoding(layer + "." + name + " is not a base64 string");
      return false;
    case BytesResult::kBadBase64:
      *error = NotBase64(layer + "." + name, offset);
      return false;
  }
  return false;
}

bool Text(const rapidjson::Value& object, const std::string& layer, const char* name,
          std::string* out, LicenseError* error) {
  const rapidjson::Value* v = Member(object, name);
  if (v != nullptr && !v->IsNull() && !v->IsString()) {
    *error = Encoding(layer + "." + name + " is not a string");
    return false;
  }
  *out = v == nullptr ? "" : StringOf(*v);
  return true;
}

LicenseError Missing(const std::string& what) {
  return Error(ErrorKind::kMalformed, kField, "license signature has no " + what);
}

// KEYSIG, the global key's signature over the app key.
bool DecodeKeySignature(std::string_view json, const std::string& layer, Envelope* out,
                        LicenseError* error) {
  rapidjson::Document keysig;
  return ParseObject(json, layer, &keysig, error) &&
         Bytes(keysig, layer, "signature", &out->key_signature, error) &&
         Text(keysig, layer, "globalKeyId", &out->global_key_id, error);
}

bool DecodeInner(std::string_view json, Version v, Envelope* out, LicenseError* error) {
  const std::string layer = "spec.signature.innerSignature";
  rapidjson::Document inner;
  const char* license_key = v == Version::kV1Beta1 ? "licenseSignature" : "v2LicenseSignature";
  const char* key_key = v == Version::kV1Beta1 ? "keySignature" : "v2KeySignature";
  std::string keysig;
  if (!ParseObject(json, layer, &inner, error) ||
      !Text(inner, layer, "publicKey", &out->public_key_pem, error) ||
      !Bytes(inner, layer, license_key, &out->license_signature, error) ||
      !Bytes(inner, layer, key_key, &keysig, error)) {
    return false;
  }
  out->app_key = RsaPublicKeyFromPem(out->public_key_pem);
  if (out->app_key == nullptr) {
    *error = Encoding(layer + ".publicKey is not a PEM RSA public key");
    return false;
  }
  if (keysig.empty() || out->license_signature.empty()) {
    *error = Missing(keysig.empty() ? key_key : license_key);
    return false;
  }
  return DecodeKeySignature(keysig, layer + "." + key_key, out, error);
}

}  // namespace

std::variant<Envelope, LicenseError> DecodeEnvelope(std::string_view signature, Version v) {
  rapidjson::Document outer;
  LicenseError error;
  if (!DecodeObject(signature, kField, &outer, &error)) return error;
  Envelope out;
  std::string inner;
  if (!Bytes(outer, kField, "licenseData", &out.license_data, &error) ||
      !Bytes(outer, kField, "innerSignature", &inner, &error)) {
    return error;
  }
  if (inner.empty()) {
    return Error(ErrorKind::kUnsupported, kField,
                 "license signature is in the format from before licenseData (no "
                 "innerSignature), which KOTS no longer reads");
  }
  if (out.license_data.empty()) return Missing("licenseData");
  if (!DecodeInner(inner, v, &out, &error)) return error;
  return out;
}

}  // namespace ppi::license
