#include "function/probe/token_response.h"

#include <catch2/catch.hpp>

using ppi::ParseTokenResponse;
using ppi::TokenResponse;

TEST_CASE("token response: accepted forms", "[token_response]") {
  struct Case {
    const char* body;
    const char* token;
    int expires;
  };
  const Case cases[] = {
      {R"({"token":"abc","expires_in":300})", "abc", 300},
      {R"({"access_token":"xyz"})", "xyz", 60},
      {R"({"token":"","access_token":"o2"})", "o2", 60},
      {R"({"token":"t","access_token":"o"})", "t", 60},
      {R"({"token":"t","expires_in":0})", "t", 60},
      {R"({"token":"t","expires_in":-5})", "t", 60},
      {R"({"token":"t","expires_in":"300"})", "t", 60},
      {R"({"token":"t","expires_in":1e12})", "t", 86400},
      {R"({"token":"a.b-c_d~e+f/g=","issued_at":"2024-01-01T00:00:00Z"})", "a.b-c_d~e+f/g=", 60},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    TokenResponse out;
    std::string error;
    REQUIRE(ParseTokenResponse(c.body, &out, &error));
    CHECK(out.token == c.token);
    CHECK(out.expires_in_seconds == c.expires);
  }
}

TEST_CASE("token response: rejected bodies", "[token_response]") {
  struct Case {
    std::string body;
    const char* error;
  };
  const Case cases[] = {
      {"", "token response is not a JSON object"},
      {"<html>", "token response is not a JSON object"},
      {"[]", "token response is not a JSON object"},
      {R"({"token":1})", "token response has no token"},
      {R"({"token":""})", "token response has no token"},
      {R"({})", "token response has no token"},
      {"{\"token\":\"a\\r\\nX-Evil: 1\"}", "token response has a token with invalid characters"},
      {R"({"token":"a b"})", "token response has a token with invalid characters"},
      {std::string(100000, '['), "token response is not a JSON object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body.substr(0, 40));
    TokenResponse out;
    std::string error;
    CHECK_FALSE(ParseTokenResponse(c.body, &out, &error));
    CHECK(error == c.error);
  }
}
