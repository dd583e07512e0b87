#include "function/probe/token_response.h"

#include <rapidjson/document.h>

namespace ppi {
namespace {

std::string StringMember(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

int ExpiresIn(const rapidjson::Value& object) {
  auto it = object.FindMember("expires_in");
  if (it == object.MemberEnd() || !it->value.IsNumber()) return 60;
  double seconds = it->value.GetDouble();
  if (!(seconds >= 1)) return 60;
  return seconds > 86400 ? 86400 : static_cast<int>(seconds);
}

}  // namespace

bool ParseTokenResponse(const std::string& body, TokenResponse* out, std::string* error) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    *error = "token response is not a JSON object";
    return false;
  }
  out->token = StringMember(doc, "token");
  if (out->token.empty()) out->token = StringMember(doc, "access_token");
  if (out->token.empty()) {
    *error = "token response has no token";
    return false;
  }
  for (char c : out->token) {
    if (c < 0x21 || c > 0x7e) {
      *error = "token response has a token with invalid characters";
      return false;
    }
  }
  out->expires_in_seconds = ExpiresIn(doc);
  return true;
}

}  // namespace ppi
