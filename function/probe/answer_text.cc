#include "function/probe/answer_text.h"

#include <rapidjson/document.h>

#include <cctype>

namespace ppi {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Printable ASCII of `text`, whitespace runs as one space, at most `cap`
// bytes: server text goes into reasons and records.
std::string Printable(const std::string& text, size_t cap) {
  std::string out;
  for (char c : text) {
    if (out.size() >= cap) break;
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    if (space) {
      out += ' ';
    } else if (c >= 0x21 && c <= 0x7e) {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string MediaType(const HttpResponse& r) {
  std::string type = r.Header("content-type");
  type = type.substr(0, type.find(';'));
  size_t end = type.find_last_not_of(" \t");
  return Lower(end == std::string::npos ? "" : type.substr(0, end + 1));
}

// Reads {"errors":[{"code":…,"message":…}]}; false if the body is not one.
bool ReadErrorBody(const std::string& body, AnswerText* text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  auto errors = doc.FindMember("errors");
  if (errors == doc.MemberEnd() || !errors->value.IsArray()) return false;
  if (errors->value.Empty() || !errors->value[0].IsObject()) return true;
  const auto& first = errors->value[0];
  auto code = first.FindMember("code");
  if (code != first.MemberEnd() && code->value.IsString()) {
    std::string words = Printable(code->value.GetString(), 64);
    for (char& c : words) {
      c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    text->code = words;
  }
  auto message = first.FindMember("message");
  if (message != first.MemberEnd() && message->value.IsString()) {
    text->message = Printable(message->value.GetString(), 200);
  }
  return true;
}

std::string HtmlTitle(const std::string& body) {
  std::string lower = Lower(body.substr(0, 64 * 1024));
  size_t open = lower.find("<title>");
  if (open == std::string::npos) return "";
  size_t close = lower.find("</title>", open);
  if (close == std::string::npos) return "";
  return Printable(body.substr(open + 7, close - open - 7), 80);
}

}  // namespace

AnswerText ReadAnswer(const HttpResponse& r) {
  AnswerText text;
  text.media_type = MediaType(r);
  bool error_body = ReadErrorBody(r.body, &text);
  bool json = text.media_type.find("json") != std::string::npos;
  text.from_registry = error_body || json || !r.Header("docker-distribution-api-version").empty() ||
                       !r.JoinedHeader("www-authenticate").empty();
  if (!text.from_registry) text.title = HtmlTitle(r.body);
  return text;
}

std::string DescribeForeign(long status, const AnswerText& text) {
  std::string what = "HTTP " + std::to_string(status) + " with ";
  what += text.media_type.empty() ? "no media type" : Printable(text.media_type, 64);
  if (!text.title.empty()) what += " \"" + text.title + "\"";
  return what;
}

std::string CodeOr(const AnswerText& text, const char* fallback) {
  return text.code.empty() ? fallback : text.code;
}

}  // namespace ppi
