#include "function/license/go_json.h"

#include "function/license/base64.h"

namespace ppi::license {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool SameName(const rapidjson::Value& key, std::string_view name) {
  if (key.GetStringLength() != name.size()) return false;
  const char* k = key.GetString();
  for (size_t i = 0; i < name.size(); ++i) {
    if (Lower(k[i]) != Lower(name[i])) return false;
  }
  return true;
}

}  // namespace

bool ParseJson(std::string_view text, rapidjson::Document* doc, size_t* error_offset) {
  doc->Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc->HasParseError()) {
    *error_offset = doc->GetErrorOffset();
    return false;
  }
  return true;
}

const rapidjson::Value* Member(const rapidjson::Value& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  const rapidjson::Value* found = nullptr;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (SameName(it->name, name)) found = &it->value;
  }
  return found;
}

std::string StringOf(const rapidjson::Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string();
}

Typed TypedJson(const rapidjson::Value* v) {
  if (v == nullptr) return {};
  if (v->IsNull()) return {Typed::Kind::kNull, ""};
  if (v->IsString()) return Typed::String(StringOf(*v));
  if (v->IsBool()) return Typed::Bool(v->GetBool());
  if (v->IsInt64()) return Typed::Int(v->GetInt64());
  return Typed::Other();
}

BytesResult BytesMember(const rapidjson::Value& object, std::string_view name, std::string* out,
                        size_t* bad_offset) {
  out->clear();
  const rapidjson::Value* v = Member(object, name);
  if (v == nullptr || v->IsNull()) return BytesResult::kOk;
  if (!v->IsString()) return BytesResult::kNotString;
  std::string_view text(v->GetString(), v->GetStringLength());
  return DecodeBase64(text, out, bad_offset) ? BytesResult::kOk : BytesResult::kBadBase64;
}

}  // namespace ppi::license
