#include "function/license/test_signer.h"

#include <openssl/pem.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>
#include <vector>

#include "function/license/go_json.h"

namespace ppi::license::testing {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test signer: ") + what);
}

rapidjson::Document Parse(std::string_view json) {
  rapidjson::Document doc;
  size_t offset = 0;
  Check(ParseJson(json, &doc, &offset), "bad JSON in a test");
  return doc;
}

rapidjson::Value Str(std::string_view s, rapidjson::Document& doc) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), doc.GetAllocator());
}

// fmt.Sprint of an entitlement value, as the server signs it.
std::string Printed(const rapidjson::Value& e, Version v) {
  const rapidjson::Value* value = Member(e, "value");
  if (value == nullptr) return v == Version::kV1Beta1 ? "<nil>" : "0";
  return value->IsString() ? StringOf(*value) : JsonText(*value);
}

// Adds signature.{v1,v2} to each entitlement of `spec`, signed by `app`
// over the value printed from `signed_spec`'s entitlement of that name.
void SignEntitlements(rapidjson::Document& spec, const rapidjson::Value& signed_spec,
                      const KeyPair& app, Version v, const SignOptions& how) {
  auto it = spec.FindMember("entitlements");
  const rapidjson::Value* signed_ents = Member(signed_spec, "entitlements");
  if (it == spec.MemberEnd() || !it->value.IsObject() || signed_ents == nullptr) return;
  for (auto e = it->value.MemberBegin(); e != it->value.MemberEnd(); ++e) {
    const rapidjson::Value* s = Member(*signed_ents, StringOf(e->name));
    if (s == nullptr || e->value.HasMember("signature")) continue;
    rapidjson::Value sig(rapidjson::kObjectType);
    sig.AddMember(Str(SignatureKey(v), spec), Str(Base64(Sign(app, Printed(*s, v), how)), spec),
                  spec.GetAllocator());
    e->value.AddMember("signature", sig, spec.GetAllocator());
  }
}

std::string Object(std::initializer_list<std::pair<std::string, std::string>> members) {
  rapidjson::Document doc(rapidjson::kObjectType);
  for (const auto& [k, v] : members) doc.AddMember(Str(k, doc), Str(v, doc), doc.GetAllocator());
  return JsonText(doc);
}

// spec.signature for `license_data`.
std::string Envelope(const std::string& license_data, const LicenseOptions& o,
                     const SignOptions& how) {
  const KeyPair& global = o.global ? *o.global : GlobalKey();
  const KeyPair& app = o.app ? *o.app : AppKey();
  bool v1 = o.version == Version::kV1Beta1;
  std::string keysig = Object(
      {{"signature", Base64(Sign(global, app.public_pem, how))}, {"globalKeyId", o.global_key_id}});
  std::string inner = Object(
      {{v1 ? "licenseSignature" : "v2LicenseSignature", Base64(Sign(app, license_data, how))},
       {"publicKey", app.public_pem},
       {v1 ? "keySignature" : "v2KeySignature", Base64(keysig)}});
  return Base64(Object({{"licenseData", Base64(license_data)}, {"innerSignature", Base64(inner)}}));
}

std::string Block(const std::string& text, const std::string& indent) {
  std::string out = "|\n";
  for (size_t i = 0; i < text.size(); i += 76) out += indent + text.substr(i, 76) + "\n";
  return out;
}

bool IsSignatureText(std::string_view key) { return key == "v1" || key == "v2"; }

// Block YAML of a JSON value at `indent`; strings double-quoted (JSON
// escapes are YAML escapes), numbers and bools plain.
void ToYaml(const rapidjson::Value& v, const std::string& indent, bool blocks, std::string* out);

void Scalar(const rapidjson::Value& v, std::string_view key, const std::string& indent, bool blocks,
            std::string* out) {
  if (blocks && v.IsString() && IsSignatureText(key)) {
    *out += " " + Block(StringOf(v), indent + "  ");
  } else if ((v.IsObject() && v.MemberCount() > 0) || (v.IsArray() && !v.Empty())) {
    *out += "\n";
    ToYaml(v, indent + "  ", blocks, out);
  } else {
    *out += " " + JsonText(v) + "\n";
  }
}

void ToYaml(const rapidjson::Value& v, const std::string& indent, bool blocks, std::string* out) {
  if (v.IsObject()) {
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      *out += indent + JsonText(m->name) + ":";
      Scalar(m->value, StringOf(m->name), indent, blocks, out);
    }
    return;
  }
  for (const rapidjson::Value& e : v.GetArray()) {
    if (!e.IsObject() || e.MemberCount() == 0) {
      *out += indent + "- " + JsonText(e) + "\n";
      continue;
    }
    std::string item;
    ToYaml(e, indent + "  ", blocks, &item);
    *out += indent + "- " + item.substr(indent.size() + 2);
  }
}

}  // namespace

