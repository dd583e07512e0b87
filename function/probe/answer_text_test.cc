#include "function/probe/answer_text.h"

#include <catch2/catch.hpp>
#include <string>

using ppi::AnswerText;
using ppi::HttpResponse;
using ppi::ReadAnswer;

namespace {

HttpResponse Response(long status, ppi::HttpHeaders headers, std::string body = "") {
  HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("answer text: what marks a registry's answer", "[answer_text]") {
  struct Case {
    const char* name;
    HttpResponse response;
    bool from_registry;
  };
  const Case cases[] = {
      {"distribution header", Response(404, {{"docker-distribution-api-version", "registry/2.0"}}),
       true},
      {"JSON media type", Response(403, {{"content-type", "application/json;charset=ISO-8859-1"}}),
       true},
      {"error body without a media type", Response(403, {}, R"({"errors":[{"code":"DENIED"}]})"),
       true},
      {"a challenge", Response(401, {{"www-authenticate", R"(Basic realm="x")"}}), true},
      {"Google's HTML page", Response(403, {{"content-type", "text/html; charset=UTF-8"}}), false},
      {"nothing at all", Response(403, {}), false},
      {"JSON that is not an error body", Response(403, {}, R"({"message":"no"})"), false},
      {"an empty challenge", Response(401, {{"www-authenticate", ""}}), false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(ReadAnswer(c.response).from_registry == c.from_registry);
  }
}

TEST_CASE("answer text: code, message, media type and title", "[answer_text]") {
  AnswerText json = ReadAnswer(
      Response(404, {{"content-type", "Application/JSON; charset=utf-8"}},
               R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository\tname\n not known"}]})"));
  CHECK(json.code == "name unknown");
  CHECK(json.message == "repository name not known");
  CHECK(json.media_type == "application/json");
  CHECK(ppi::CodeOr(json, "x") == "name unknown");
  CHECK(ppi::CodeOr(ReadAnswer(Response(404, {})), "manifest unknown") == "manifest unknown");

  AnswerText html = ReadAnswer(Response(403, {{"content-type", "text/html"}},
                                        "<html><TITLE>Error 403\n (Forbidden)!!1</TITLE>"));
  CHECK(html.title == "Error 403 (Forbidden)!!1");
  CHECK(ppi::DescribeForeign(403, html) == "HTTP 403 with text/html \"Error 403 (Forbidden)!!1\"");
  CHECK(ppi::DescribeForeign(404, ReadAnswer(Response(404, {}))) == "HTTP 404 with no media type");

  std::string long_message(500, 'm');
  AnswerText capped = ReadAnswer(Response(
      403, {}, R"({"errors":[{"code":"DENIED","message":")" + long_message + R"(\u0001"}]})"));
  CHECK(capped.message.size() == 200);
  AnswerText control =
      ReadAnswer(Response(403, {{"content-type", "text/html"}}, "<title>a\x1b[2Jb</title>"));
  CHECK(control.title == "a[2Jb");
}