KeyPair GenerateRsaKey(int bits) {
  KeyPair out;
  out.key.reset(EVP_RSA_gen(static_cast<unsigned>(bits)), EVP_PKEY_free);
  Check(out.key != nullptr, "cannot generate an RSA key");
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  Check(PEM_write_bio_PUBKEY(bio.get(), out.key.get()) == 1, "cannot write a PEM key");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  out.public_pem.assign(data, static_cast<size_t>(size));
  return out;
}

const KeyPair& GlobalKey() {
  static const KeyPair k = GenerateRsaKey(2048);
  return k;
}
const KeyPair& AppKey() {
  static const KeyPair k = GenerateRsaKey(2048);
  return k;
}
const KeyPair& StrangerKey() {
  static const KeyPair k = GenerateRsaKey(2048);
  return k;
}

std::string Sign(const KeyPair& key, std::string_view message, const SignOptions& o) {
  const EVP_MD* md = o.digest == Digest::kMd5 ? EVP_md5() : EVP_sha256();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  Check(EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key.key.get()) == 1, "sign init");
  if (o.pkcs1_v15) {
    Check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1, "padding");
  } else {
    Check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, o.salt_length) == 1 &&
              EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, o.mgf1 ? o.mgf1 : md) == 1,
          "PSS parameters");
  }
  const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
  size_t size = 0;
  Check(EVP_DigestSign(ctx.get(), nullptr, &size, msg, message.size()) == 1, "sign size");
  std::string sig(size, '\0');
  Check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, msg,
                       message.size()) == 1,
        "sign");
  sig.resize(size);
  return sig;
}

std::string JsonText(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string SignedLicenseYaml(std::string_view spec_json, const LicenseOptions& o,
                              std::optional<std::string_view> outer_spec_json) {
  SignOptions how;
  how.digest = o.digest.value_or(DigestOf(o.version));
  how.salt_length = o.salt_length;
  const KeyPair& app = o.app ? *o.app : AppKey();
  rapidjson::Document signed_spec = Parse(spec_json);
  rapidjson::Document outer = Parse(outer_spec_json.value_or(spec_json));
  if (o.sign_entitlements) {
    rapidjson::Document original;
    original.CopyFrom(signed_spec, original.GetAllocator());
    SignEntitlements(signed_spec, original, app, o.version, how);
    SignEntitlements(outer, original, app, o.version, how);
  }
  std::string api = o.version == Version::kV1Beta1 ? "kots.io/v1beta1" : "kots.io/v1beta2";
  std::string data = R"({"apiVersion":")" + api +
                     R"(","kind":"License","metadata":{"name":"test"},"spec":)" +
                     JsonText(signed_spec) + "}";
  std::string signature = Envelope(data, o, how);
  std::string yaml = "apiVersion: " + api + "\nkind: License\nmetadata:\n  name: test\nspec:\n";
  ToYaml(outer, "  ", o.block_scalars, &yaml);
  return yaml + "  signature: " + (o.block_scalars ? Block(signature, "    ") : signature + "\n");
}

std::string WithField(std::string_view json, std::string_view path, std::string_view value) {
  rapidjson::Document doc = Parse(json);
  rapidjson::Value* at = &doc;
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t dot = path.find('.', start);
    parts.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    at = at->IsArray() ? &(*at)[static_cast<rapidjson::SizeType>(std::stoul(parts[i]))]
                       : &(*at)[parts[i].c_str()];
  }
  at->RemoveMember(parts.back().c_str());
  if (!value.empty()) {
    rapidjson::Document v = Parse(value);
    rapidjson::Value copy(v, doc.GetAllocator());
    at->AddMember(Str(parts.back(), doc), copy, doc.GetAllocator());
  }
  return JsonText(doc);
}

TrustedKeys TestKeys() {
  TrustedKeys keys = TrustedKeys::BuiltIn();
  std::string file = std::string("globalKeyId: ") + kTestKeyId + "\n" + GlobalKey().public_pem;
  Check(!keys.AddKeyFile(file).has_value(), "test key file");
  return keys;
}

Instant At(std::string_view rfc3339) {
  std::optional<Instant> at = ParseRfc3339(rfc3339);
  Check(at.has_value(), "bad time in a test");
  return *at;
}

}  // namespace ppi::license::testing
